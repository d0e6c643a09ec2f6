// Small behaviours every page shares: copy buttons, the present (projector) view, asking before
// destructive actions (confirm.js) and warning about unsaved input (unsaved.js).
import { delegate } from "./delegate.js";
import "./confirm.js";
import "./unsaved.js";

// A button with data-copy="<selector of an input>" copies that input's value.
async function copy(button) {
  const field = document.querySelector(button.dataset.copy);
  if (!field) return;
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    document.execCommand("copy");  // no clipboard API (plain http): copy the selection
  }
  button.textContent = button.dataset.copied || "✓";
}

// The present toggle switches the projector view and remembers it for the next page.
function togglePresent(present) {
  const on = document.body.classList.toggle("bw-present");
  present.setAttribute("aria-pressed", String(on));
  localStorage.setItem("bw-present", on ? "1" : "0");
}

document.addEventListener("click", (event) => {
  delegate(event, [
    ["[data-copy]", copy],
    ["#bw-present-toggle", togglePresent],
  ]);
});

// Modules run after the document is parsed: the toggle is in the page already.
const present = document.getElementById("bw-present-toggle");
if (present && localStorage.getItem("bw-present") === "1") {
  document.body.classList.add("bw-present");
  present.setAttribute("aria-pressed", "true");
}
