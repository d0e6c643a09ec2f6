// Nothing destructive in one click: a form with data-confirm (plain or htmx), an htmx request
// with hx-confirm, or any module that calls ask() first asks in one native <dialog>.
// The dialog is modal (focus stays in it), opens on "Annuleren" (Enter is the safe answer),
// closes on Esc and gives focus back to the control that asked.

/** Ask `question`; resolve true only when the person confirms. `action` names the yes button. */
export function ask(question, { action = "", opener = document.activeElement } = {}) {
  const dialog = document.getElementById("bw-confirm");
  if (!dialog || typeof dialog.showModal !== "function") return Promise.resolve(window.confirm(question));
  const yes = dialog.querySelector("button[value=ok]");
  dialog.querySelector("#bw-confirm-message").textContent = question;
  yes.textContent = action || yes.dataset.defaultLabel;
  dialog.returnValue = "";
  dialog.showModal();
  dialog.querySelector("button[value=cancel]").focus();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === "ok");
    }, { once: true });
  });
}

function label(control) {
  return control ? control.textContent.trim() : "";
}

// Capture phase: the question comes before htmx (or the browser) sends the form. A confirmed
// form is submitted again with the same button, and that second submit passes.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
  if (form.dataset.confirmed) {
    delete form.dataset.confirmed;
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  const submitter = event.submitter;
  if (await ask(form.dataset.confirm, { action: label(submitter), opener: submitter })) {
    form.dataset.confirmed = "1";
    form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
  }
}, true);

// hx-confirm on any element: the same dialog instead of the browser's confirm().
document.addEventListener("htmx:confirm", (event) => {
  if (!event.detail.question) return;
  event.preventDefault();
  const element = event.detail.elt;
  ask(event.detail.question, { action: label(element.matches("button") ? element : null), opener: element })
    .then((yes) => { if (yes) event.detail.issueRequest(true); });
});
