// Canvas interactions: drag and drop (SortableJS), the same moves by keyboard, organisation
// highlighting, and placing cards in their cell in the server's order. Moves go through the
// JSON API (one card at a time, the server computes the position). live.js imports what it needs.
import { ask } from "./confirm.js";
import { delegate } from "./delegate.js";

const body = document.body;
const boardId = Number(body.dataset.boardId);

// The server's roles in rank order (app/permissions.py): a role allows what every lower one may.
const ROLES = ["viewer", "partner", "coordinator"];
export const EDIT = "partner";
export const MANAGE = "coordinator";

/** Tell whether `role` may do what needs `need` (EDIT, MANAGE), as the server decides. */
export function allows(role, need) {
  const rank = ROLES.indexOf(role);
  return rank >= 0 && rank >= ROLES.indexOf(need);
}

// What the live channel wants to hear from the canvas (set by live.js through `onCanvas`).
const listeners = { dragEnd() {}, editing() {} };
const selectedOrganisations = new Set();
let editing = null;
let reloadTimer = null;

/** Let the live channel know when a drag ends and which card this person is editing. */
export function onCanvas({ dragEnd, editing: editingChanged }) {
  if (dragEnd) listeners.dragEnd = dragEnd;
  if (editingChanged) listeners.editing = editingChanged;
}

/** The id of the card whose form this person has open, or null. */
export function editingCard() {
  return editing;
}

/** Tell screen readers about a change (the polite live region of boards/_announcer.html). */
export function announce(message) {
  const announcer = document.getElementById("bw-announcer");
  if (!announcer || !message) return;
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = message; }, 50);
}

/** Reload the canvas region (legend, phases, lanes, cards) and the organisations' colours. */
export function reloadCanvas() {
  window.clearTimeout(reloadTimer);
  reloadTimer = window.setTimeout(() => {
    const link = document.getElementById("bw-org-css");
    if (link && body.dataset.orgCssUrl) link.href = body.dataset.orgCssUrl + "?v=" + (body.dataset.seq || "");
    if (window.htmx && body.dataset.canvasUrl) {
      window.htmx.ajax("GET", body.dataset.canvasUrl, { target: "#bw-canvas-region", swap: "outerHTML" });
    }
  }, 250);
}

function cards(list) {
  return Array.from(list.children).filter((li) => li.dataset.position);
}

function cellList(phaseId, laneId) {
  return document.querySelector('#bw-canvas td[data-phase-id="' + phaseId + '"][data-lane-id="' + (laneId || "") + '"] .bw-cell__cards');
}

function markEmpty(cell) {
  cell.classList.toggle("bw-cell--empty", !cell.querySelector(".bw-card"));
}

// The server renders a card's controls once (#bw-card-actions); every card an editor sees
// gets its own copy here: on load, after htmx swaps and when a live push places a card.
function actionsTemplate() {
  return document.getElementById("bw-card-actions");
}

function addActions(card) {
  const actions = actionsTemplate();
  if (!actions || card.dataset.editing || card.querySelector(".bw-card__actions")) return;
  const group = actions.content.firstElementChild.cloneNode(true);
  group.setAttribute("aria-labelledby", "ct-" + card.dataset.cardId);
  card.appendChild(group);
}

// Where the controls show only on hover or focus (a precise pointer, brugwerk.css), a card gets
// them when the pointer or the focus reaches it: a 2,000-card board would otherwise build 12,000
// buttons at load. Where they always show (touch), every card gets them at once.
const ON_DEMAND = window.matchMedia("(hover: hover) and (pointer: fine) and (not (any-pointer: coarse))");

function actionsOnDemand(event) {
  const card = event.target.closest && event.target.closest("#bw-canvas li.bw-card[data-card-id]");
  if (card && actionsTemplate()) addActions(card);
}

function addAllActions() {
  if (!actionsTemplate() || ON_DEMAND.matches) return;
  document.querySelectorAll("#bw-canvas li.bw-card[data-card-id]").forEach(addActions);
}

function cardUrl(card, action) {
  return actionsTemplate().dataset.cardsUrl + "/" + card.dataset.cardId + "/" + action;
}

