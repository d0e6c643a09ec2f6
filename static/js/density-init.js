// The person's remembered canvas density, set on <html> before the page is drawn (no flash of the
// wrong size). A classic script in the head: board-view.js does the rest once the page is parsed.
(function () {
  let density = null;
  try {
    density = window.localStorage.getItem("brugwerk:density");
  } catch {
    density = null;  // storage blocked: the default density
  }
  if (density === "overzicht" || density === "groot") document.documentElement.dataset.density = density;
})();
