// Marking on the canvas itself: click a card (or press Space on it) to add it to a selection,
// then mark the selection as an overlap or bottleneck, or link two cards by a warm handover; an
// empty cell is marked as a gap from its own button. Everything goes through the JSON API; the
// reading overlay and lists follow through the live events, as for any other change.
import { announce, api } from "./canvas.js";
import { onBoardEvent } from "./live.js";

const body = document.body;
const boardId = Number(body.dataset.boardId);
const bar = document.getElementById("bw-selection");
const selected = [];  // card ids, in the order they were chosen (a handover goes first → second)
// Inside a card these keep their own meaning: a click on them never selects the card.
const CONTROLS = "button, a, input, textarea, select, summary, label, dialog, [data-editing]";

function text(key, values) {
  let message = bar.dataset[key] || "";
  Object.entries(values || {}).forEach(([name, value]) => { message = message.replace("{" + name + "}", value); });
  return message;
}

function cardOf(id) {
  return document.querySelector('#bw-canvas li.bw-card[data-card-id="' + id + '"]');
}

function titleOf(card) {
  const title = card && card.querySelector(".bw-card__title");
  return title ? title.textContent.trim() : "";
}

function showError(message, near) {
  const slot = near || document.getElementById("bw-selection-error");
  slot.textContent = message;
}

// Draw the selection: a class and a hidden word on each chosen card, the bar with its count.
function render() {
  document.querySelectorAll("#bw-canvas .bw-card--selected").forEach((card) => {
    if (!selected.includes(Number(card.dataset.cardId))) {
      card.classList.remove("bw-card--selected");
      const state = card.querySelector(".bw-card__selected");
      if (state) state.remove();
    }
  });
  selected.forEach((id) => {
    const card = cardOf(id);
    if (!card || card.classList.contains("bw-card--selected")) return;
    card.classList.add("bw-card--selected");
    const state = document.createElement("span");
    state.className = "bw-card__selected bw-visually-hidden";
    state.textContent = " (" + text("textState") + ")";
    card.querySelector(".bw-card__title").after(state);
  });
  bar.hidden = selected.length === 0;
  document.getElementById("bw-selection-count").textContent = text("textCount", { n: selected.length });
  bar.querySelector('[data-mark="handover"]').setAttribute("aria-disabled", String(selected.length !== 2));
}

function toggle(card) {
  const id = Number(card.dataset.cardId);
  const at = selected.indexOf(id);
  if (at >= 0) selected.splice(at, 1); else selected.push(id);
  showError("");
  render();
  const key = at >= 0 ? "textDeselected" : "textSelected";
  announce(text(key, { title: titleOf(card) }) + ". " + text("textCount", { n: selected.length }));
}

function clear() {
  selected.splice(0, selected.length);
  showError("");
  render();
}

// The API's words for a refusal: its message and the fields' messages.
function reason(error) {
  const detail = error && error.error;
  if (!detail) return text("textFailed");
  return [detail.message].concat(Object.values(detail.fields || {})).filter(Boolean).join(" ");
}

function markSelection(button) {
  const kind = button.dataset.mark;
  if (kind === "clear") {
    clear();
    return;
  }
  if (kind === "handover") {
    if (selected.length !== 2) {
      showError(text("textTwo"));
      return;
    }
    const [from, to] = selected;
    const title = titleOf(cardOf(from)) + " → " + titleOf(cardOf(to));
    api("/handovers", { from_card_id: from, to_card_id: to })
      .then(() => { announce(text("textMarked", { title: title })); clear(); })
      .catch((error) => showError(reason(error)));
    return;
  }
  const title = button.dataset.label + ": " + selected.map((id) => titleOf(cardOf(id))).join(" · ");
  api("/markers", { kind: kind, title: title.slice(0, 200), card_ids: selected.slice() })
    .then(() => { announce(text("textMarked", { title: title })); clear(); })
    .catch((error) => showError(reason(error)));
}

// A gap from the cell itself; a refusal shows right below the cell's button.
function markGap(button) {
  const cell = button.closest("td.bw-cell");
  let slot = cell.querySelector(".bw-cell__error");
  if (!slot) {
    slot = document.createElement("p");
    slot.className = "bw-cell__error";
    slot.setAttribute("role", "alert");
    button.after(slot);
  }
  slot.textContent = "";
  const payload = {
    kind: "gap",
    title: button.dataset.title,
    phase_id: Number(cell.dataset.phaseId),
    lane_id: cell.dataset.laneId ? Number(cell.dataset.laneId) : null,
  };
  api("/markers", payload)
    .then(() => { slot.remove(); announce(text("textMarked", { title: button.dataset.title })); })
    .catch((error) => { slot.textContent = reason(error); });
}

function onClick(event) {
  if (body.classList.contains("bw-present")) return;
  const gap = event.target.closest("[data-mark-gap]");
  if (gap) {
    markGap(gap);
    return;
  }
  const mark = event.target.closest("#bw-selection [data-mark]");
  if (mark) {
    markSelection(mark);
    return;
  }
  const card = event.target.closest("#bw-canvas li.bw-card[data-card-id]");
  if (card && !event.target.closest(CONTROLS) && !card.dataset.editing) toggle(card);
}

function onKey(event) {
  if (body.classList.contains("bw-present")) return;
  const card = event.target.closest && event.target.closest("#bw-canvas li.bw-card[data-card-id]");
  if (event.key === " " && card && event.target === card) {
    event.preventDefault();  // Space selects; it does not scroll the canvas
    toggle(card);
  } else if (event.key === "Escape" && selected.length && !event.defaultPrevented) {
    clear();
  }
}

// Cards are redrawn by live pushes and htmx swaps: draw the selection again; a card that is gone
// leaves the selection. (Cards are focusable from their template; grid.js keeps one a tab stop.)
function refresh() {
  for (let i = selected.length - 1; i >= 0; i -= 1) {
    if (!cardOf(selected[i])) selected.splice(i, 1);
  }
  render();
}

if (bar && boardId) {
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  body.addEventListener("htmx:afterSettle", refresh);
  onBoardEvent(() => window.setTimeout(refresh, 0));
  refresh();
}