function runAction(button) {
  const card = button.closest(".bw-card");
  if (!window.htmx || !card) return;
  if (button.dataset.action === "edit") {
    window.htmx.ajax("GET", cardUrl(card, "edit"), { source: button, target: card, swap: "outerHTML" });
  } else {
    ask(actionsTemplate().dataset.confirmDelete, { action: button.textContent.trim(), opener: button }).then((yes) => {
      if (yes) window.htmx.ajax("POST", cardUrl(card, "delete"), { source: button, target: card, swap: "delete" });
    });
  }
}

/** Put a card in the cell of `phaseId` and `laneId` (a card sits where its cell is; it carries no
 * phase or lane itself) at the place its position key says (ties: lower id first). */
export function placeCard(card, phaseId, laneId) {
  addActions(card);
  const list = cellList(phaseId, laneId);
  if (!list) return;
  const before = cards(list).find((other) =>
    other !== card && (other.dataset.position > card.dataset.position ||
      (other.dataset.position === card.dataset.position && Number(other.dataset.cardId) > Number(card.dataset.cardId))));
  list.insertBefore(card, before || null);
  markEmpty(list.closest("td"));
  applyFilter(card);
}

/** Take a card off the canvas (deleted, or about to be placed again). */
export function removeCard(card) {
  const cell = card.closest("td");
  card.remove();
  if (cell) markEmpty(cell);
}

/** POST `payload` to the board's JSON API at `path`; rejects with the API's error body. */
export function api(path, payload) {
  return fetch("/api/v1/boards/" + boardId + path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": body.dataset.csrfToken },
    body: JSON.stringify(payload),
  }).then((response) => response.json().then((data) => {
    if (!response.ok) throw data;
    return data;
  }));
}

function cellName(cell) {
  return cell.querySelector(".bw-cell__cards").getAttribute("aria-label");
}

function move(card, cell, afterCard) {
  const payload = {
    phase_id: Number(cell.dataset.phaseId),
    lane_id: cell.dataset.laneId ? Number(cell.dataset.laneId) : null,
    after_card_id: afterCard ? Number(afterCard.dataset.cardId) : null,
  };
  return api("/cards/" + card.dataset.cardId + "/move", payload).then((moved) => {
    card.dataset.position = moved.position;
    card.dataset.version = moved.version;
    const title = card.querySelector(".bw-card__title");
    announce((title ? "‘" + title.textContent + "’ → " : "") + cellName(cell));
  }).catch((error) => {
    announce(error && error.error ? error.error.message : "");
    reloadCanvas();
  });
}

function initSortable() {
  if (!allows(body.dataset.role, EDIT) || typeof window.Sortable === "undefined") return;
  document.querySelectorAll("#bw-canvas .bw-cell__cards").forEach((list) => {
    if (list.dataset.sortable) return;
    list.dataset.sortable = "1";
    window.Sortable.create(list, {
      group: "cards",
      animation: 120,
      forceFallback: true,  // mouse and touch events, not HTML5 drag: the same on every device
      draggable: ".bw-card:not(.bw-card--editing-form)",
      filter: "button, a, input, textarea, select",
      preventOnFilter: false,
      onStart() { body.classList.add("bw-dragging"); },
      onEnd(event) {
        body.classList.remove("bw-dragging");
        listeners.dragEnd();
        if (event.from === event.to && event.oldIndex === event.newIndex) return;
        const card = event.item;
        const siblings = cards(event.to);
        const index = siblings.indexOf(card);
        markEmpty(event.from.closest("td"));
        markEmpty(event.to.closest("td"));
        move(card, event.to.closest("td"), index > 0 ? siblings[index - 1] : null);
      },
    });
  });
}

// The keyboard equivalent of dragging: one step left/right (phase) or up/down (order, lane).
function nudge(card, direction) {
  const cell = card.closest("td");
  const list = cell.querySelector(".bw-cell__cards");
  const siblings = cards(list);
  const index = siblings.indexOf(card);
  let target = cell;
  let after = null;
  if (direction === "left" || direction === "right") {
    target = direction === "left" ? cell.previousElementSibling : cell.nextElementSibling;
    if (!target || !target.matches("td.bw-cell")) return;
    const targetCards = cards(target.querySelector(".bw-cell__cards"));
    after = targetCards[targetCards.length - 1] || null;
  } else if (direction === "up") {
    if (index > 0) {
      after = siblings[index - 2] || null;
    } else {
      const row = cell.parentElement.previousElementSibling;
      target = row && row.querySelector('td[data-phase-id="' + cell.dataset.phaseId + '"]');
      if (!target) return;
      const targetCards = cards(target.querySelector(".bw-cell__cards"));
      after = targetCards[targetCards.length - 1] || null;
    }
  } else {
    if (index < siblings.length - 1) {
      after = siblings[index + 1];
    } else {
      const row = cell.parentElement.nextElementSibling;
      target = row && row.querySelector('td[data-phase-id="' + cell.dataset.phaseId + '"]');
      if (!target) return;
    }
  }
  const targetList = target.querySelector(".bw-cell__cards");
  targetList.insertBefore(card, after ? after.nextElementSibling : targetList.firstElementChild);
  markEmpty(cell);
  markEmpty(target);
  const control = card.querySelector('[data-move="' + direction + '"]');
  if (control) control.focus();
  move(card, target, after);
}

