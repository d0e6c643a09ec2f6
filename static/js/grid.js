// The canvas as one keyboard stop: a roving-tabindex grid (WAI-ARIA APG grid pattern). Its items
// are the cards, and an empty cell where a cell has none. Exactly one item has tabindex=0 (the
// template gives every card tabindex=-1, so nothing loops over the cards); the arrow keys, Home
// and End move between items, Enter opens a card (its edit form, or its details for a viewer),
// F2 (or Enter on an empty cell) goes into the item's own controls, where Tab cycles and Esc
// comes back out. Everything works by event delegation: live pushes, htmx swaps and density
// changes redraw cards without this module touching any card but the current one.
import { allows, announce, EDIT } from "./canvas.js";
import { onBoardEvent } from "./live.js";

const body = document.body;
const CARD = "li.bw-card[data-card-id]:not([data-editing])";
const ITEM = CARD + ", td.bw-cell--empty";
// What an item holds that a person can operate once inside it.
const CONTROL = "button, a[href], summary, input, select, textarea";
let current = null;  // the item with tabindex=0
let currentId = "";  // its id, to find the same card again after a redraw
let hadFocus = false;  // whether the grid had the focus before a redraw took it away

function table() {
  return document.getElementById("bw-canvas");
}

function itemsOf(cell) {
  if (!cell) return [];
  const cards = Array.from(cell.querySelectorAll(CARD));
  return cards.length ? cards : [cell];
}

function cellOf(item) {
  return item.matches("td") ? item : item.closest("td.bw-cell");
}

function cellsOf(row) {
  return row ? Array.from(row.querySelectorAll(":scope > td.bw-cell")) : [];
}

function isItem(element) {
  return Boolean(element && element.matches && element.matches(ITEM) && element.closest("#bw-canvas"));
}

function text(key) {
  const hint = document.getElementById("bw-grid-position");
  return hint ? hint.dataset[key] || "" : "";
}

// "Fase × Baan, kaart 2 van 3": the position, read after the item's own name (aria-describedby).
function describe(item) {
  const hint = document.getElementById("bw-grid-position");
  const cell = cellOf(item);
  if (!hint || !cell) return;
  const phase = document.getElementById("phase-" + cell.dataset.phaseId);
  const lane = cell.parentElement.querySelector("th.bw-lane");
  const where = [phase && phase.querySelector(".bw-phase__name").textContent, lane && lane.textContent]
    .filter(Boolean).map((name) => name.trim()).join(" × ");
  const items = itemsOf(cell);
  hint.textContent = item.matches("td")
    ? text("textEmpty").replace("{where}", where)
    : text("textCard").replace("{where}", where).replace("{n}", items.indexOf(item) + 1).replace("{total}", items.length);
  item.setAttribute("aria-describedby", "bw-grid-position");
  // A card is named by its title once it takes part (the page does not carry it on 2,000 cards).
  if (!item.matches("td")) item.setAttribute("aria-labelledby", "ct-" + item.dataset.cardId);
}

// Take the tab stop from an item: a card stays focusable (-1), a cell becomes a plain cell again.
function release(item) {
  item.removeAttribute("aria-describedby");
  if (item.matches("td")) item.removeAttribute("tabindex");
  else item.tabIndex = -1;
}

/** Make `item` the grid's one tab stop (without moving the focus). */
function rove(item) {
  if (!item || item === current) return;
  if (current) release(current);
  current = item;
  currentId = item.id;
  item.tabIndex = 0;
}

function go(item) {
  if (!item) return;
  rove(item);
  describe(item);
  item.focus();
}

// The item an arrow key (or Home, End) leads to from `item`, or null at the grid's edge.
function target(item, event) {
  const cell = cellOf(item);
  const row = cell.parentElement;
  const items = itemsOf(cell);
  const index = items.indexOf(item);
  const cells = cellsOf(row);
  const column = cells.indexOf(cell);
  const rows = Array.from(table().tBodies[0].rows);
  const sameColumn = (other) => cellsOf(other)[column];
  switch (event.key) {
    case "ArrowLeft":
    case "ArrowRight": {
      const next = itemsOf(cells[column + (event.key === "ArrowLeft" ? -1 : 1)]);
      return next[Math.min(index, next.length - 1)] || null;
    }
    case "ArrowUp":
      return items[index - 1] || itemsOf(sameColumn(row.previousElementSibling)).at(-1) || null;
    case "ArrowDown":
      return items[index + 1] || itemsOf(sameColumn(row.nextElementSibling))[0] || null;
    case "Home":
      return itemsOf(event.ctrlKey ? cellsOf(rows[0])[0] : cells[0])[0] || null;
    case "End":
      return itemsOf(event.ctrlKey ? cellsOf(rows.at(-1)).at(-1) : cells.at(-1)).at(-1) || null;
    default:
      return null;
  }
}

