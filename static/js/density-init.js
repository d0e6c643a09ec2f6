// The person's remembered canvas density and lens, set on <html> before the page is drawn (no
// flash of the wrong size, nothing that moves after the first paint). A classic script in the
// head: board-view.js and reading.js do the rest once the page is parsed.
(function () {
  let density = null;
  let lens = null;
  try {
    density = window.localStorage.getItem("brugwerk:density");
    lens = window.localStorage.getItem("bw-lens");
  } catch {
    density = null;  // storage blocked: the default density and no lens
  }
  if (density === "overzicht" || density === "groot") document.documentElement.dataset.density = density;
  // reading.js moves the lens onto the canvas (and off <html>) when it starts.
  if (lens === "effective" || lens === "efficient" || lens === "coherent") document.documentElement.classList.add("bw-lens-" + lens);
})();
