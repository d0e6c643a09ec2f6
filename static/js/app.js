// Small behaviours every page shares: copy buttons.
import { delegate } from "./delegate.js";

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

