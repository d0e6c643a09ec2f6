// Follow a running meeting on the canvas: when the coordinator steps to an agenda item, bring
// its phase, cell or cards into view and highlight them, unless "follow" is switched off.
import { onBoardEvent } from "./live.js";

const KEY = "brugwerk:follow";
const MARK = "bw-follow-highlight";
const CARD_MARK = "bw-card--highlight";
const toggle = document.getElementById("bw-follow");
const now = document.getElementById("bw-meeting-now");

function following() {
  return window.localStorage.getItem(KEY) !== "off";
}

if (toggle) {
  toggle.checked = following();
  toggle.addEventListener("change", function () {
    window.localStorage.setItem(KEY, toggle.checked ? "on" : "off");
    if (!toggle.checked) clearHighlight();
  });
}

function clearHighlight() {
  document.querySelectorAll("." + MARK).forEach(function (el) { el.classList.remove(MARK); });
  document.querySelectorAll("." + CARD_MARK).forEach(function (el) { el.classList.remove(CARD_MARK); });
}

// The elements a focus {phase_id, lane_id, card_ids} points at: cards, else a cell, else a phase.
function targets(focus) {
  const cards = (focus.card_ids || []).map(function (id) {
    return document.querySelector('.bw-card[data-card-id="' + id + '"]');
  }).filter(Boolean);
  if (cards.length) return cards;
  if (!focus.phase_id) return [];
  if (focus.lane_id) {
    const cell = document.querySelector('.bw-cell[data-phase-id="' + focus.phase_id + '"][data-lane-id="' + focus.lane_id + '"]');
    if (cell) return [cell];
  }
  return Array.prototype.slice.call(document.querySelectorAll(
    '.bw-phase[data-phase-id="' + focus.phase_id + '"], .bw-cell[data-phase-id="' + focus.phase_id + '"]'));
}

function markCurrentItem(data) {
  document.querySelectorAll("[data-meeting-item-id]").forEach(function (el) {
    const current = Number(el.dataset.meetingItemId) === data.current_item_id;
    el.classList.toggle("bw-agenda__item--current", current);
    if (current) el.setAttribute("aria-current", "step");
    else el.removeAttribute("aria-current");
  });
  if (!now) return;
  const item = document.querySelector('[data-meeting-item-id="' + data.current_item_id + '"] .bw-agenda__title');
  showNowPresenting(data.status === "running" && item ? item.textContent : "");
  if (data.status === "ended") {
    now.textContent = now.dataset.textEnded;
    now.hidden = false;
  } else if (item || data.current_title) {
    // Another meeting than the one in the panel may run: its event names the item itself.
    now.textContent = now.dataset.textRunning + " " + (item ? item.textContent : data.current_title);
    now.hidden = false;
  }
}

// The presenting bar (boards/_present_bar.html) names the item under discussion, if any.
function showNowPresenting(title) {
  document.querySelectorAll("[data-meeting-now]").forEach(function (el) {
    el.replaceChildren();
    if (!title) return;
    const strong = document.createElement("strong");
    strong.textContent = title;
    el.append(now.dataset.textRunning + " ", strong);
  });
}

function follow(data) {
  markCurrentItem(data);
  clearHighlight();
  if (!following() || data.status !== "running" || !data.focus) return;
  const found = targets(data.focus);
  if (!found.length) return;
  found.forEach(function (el) {
    el.classList.add(el.classList.contains("bw-card") ? CARD_MARK : MARK);
  });
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  found[0].scrollIntoView({ behavior: still ? "auto" : "smooth", block: "center", inline: "center" });
}

onBoardEvent(function (event) {
  if (event.type === "meeting.updated" && event.data) follow(event.data);
});
