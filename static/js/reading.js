// Reading the bridge on the page: the lens switch, and live refresh of the reading fragments
// when live.js applies a board event.
import { onBoardEvent } from "./live.js";

const body = document.body;
const LENS_KEY = "bw-lens";
const LENS_CLASSES = ["bw-lens-effective", "bw-lens-efficient", "bw-lens-coherent"];
let refreshTimer = null;
const dirtyKinds = new Set();
// The cards whose parts the next overlay brings (null: every card, the whole overlay).
let dirtyCards = new Set();
// Cards edited or moved since the last refresh, and whether any card came, went or came back:
// a list marked data-bw-card-edits="mentioned" (markers, handovers) shows only the cards it
// names (data-mentions), so an edit of another card leaves it as it is. On a 2,000-card board
// that spares the server two renders per edit, and the next edit's push no longer waits for them.
let editedCards = new Set();
let cardsComeOrGo = false;
const EDITS = new Set(["card.updated", "card.moved"]);

// -- Lenses: a class on the canvas element recolours it (static/css/reading.css).
function applyLens(lens) {
  const canvas = document.getElementById("bw-canvas");
  // density-init.js set the remembered lens on <html> before the first paint; the canvas holds it now.
  document.documentElement.classList.remove.apply(document.documentElement.classList, LENS_CLASSES);
  if (canvas) {
    canvas.classList.remove.apply(canvas.classList, LENS_CLASSES);
    if (lens) canvas.classList.add("bw-lens-" + lens);
  }
  document.querySelectorAll(".bw-lens-switch [data-lens]").forEach(function (button) {
    button.setAttribute("aria-pressed", String(button.dataset.lens === lens));
  });
  if (canvas && lens === "coherent") fillPlain(canvas.querySelectorAll("li.bw-card[data-card-id]"));
}

// The coherent lens's usual words ("Ingang", "Geen overdrachten") are not sent in every card:
// a card without them gets them from one template while that lens is on.
function fillPlain(cards) {
  const template = document.getElementById("bw-coherent-plain");
  const canvas = document.getElementById("bw-canvas");
  if (!template || !canvas || !canvas.classList.contains("bw-lens-coherent")) return;
  cards.forEach(function (card) {
    let part = card.querySelector(":scope > .bw-reading--card");
    if (part && part.querySelector(".bw-lens-figure--coherent")) return;
    if (!part) {
      part = document.createElement("div");
      part.className = "bw-reading bw-reading--card";
      part.dataset.plain = "1";
      card.insertBefore(part, card.querySelector(":scope > .bw-card__actions"));
    }
    part.append(template.content.firstElementChild.cloneNode(true));
  });
}

function currentLens() {
  return localStorage.getItem(LENS_KEY) || "";
}

document.addEventListener("click", function (event) {
  const button = event.target.closest(".bw-lens-switch [data-lens]");
  if (button) {
    localStorage.setItem(LENS_KEY, button.dataset.lens);
    applyLens(button.dataset.lens);
  }
});

// -- The canvas overlay: badges and figures per phase, cell and card, from one fragment.
function overlayUrl() {
  const lensSwitch = document.querySelector(".bw-lens-switch[data-overlay-url]");
  return lensSwitch ? lensSwitch.dataset.overlayUrl : "";
}

function phaseSlot(phaseId) {
  let slot = document.querySelector('#bw-canvas [data-reading-phase="' + phaseId + '"]');
  if (slot) return slot;
  const heading = document.querySelector('#bw-canvas th[data-phase-id="' + phaseId + '"]');
  if (!heading) return null;
  slot = document.createElement("div");
  slot.className = "bw-reading bw-reading--phase";
  slot.dataset.readingPhase = phaseId;
  heading.append(slot);
  return slot;
}

