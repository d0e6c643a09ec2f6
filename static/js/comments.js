// Conversations, live: a comment event updates the card's count badge and reloads the threads
// about the same thing that are open on this page (keeping what someone is typing there).
// Events carry the count, not the text: the thread is fetched, for members only.
import { onBoardEvent } from "./live.js";
import "./mentions.js";

function badge(cardId, count) {
  const card = document.getElementById("card-" + cardId);
  if (!card) return;
  let link = card.querySelector(":scope > .bw-cc");
  if (!count) {
    link?.remove();
    return;
  }
  if (!link) {
    const template = document.getElementById("bw-cc-template");
    if (!template) return;
    link = template.content.firstElementChild.cloneNode(true);
    link.href = `/boards/${document.body.dataset.boardId}/cards/${cardId}/comments`;
    card.append(link);
  }
  const words = link.querySelector("[data-one]");
  if (words) {
    link.querySelector(".bw-cc__n").textContent = String(count);
    words.textContent = " " + (count === 1 ? words.dataset.one : words.dataset.many);
  } else {
    link.firstChild.textContent = String(count);
  }
}

async function reload(thread) {
  const response = await fetch(thread.dataset.url, { headers: { "HX-Request": "true" } });
  if (!response.ok) return;
  const template = document.createElement("template");
  template.innerHTML = (await response.text()).trim();
  const fresh = template.content.firstElementChild;
  if (!fresh) return;
  // Keep the new comment's form (and what is typed in it); take the rest.
  for (const selector of [".bw-thread__title", ".bw-thread__list"]) {
    const now = thread.querySelector(":scope > " + selector);
    const next = fresh.querySelector(":scope > " + selector);
    if (now && next) now.replaceWith(next);
    else if (next) thread.querySelector(":scope > .bw-thread__title").after(next);
    else now?.remove();
  }
  window.htmx?.process(thread);
}

onBoardEvent((event) => {
  if (!event.type.startsWith("comment.")) return;
  const { ref_type: refType, ref_id: refId, count } = event.data;
  if (refType === "card") badge(refId, count);
  document.querySelectorAll(`[data-thread="${refType}:${refId}"]`).forEach(reload);
});
