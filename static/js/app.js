// Small behaviours every page shares: copy buttons and the present (projector) view.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    const copy = event.target.closest("[data-copy]");
    if (copy) {
      const field = document.querySelector(copy.dataset.copy);
      if (field) {
        field.select();
        navigator.clipboard?.writeText(field.value);
        copy.textContent = copy.dataset.copied || "✓";
      }
      return;
    }
    const present = event.target.closest("#bw-present-toggle");
    if (present) {
      const on = document.body.classList.toggle("bw-present");
      present.setAttribute("aria-pressed", String(on));
      localStorage.setItem("bw-present", on ? "1" : "0");
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    const present = document.getElementById("bw-present-toggle");
    if (present && localStorage.getItem("bw-present") === "1") {
      document.body.classList.add("bw-present");
      present.setAttribute("aria-pressed", "true");
    }
  });
})();
