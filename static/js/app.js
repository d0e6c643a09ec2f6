// Small behaviours every page shares: copy buttons, asking before destructive actions
// (confirm.js) and warning about unsaved input (unsaved.js).
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

document.addEventListener("click", (event) => {
  delegate(event, [
    ["[data-copy]", copy],
  ]);
});

