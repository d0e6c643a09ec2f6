// How this person sees the canvas: a density (overzicht, normaal, groot) that is remembered, and
// presenting, a mode that is not: it hides the editing controls, shows the board in overzicht
// and ends with Esc or its button. density-init.js applies the remembered density early.
import { announce } from "./canvas.js";
import { delegate } from "./delegate.js";
import "./grid.js";  // the canvas as one keyboard stop with arrow keys between cards and cells
import "./marking.js";  // selecting cards and marking them: part of how this person works the canvas

const KEY = "brugwerk:density";
const DENSITIES = ["overzicht", "normaal", "groot"];
const root = document.documentElement;
const toggle = document.getElementById("bw-present-toggle");

function remembered() {
  try {
    const density = window.localStorage.getItem(KEY);
    return DENSITIES.includes(density) ? density : "normaal";
  } catch {
    return "normaal";
  }
}

function presenting() {
  return document.body.classList.contains("bw-present");
}

// Show `density` on the canvas and in the buttons' pressed state.
function show(density) {
  if (density === "normaal") delete root.dataset.density;
  else root.dataset.density = density;
  document.querySelectorAll("button[data-density]").forEach((button) => {
    button.setAttribute("aria-pressed", String(button.dataset.density === density));
  });
}

function choose(button) {
  try {
    window.localStorage.setItem(KEY, button.dataset.density);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  show(button.dataset.density);
}

function present(on) {
  if (on === presenting()) return;
  document.body.classList.toggle("bw-present", on);
  toggle.setAttribute("aria-pressed", String(on));
  show(on ? "overzicht" : remembered());
  announce(on ? toggle.dataset.textOn : toggle.dataset.textOff);
}

document.addEventListener("click", (event) => {
  delegate(event, [
    ["button[data-density]", choose],
    ["#bw-present-toggle", () => present(!presenting())],
  ]);
});

// Esc leaves presenting, unless something smaller (an open dialog, a menu) takes the key first.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || !presenting() || event.defaultPrevented) return;
  if (document.querySelector("dialog[open]")) return;
  present(false);
  toggle.focus();
});

// Forget the old "present" switch that came back after every reload (issue 12).
try {
  window.localStorage.removeItem("bw-present");
} catch {
  // storage blocked: nothing to forget
}
show(remembered());
