// Dot-voting in the side panel. The +/− buttons post through htmx and get the redrawn panel
// back (focus returns to the button pressed). Live: a vote's event says only how many people
// voted and where the vote stands; the count changes in place, and the panel is fetched again
// when a vote starts, is revealed or closes (each person's own dots come with it).
import { onBoardEvent } from "./live.js";

let refreshing = null;

function panel() {
  return document.getElementById("bw-votes");
}

function votersText(count) {
  const texts = panel().dataset;
  return count === 1 ? texts.textVotersOne : texts.textVotersMany.replace("{n}", count);
}

function refresh() {
  const current = panel();
  if (!current || refreshing) return;
  // Someone filling in the new-vote form keeps it: the panel follows once they leave it.
  if (current.querySelector(".bw-vote-new")?.contains(document.activeElement)) return;
  refreshing = fetch(current.dataset.panelUrl, { credentials: "same-origin", headers: { "HX-Request": "true" } })
    .then((response) => (response.ok ? response.text() : ""))
    .then((html) => {
      const template = document.createElement("template");
      template.innerHTML = html.trim();
      const fresh = template.content.firstElementChild;
      const focused = document.activeElement && document.activeElement.id;
      const old = panel();
      if (fresh && old) {
        const open = old.querySelector(".bw-vote-new")?.open;
        old.replaceWith(fresh);
        if (open) fresh.querySelector(".bw-vote-new").open = true;
        window.htmx?.process(fresh);
        if (focused) document.getElementById(focused)?.focus();
      }
    })
    .finally(() => { refreshing = null; });
}

onBoardEvent((event) => {
  if (!event.type.startsWith("vote.") || !panel()) return;
  const data = event.data;
  const article = panel().querySelector('[data-vote-id="' + data.id + '"]');
  // A viewer's panel leaves open votes out: their ballots need no fetch, only the close does.
  if (!article && data.status === "open" && panel().dataset.showsOpen === "false") return;
  const changed = !article || article.dataset.status !== data.status
    || article.dataset.revealed !== String(data.revealed);
  if (article) {
    const voters = article.querySelector("[data-vote-voters]");
    if (voters) voters.textContent = votersText(data.voters);
  }
  if (changed) refresh();
});

// An htmx answer replaced the panel: put the focus back on the button that was pressed.
let pressed = null;
document.addEventListener("htmx:beforeRequest", (event) => {
  if (panel()?.contains(event.target)) pressed = document.activeElement && document.activeElement.id;
});
document.addEventListener("htmx:afterSwap", () => {
  if (!pressed) return;
  const again = document.getElementById(pressed);
  if (again) again.focus();
  pressed = null;
});

// "Vote on the selection": the cards chosen on the canvas become the new vote's options.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-vote-selection]");
  if (!button || !panel()) return;
  const form = panel().querySelector(".bw-vote-new");
  if (!form) return;
  const holder = form.querySelector("#bw-vote-cards");
  holder.replaceChildren();
  document.querySelectorAll("#bw-canvas li.bw-card--selected").forEach((card) => {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "card_ids";
    input.value = card.dataset.cardId;
    holder.append(input);
  });
  form.querySelectorAll('input[type="checkbox"][name$="_ids"]').forEach((box) => { box.checked = false; });
  form.open = true;
  form.querySelector("#vote-question").focus();
});
