// A page with unsaved input warns before it is left. A form opts in with data-warn-unsaved;
// it is dirty while any field differs from what the page loaded with. Submitting a form takes
// its own input along, so only the other dirty forms still warn.

let submitting = null;

function dirty(form) {
  return Array.from(form.elements).some((field) => {
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") return Array.from(field.options).some((o) => o.selected !== o.defaultSelected);
    if ("defaultValue" in field && field.type !== "hidden") return field.value !== field.defaultValue;
    return false;
  });
}

/** Return the forms on the page whose input would be lost. */
export function unsavedForms() {
  return Array.from(document.querySelectorAll("form[data-warn-unsaved]")).filter(
    (form) => form !== submitting && dirty(form));
}

document.addEventListener("submit", (event) => {
  if (!event.defaultPrevented) submitting = event.target;
});

window.addEventListener("beforeunload", (event) => {
  const lost = unsavedForms();
  submitting = null;
  if (!lost.length) return;
  event.preventDefault();
  event.returnValue = "";  // older browsers need it set to show the question
});
