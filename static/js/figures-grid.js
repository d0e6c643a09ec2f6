// The monitor's grid of figures moves like a small spreadsheet: the arrow keys go to the field
// above, below or beside (left and right only once the caret is at the edge of the number, so
// a typed number can still be corrected), Enter saves as in any form. Up and down no longer
// count a number up or down: in a grid of households that is a slip, not a wish.
import { delegate } from "./delegate.js";

const GRID = ".bw-figures-grid";
const FIELD = "input.bw-figure-input";

function fieldAt(grid, row, column) {
  const rows = grid.querySelectorAll("tbody tr");
  const target = rows[row];
  return target ? target.querySelectorAll(FIELD)[column] : null;
}

function position(input) {
  const row = input.closest("tr");
  const rows = Array.from(row.parentElement.children);
  return [rows.indexOf(row), Array.from(row.querySelectorAll(FIELD)).indexOf(input)];
}

function atEdge(input, toStart) {
  if (input.selectionStart !== input.selectionEnd) return false;
  return toStart ? input.selectionStart === 0 : input.selectionEnd === input.value.length;
}

const STEPS = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

function move(input, event) {
  const step = STEPS[event.key];
  if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (step[1] && !atEdge(input, step[1] < 0)) return;
  const grid = input.closest(GRID);
  const [row, column] = position(input);
  const next = fieldAt(grid, row + step[0], column + step[1]);
  event.preventDefault();  // also at the grid's edge: no number counting up or down
  if (!next) return;
  next.focus();
  next.select();
}

document.addEventListener("keydown", (event) => {
  delegate(event, [[`${GRID} ${FIELD}`, move]]);
});
