// Print buttons: any element with data-print opens the browser's print dialog (no inline script).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