// Replace only what changed: on a 2,000-card board the whole overlay holds 2,000 card parts,
// and looking each up in the document (or redrawing all of them) costs seconds. A card's part is
// found through its card (a card pushed live comes without one: it is added; an empty template
// says the card has nothing to say: its part goes).
function fillOverlay(html) {
  const canvas = document.getElementById("bw-canvas");
  if (!canvas) return;
  const holder = document.createElement("div");
  holder.innerHTML = html;
  const cells = new Map();
  canvas.querySelectorAll("[data-reading-cell]").forEach(function (slot) { cells.set(slot.dataset.readingCell, slot); });
  const cards = new Map();
  canvas.querySelectorAll("li.bw-card[data-card-id]:not([data-editing])").forEach(function (card) { cards.set(card.dataset.cardId, card); });
  const changed = [];
  const touched = [];
  holder.querySelectorAll("template").forEach(function (template) {
    if (template.dataset.readingPhase) {
      const slot = phaseSlot(template.dataset.readingPhase);
      if (slot) slot.replaceChildren(template.content.cloneNode(true));
      return;
    }
    const fresh = template.content.firstElementChild;
    const card = template.dataset.readingCard && cards.get(template.dataset.readingCard);
    const old = card ? card.querySelector(":scope > .bw-reading--card") : fresh && cells.get(fresh.dataset.readingCell);
    if (card) touched.push(card);
    if (!fresh) {
      if (old && !old.dataset.plain) old.remove();
      return;
    }
    if ((old && old.isEqualNode(fresh)) || (!old && !card)) return;
    const node = document.importNode(fresh, true);
    if (old) old.replaceWith(node); else card.insertBefore(node, card.querySelector(":scope > .bw-card__actions"));
    changed.push(node);
  });
  if (window.htmx) changed.forEach(function (node) { window.htmx.process(node); });
  fillPlain(touched);
}

// One overlay request at a time, in the order asked: a slow answer never overwrites a newer one.
let overlayQueue = Promise.resolve();

// `cards`: the ids of the cards whose parts to bring (with their handover partners); without
// it, the whole overlay. Phases and cells come always (a few dozen parts).
function refreshOverlay(cards) {
  const base = overlayUrl();
  if (!base || !document.getElementById("bw-canvas")) return;
  const url = new URL(base, window.location.href);
  if (cards) url.searchParams.set("cards", Array.from(cards).join(","));
  overlayQueue = overlayQueue
    .then(function () { return fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } }); })
    .then(function (response) { return response.ok ? response.text() : ""; })
    .then(function (html) { if (html) fillOverlay(html); })
    .catch(function () { /* offline: the next event asks again */ });
}

// The cards whose parts an event may change: its own cards, the cards whose handover lists
// name them, the cards showing its marker. null: anything (the canvas's structure changed).
function cardsOf(event) {
  const kind = String(event.type || "").split(".")[0];
  const data = event.data || {};
  const canvas = document.getElementById("bw-canvas");
  let ids = [];
  let links = [];
  if (kind === "phase" || kind === "lane" || kind === "organisation") return null;
  if (kind === "card") {
    ids = [data.id];
    links = ids.map(function (id) { return '.bw-reading--card a[href="#card-' + id + '"]'; });
  } else if (kind === "handover") {
    ids = [data.from_card_id, data.to_card_id];
  } else if (kind === "marker") {
    ids = [].concat(data.card_ids || []);
    links = ['.bw-reading--card a[href="#marker-' + data.id + '"]'];
  }
  if (canvas && links.length) {
    canvas.querySelectorAll(links.join(",")).forEach(function (link) {
      const card = link.closest("li.bw-card[data-card-id]");
      if (card) ids.push(card.dataset.cardId);
    });
  }
  return ids.filter(function (id) { return id !== undefined && id !== null; });
}

// -- Fragments marked data-bw-refresh reload when an event of one of their kinds arrives;
//    one that holds the focus of a form waits until the person leaves it.
function mentionsNone(element, cards) {
  return !Array.from(cards).some(function (id) {
    return element.querySelector('[data-mentions~="' + CSS.escape(String(id)) + '"]');
  });
}