// A card's organisation is its class bw-org-<id>.
function applyFilter(card) {
  const dim = selectedOrganisations.size > 0 &&
    !Array.from(selectedOrganisations).some((id) => card.classList.contains("bw-org-" + id));
  card.classList.toggle("bw-card--dimmed", dim);
}

function applyFilters() {
  document.querySelectorAll("#bw-canvas li.bw-card[data-card-id]").forEach(applyFilter);
}

// A legend button highlights its organisation's cards; pressing it again lets go.
function toggleOrganisation(organisation) {
  const id = organisation.dataset.organisationId;
  const on = !selectedOrganisations.has(id);
  if (on) selectedOrganisations.add(id); else selectedOrganisations.delete(id);
  organisation.setAttribute("aria-pressed", String(on));
  applyFilters();
}

// Cancelling a new card's form removes it and gives focus back to the cell's add button.
function cancelNew(cancel) {
  const form = cancel.closest("li");
  const cell = form.closest("td");
  form.remove();
  const add = cell && cell.querySelector(".bw-cell__add");
  if (add) add.focus();
}

function onClick(event) {
  delegate(event, [
    ["[data-move]", (button) => nudge(button.closest(".bw-card"), button.dataset.move)],
    [".bw-card__actions [data-action]", runAction],
    [".bw-legend__org", toggleOrganisation],
    ['[data-action="cancel-new"]', cancelNew],
    ['[data-action="open-conflict"]', openConflict],
  ]);
}

// A stale save answers with the conflict view: theirs beside mine in a wide modal dialog. Closing
// it keeps the card waiting in its cell with a button that opens the dialog again.
function openConflict(button) {
  const dialog = button.closest("li").querySelector("dialog.bw-conflict-dialog");
  if (!dialog || dialog.open) return;
  dialog.addEventListener("close", () => { if (button.isConnected) button.focus(); }, { once: true });
  dialog.showModal();
}

// After htmx swaps: keep one element per card (a live push may have raced the response),
// focus new forms, and tell the live channel which card this person is editing.
function afterSettle(event) {
  const table = document.getElementById("bw-canvas");
  if (!table) return;
  dedupe(table);
  const conflict = event.detail.elt && event.detail.elt.querySelector('[data-action="open-conflict"]');
  if (conflict) openConflict(conflict);
  const form = table.querySelector(".bw-card--editing-form input[name=title]");
  if (form && event.detail.elt && event.detail.elt.contains(form)) form.focus();
  const current = table.querySelector("li[data-editing]");
  const id = current ? Number(current.dataset.cardId) : null;
  if (id !== editing) {
    editing = id;
    listeners.editing(id);
  }
  addAllActions();
  initSortable();
  applyFilters();
}

// A live push may race an htmx response for the same card: keep the newest version only.
function dedupe(table) {
  const seen = new Map();
  table.querySelectorAll("li.bw-card[data-card-id]:not([data-editing])").forEach((card) => {
    const other = seen.get(card.dataset.cardId);
    if (!other) {
      seen.set(card.dataset.cardId, card);
      return;
    }
    const older = Number(other.dataset.version) > Number(card.dataset.version) ? card : other;
    seen.set(card.dataset.cardId, older === card ? other : card);
    removeCard(older);
  });
}

// Modules run after the document is parsed: the canvas region is in the page already (it is
// absent on the reading pages, which load this module only through live.js).
if (boardId && document.getElementById("bw-canvas-region")) {
  document.addEventListener("click", onClick);
  body.addEventListener("htmx:afterSettle", afterSettle);
  document.addEventListener("pointerover", actionsOnDemand);
  document.addEventListener("focusin", actionsOnDemand);
  addAllActions();
  initSortable();
}