// The controls an item holds: a card's own, then its cell's ("+ Aanbod", "Gat markeren").
function controls(item) {
  const cell = cellOf(item);
  const own = item.matches("td") ? [] : Array.from(item.querySelectorAll(CONTROL));
  const cellControls = Array.from(cell.querySelectorAll(":scope > " + CONTROL.split(", ").join(", :scope > ")));
  return own.concat(cellControls).filter((control) => control.getClientRects().length > 0);
}

// Enter on a card opens it: an editor gets the edit form, a viewer (and anyone presenting,
// which edits nothing) the card's details.
function open(card) {
  const edit = card.querySelector('[data-action="edit"]');
  if (edit && allows(body.dataset.role, EDIT) && !body.classList.contains("bw-present")) {
    edit.click();
    return;
  }
  const opened = card.classList.toggle("bw-card--open");
  if (opened) announce(card.innerText.replace(/\s+/g, " ").trim());
}

// The item whose controls hold `element` (a card, else the cell's current item).
function owner(element) {
  const card = element.closest(CARD);
  if (card) return card;
  const cell = element.closest("td.bw-cell");
  return cell ? itemsOf(cell).find((item) => item === current) || itemsOf(cell)[0] : null;
}

function onItemKey(event, item) {
  if (event.key === "Enter" || event.key === "F2") {
    if (event.key === "Enter" && !item.matches("td")) {
      open(item);
    } else {
      const inside = controls(item);
      if (!inside.length) return;
      inside[0].focus();
    }
    event.preventDefault();
    return;
  }
  if (event.altKey || event.metaKey || event.shiftKey) return;
  const next = target(item, event);
  if (!next && !event.key.startsWith("Arrow") && event.key !== "Home" && event.key !== "End") return;
  event.preventDefault();  // the arrows move in the grid, they do not scroll the frame
  go(next);
}

// Inside an item: Tab cycles through its controls, Esc goes back to the item.
function onControlKey(event) {
  const control = event.target;
  if (control.closest("form, dialog, [data-editing]")) return;
  const item = owner(control);
  if (!item) return;
  if (event.key === "Escape") {
    event.preventDefault();  // not also "clear the selection" or "stop presenting"
    go(item);
  } else if (event.key === "Tab") {
    const inside = controls(item);
    const at = inside.indexOf(control);
    if (at < 0) return;
    event.preventDefault();
    inside[(at + (event.shiftKey ? inside.length - 1 : 1)) % inside.length].focus();
  }
}

function onKey(event) {
  const element = event.target;
  if (!element.closest || !element.closest("#bw-canvas") || body.classList.contains("bw-dragging")) return;
  if (isItem(element)) onItemKey(event, element);
  else if (element.matches(CONTROL)) onControlKey(event);
}

// A click or a program's focus() on an item makes it the tab stop as well.
function onFocusIn(event) {
  const inGrid = Boolean(event.target.closest && event.target.closest("#bw-canvas"));
  hadFocus = inGrid;
  if (isItem(event.target)) {
    rove(event.target);
    describe(event.target);
  }
}

function firstItem() {
  const grid = table();
  return grid ? grid.querySelector(ITEM) : null;
}

// After a redraw: the same card (found by id) or else the first item keeps the tab stop, and the
// focus comes back if the redraw took it from the grid.
function sync() {
  const grid = table();
  if (!grid) return;
  if (current && current.isConnected && isItem(current)) return;
  if (current && current.isConnected) release(current);  // a cell that has cards now
  const again = currentId && document.getElementById(currentId);
  current = null;
  const inCell = again && again.matches("td.bw-cell") ? itemsOf(again)[0] : null;
  const item = isItem(again) ? again : inCell || firstItem();
  if (!item) return;
  rove(item);
  const active = document.activeElement;
  if (hadFocus && (!active || active === body)) go(item);
}

// A saved card (new or edited) comes back in place of its form: the focus goes to it.
// (A live push of the same card may have won the race: then that element is the card.)
function afterSettle(event) {
  const element = event.detail && event.detail.elt;
  const card = element && element.matches && element.matches(CARD) ? document.getElementById(element.id) : null;
  const active = document.activeElement;
  if (isItem(card) && (!active || active === body || !active.isConnected)) {
    hadFocus = true;
    go(card);
    return;
  }
  sync();
}

// The skip link "Naar het canvas" lands on the grid's tab stop, ready for the arrow keys.
function onClick(event) {
  const link = event.target.closest && event.target.closest('a[href="#bw-canvas-frame"]');
  if (!link) return;
  const item = current && current.isConnected ? current : firstItem();
  if (!item) return;
  event.preventDefault();
  go(item);
}

if (document.getElementById("bw-canvas-region")) {
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("click", onClick);
  body.addEventListener("htmx:afterSettle", afterSettle);
  onBoardEvent(() => window.setTimeout(sync, 0));
  sync();
}