// `edited`: the cards edited or moved, when no card came or went (else null).
function refreshFragments(kinds, edited) {
  document.querySelectorAll("[data-bw-refresh]").forEach(function (element) {
    const wanted = (element.dataset.bwKinds || "").split(" ");
    const reasons = wanted.filter(function (kind) { return !kinds || kinds.has(kind); });
    if (!reasons.length) return;
    if (kinds && edited && reasons.length === 1 && reasons[0] === "card"
        && element.dataset.bwCardEdits === "mentioned" && mentionsNone(element, edited)) return;
    if (element.contains(document.activeElement) && document.activeElement.form) {
      element.dataset.bwStale = "1";
      return;
    }
    let url = element.dataset.bwRefresh;
    const filter = element.dataset.bwRefreshForm && document.querySelector(element.dataset.bwRefreshForm);
    if (filter) url += "?" + new URLSearchParams(new FormData(filter)).toString();
    delete element.dataset.bwStale;
    // Each fragment is its own source: with the body as the source of all of them, htmx would
    // queue them behind each other and drop all but the first and the last.
    if (window.htmx) window.htmx.ajax("GET", url, { source: element, target: element, swap: "innerHTML" });
  });
}

function schedule(kind, cards, event) {
  dirtyKinds.add(kind);
  if (!cards) dirtyCards = null;
  else if (dirtyCards) cards.forEach(function (id) { dirtyCards.add(String(id)); });
  if (kind === "card") {
    if (EDITS.has(event.type) && event.data && event.data.id != null) editedCards.add(String(event.data.id));
    else cardsComeOrGo = true;
  }
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(function () {
    const kinds = new Set(dirtyKinds);
    const scope = dirtyCards;
    const edited = cardsComeOrGo ? null : editedCards;
    dirtyKinds.clear();
    dirtyCards = new Set();
    editedCards = new Set();
    cardsComeOrGo = false;
    refreshOverlay(scope);
    refreshFragments(kinds, edited);
  }, 300);
}

onBoardEvent(function (event) {
  const kind = String(event.type || "").split(".")[0];
  if (kind) schedule(kind, cardsOf(event), event);
});

// A form post of this page changed something: refresh as for a live event of every kind.
body.addEventListener("bw-reading-changed", function () {
  window.clearTimeout(refreshTimer);
  dirtyKinds.clear();
  dirtyCards = new Set();
  refreshTimer = window.setTimeout(function () {
    refreshOverlay();
    refreshFragments(null);
  }, 100);
});

document.addEventListener("focusout", function (event) {
  const stale = event.target.closest && event.target.closest("[data-bw-stale]");
  if (stale) window.setTimeout(function () {
    if (!stale.contains(document.activeElement)) refreshFragments(null);
  }, 200);
});

// A new entry (a proposed next step, a marker) is brought into view and focused once the list
// that shows it has been refreshed.
let created = "";
body.addEventListener("bw-created", function (event) {
  created = (event.detail && event.detail.id) || "";
  // A list filtered so that it hides the entry never shows it: forget it rather than jump later.
  window.setTimeout(function () { created = ""; }, 3000);
});
document.addEventListener("htmx:afterSettle", function () {
  const entry = created && document.getElementById(created);
  if (!entry) return;
  created = "";
  entry.setAttribute("tabindex", "-1");
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  entry.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "center" });
  entry.focus({ preventScroll: true });
});

// A decision on a suggestion that no longer holds is answered beside the list: the focus moves
// to the message (it is announced, and the list, no longer holding the focus, refreshes).
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.target.id === "bw-suggestions-message" && event.target.textContent.trim()) event.target.focus();
});
document.addEventListener("htmx:beforeRequest", function (event) {
  const message = document.getElementById("bw-suggestions-message");
  if (message && event.target.closest && event.target.closest(".bw-suggestion")) message.replaceChildren();
});

// The canvas region is replaced after structural changes: put the lens and figures back.
document.addEventListener("htmx:afterSettle", function () {
  const canvas = document.getElementById("bw-canvas");
  if (!canvas) return;
  const lens = currentLens();
  if (lens && !canvas.classList.contains("bw-lens-" + lens)) applyLens(lens);
  if (canvas.querySelector("th[data-phase-id]") && !canvas.querySelector("[data-reading-phase]")) refreshOverlay();
});

// Modules run after the document is parsed. The page holds the overlay already; only the phases'
// parts come later when the page has no place for them yet.
applyLens(currentLens());
const canvasOnLoad = document.getElementById("bw-canvas");
if (canvasOnLoad && canvasOnLoad.querySelector("th[data-phase-id]") && !canvasOnLoad.querySelector("[data-reading-phase]")) refreshOverlay();
