// Follow a running meeting on the canvas: when the coordinator steps to an agenda item, bring
// its phase, cell or cards into view and highlight them, unless "follow" is switched off.
import { onBoardEvent } from "./live.js";

const KEY = "brugwerk:follow";
const MARK = "bw-follow-highlight";
const CARD_MARK = "bw-card--highlight";

function following() {
  return window.localStorage.getItem(KEY) !== "off";
}

// The panel may be swapped for a fresh one (another meeting started): look its parts up each time.
function showFollowing() {
  const toggle = document.getElementById("bw-follow");
  if (toggle) toggle.checked = following();
}

document.addEventListener("change", function (event) {
  if (event.target.id !== "bw-follow") return;
  window.localStorage.setItem(KEY, event.target.checked ? "on" : "off");
  if (!event.target.checked) clearHighlight();
});

function clearHighlight() {
  document.querySelectorAll("." + MARK).forEach(function (el) { el.classList.remove(MARK); });
  document.querySelectorAll("." + CARD_MARK).forEach(function (el) { el.classList.remove(CARD_MARK); });
}

// The elements a focus {phase_id, lane_id, card_ids} points at: cards, else a cell, else a phase.
function targets(focus) {
  const cards = (focus.card_ids || []).map(function (id) {
    return document.querySelector('.bw-card[data-card-id="' + id + '"]');
  }).filter(Boolean);
  if (cards.length) return cards;
  if (!focus.phase_id) return [];
  if (focus.lane_id) {
    const cell = document.querySelector('.bw-cell[data-phase-id="' + focus.phase_id + '"][data-lane-id="' + focus.lane_id + '"]');
    if (cell) return [cell];
  }
  return Array.prototype.slice.call(document.querySelectorAll(
    '.bw-phase[data-phase-id="' + focus.phase_id + '"], .bw-cell[data-phase-id="' + focus.phase_id + '"]'));
}

// The panel's meeting says where it stands (Gepland → Bezig → Afgelopen) as the meeting moves.
function showStatus(data) {
  const panel = document.getElementById("bw-meeting-panel");
  const status = document.getElementById("bw-meeting-status");
  if (!panel || !status || !data.status || Number(panel.dataset.meetingId) !== data.id) return;
  const key = "text" + data.status.charAt(0).toUpperCase() + data.status.slice(1);
  if (status.dataset[key]) status.textContent = status.dataset[key];
}

function markCurrentItem(data) {
  showStatus(data);
  document.querySelectorAll("[data-meeting-item-id]").forEach(function (el) {
    const current = Number(el.dataset.meetingItemId) === data.current_item_id;
    el.classList.toggle("bw-agenda__item--current", current);
    if (current) el.setAttribute("aria-current", "step");
    else el.removeAttribute("aria-current");
  });
  const now = document.getElementById("bw-meeting-now");
  if (!now) return;
  const item = document.querySelector('[data-meeting-item-id="' + data.current_item_id + '"] .bw-agenda__title');
  showNowPresenting(data.status === "running" && item ? item.textContent : "");
  if (data.status === "ended") {
    now.textContent = now.dataset.textEnded;
    now.hidden = false;
  } else if (item || data.current_title) {
    // Another meeting than the one in the panel may run: its event names the item itself.
    const text = now.dataset.textRunning + " " + (item ? item.textContent : data.current_title);
    if (now.textContent !== text) now.textContent = text; // the page may carry it already
    now.hidden = false;
  }
}

// The presenting bar (boards/_present_bar.html) names the item under discussion, if any.
function showNowPresenting(title) {
  document.querySelectorAll("[data-meeting-now]").forEach(function (el) {
    el.replaceChildren();
    if (!title) return;
    const strong = document.createElement("strong");
    strong.textContent = title;
    el.append(document.getElementById("bw-meeting-now").dataset.textRunning + " ", strong);
  });
}

function follow(data, instant) {
  markCurrentItem(data);
  clearHighlight();
  if (!following() || data.status !== "running" || !data.focus) return;
  const found = targets(data.focus);
  if (!found.length) return;
  found.forEach(function (el) {
    el.classList.add(el.classList.contains("bw-card") ? CARD_MARK : MARK);
  });
  const still = instant || window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  found[0].scrollIntoView({ behavior: still ? "auto" : "smooth", block: "center", inline: "center" });
}

// A meeting other than the panel's one moved (started, say): the server picks the panel's
// meeting again, then the canvas follows. Events can arrive while a fetch is on its way (start,
// then a step to an item): only the newest fetch is used, and it follows the newest event.
let latest = null;
let swaps = 0;

function swapPanel() {
  const panel = document.getElementById("bw-meeting-panel");
  const ticket = ++swaps;
  fetch(panel.dataset.panelUrl, { credentials: "same-origin", headers: { "HX-Request": "true" } })
    .then(function (response) { return response.ok ? response.text() : ""; })
    .then(function (html) {
      const template = document.createElement("template");
      template.innerHTML = html.trim();
      const fresh = template.content.firstElementChild;
      const current = document.getElementById("bw-meeting-panel");
      if (ticket !== swaps || !fresh || !current) return;
      current.replaceWith(fresh);
      showFollowing();
      if (latest && latest.status === "running" && Number(fresh.dataset.meetingId) === latest.id) {
        follow(latest);
      }
    });
}

onBoardEvent(function (event) {
  if (!event.type.startsWith("meeting.") || !event.data) return;
  latest = event.data;
  const panel = document.getElementById("bw-meeting-panel");
  const other = panel && Number(panel.dataset.meetingId) !== event.data.id;
  if (other || event.type === "meeting.deleted") swapPanel();
  else if (event.type === "meeting.updated") follow(event.data);
});

// A page opened mid-meeting lands where the others are: the panel carries the running meeting's
// place. Wait for the layout (fonts, density) so the scroll lands where it will stay.
function landOnCurrentItem() {
  const panel = document.getElementById("bw-meeting-panel");
  if (panel && panel.dataset.follow) follow(JSON.parse(panel.dataset.follow), true);
}
showFollowing();
if (document.readyState === "complete") landOnCurrentItem();
else window.addEventListener("load", landOnCurrentItem, { once: true });
