// The live channel of a board page: one Socket.IO connection that joins the board, applies its
// events in seq order (filling holes by re-joining with `after`), shows presence and status.
// Other modules follow the board through `onBoardEvent`.
import { announce, editingCard, onCanvas, placeCard, reloadCanvas, removeCard } from "./canvas.js";

const body = document.body;
const boardId = Number(body.dataset.boardId);
const subscribers = [];

/** Call `callback(event)` for every board event this page applies, in seq order. */
export function onBoardEvent(callback) {
  subscribers.push(callback);
}

function text(el, key, fallback) {
  return (el && el.dataset[key]) || fallback;
}

function canvas() {
  return document.getElementById("bw-canvas");
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

// Remember which control inside a card had focus, so it keeps focus when the card is redrawn.
function focusedControl(card) {
  const active = document.activeElement;
  if (!card || !active || !card.contains(active)) return null;
  if (active.dataset.move) return '[data-move="' + active.dataset.move + '"]';
  if (active.dataset.action) return '[data-action="' + active.dataset.action + '"]';
  return null;
}

function connect() {
  let seq = Number(body.dataset.seq || 0);
  const pending = new Map();
  let holeTimer = null;
  let lastPresence = { users: [] };
  const statusEl = document.getElementById("bw-status");
  const presenceEl = document.getElementById("bw-presence");
  const announcer = document.getElementById("bw-announcer");
  const me = body.dataset.userId;

  const auth = body.dataset.shareToken ? { share: body.dataset.shareToken } : {};
  const socket = window.io({ auth: auth, transports: ["websocket", "polling"], reconnectionDelayMax: 4000 });

  function setStatus(state, message) {
    if (statusEl) {
      statusEl.className = "bw-status bw-status--" + state;
      statusEl.textContent = message || text(statusEl, "text" + state[0].toUpperCase() + state.slice(1), state);
    }
    body.dataset.liveStatus = state;
  }

  function sendEditing() {
    if (socket.connected) socket.emit("editing", { board_id: boardId, card_id: editingCard() });
  }

  function join() {
    socket.emit("join", { board_id: boardId, after: seq, html: true }, (ack) => {
      if (!ack || !ack.ok) {
        setStatus("offline", ack && ack.error ? ack.error.message : undefined);
        socket.disconnect();
        return;
      }
      setStatus("connected");
      // The moment the page is live (bench/client.py reads it): the first join only.
      if (!performance.getEntriesByName("bw-live").length) performance.mark("bw-live");
      if (editingCard()) sendEditing();
    });
  }

  socket.on("connect", join);
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") {
      setStatus("offline", text(statusEl, "textRevoked", undefined));
    } else {
      setStatus("reconnecting");
    }
  });
  socket.on("connect_error", (error) => {
    if (error && error.message === "unauthorized") {
      setStatus("offline", text(statusEl, "textRevoked", undefined));
      socket.disconnect();
    } else {
      setStatus("reconnecting");
    }
  });
  socket.io.on("reconnect_attempt", () => { setStatus("reconnecting"); });
  // The log no longer reaches back to this page's seq: only a fresh page is sure to be right.
  socket.on("resync", () => { window.location.reload(); });

  socket.on("board_event", (event) => {
    if (event.board_id !== boardId || event.seq <= seq) return;
    pending.set(event.seq, event);
    drain();
  });

  // Events may arrive out of order when two changes commit at once: apply them in seq order,
  // and when a hole stays open, ask the server to replay from the last applied seq.
  function drain() {
    // Never redraw cards under a drag in progress: SortableJS would lose the dragged card.
    if (body.classList.contains("bw-dragging")) return;
    while (pending.has(seq + 1)) {
      const event = pending.get(seq + 1);
      pending.delete(seq + 1);
      seq = event.seq;
      body.dataset.seq = String(seq);
      apply(event);
    }
    window.clearTimeout(holeTimer);
    if (pending.size) holeTimer = window.setTimeout(join, 1500);
  }

  function apply(event) {
    const [kind, action] = event.type.split(".");
    if (kind === "card") applyCard(event, action);
    else if (kind === "phase" || kind === "lane" || kind === "organisation") reloadCanvas();
    else if (kind === "board" && event.data && event.data.name) {
      const title = document.getElementById("bw-board-name");
      if (title) title.textContent = event.data.name;
    }
    if (event.actor && String(event.actor.id) !== me) announce(describe(event, action));
    subscribers.forEach((callback) => callback(event));
    const shown = event.feed && prependFeed(event.feed);
    if (window.htmx) {
      window.htmx.trigger(body, "bw-history-changed");  // the read-only view's fragments
      // The history fetches itself again only when its deleted cards change or a line is missing.
      if (!shown || (kind === "card" && (action === "deleted" || action === "restored"))) {
        window.htmx.trigger(body, "bw-feed-stale");
      }
    }
  }

  // Put the event's line on top of the activity feed, keeping the feed's length.
  function prependFeed(html) {
    const feed = document.getElementById("bw-feed");
    const line = fragment(html);
    if (!feed || !line) return false;
    if (feed.querySelector('[data-seq="' + line.dataset.seq + '"]')) return true;
    feed.querySelectorAll(".bw-feed__item:not([data-seq])").forEach((empty) => empty.remove());
    feed.prepend(line);
    const limit = Number(feed.dataset.limit || 40);
    while (feed.children.length > limit) feed.lastElementChild.remove();
    return true;
  }

  function describe(event, action) {
    const verb = text(announcer, action, action);
    const name = (event.data && (event.data.title || event.data.name)) || "";
    return (event.actor ? event.actor.name : "") + " " + verb + (name ? " ‘" + name + "’" : "");
  }

  function applyCard(event, action) {
    const table = canvas();
    if (!table) return;
    const existing = table.querySelector('[data-card-id="' + event.data.id + '"]');
    if (existing && existing.dataset.editing) {
      // Keep the person's open form; their save will meet the conflict view if it is stale.
      existing.classList.add("bw-card--changed-elsewhere");
      return;
    }
    if (action === "deleted") {
      if (existing) removeCard(existing);
      return;
    }
    if (!event.html) return;
    const fresh = fragment(event.html);
    const focus = focusedControl(existing);
    // Same or older version: this page already shows it (its own change echoed back).
    if (existing && Number(existing.dataset.version) >= Number(fresh.dataset.version)) return;
    if (existing) removeCard(existing);
    placeCard(fresh, event.data.phase_id, event.data.lane_id);
    if (window.htmx) window.htmx.process(fresh);
    if (focus) {
      const control = fresh.querySelector(focus);
      if (control) control.focus();
    }
    fresh.classList.add("bw-card--flash");
    window.setTimeout(() => { fresh.classList.remove("bw-card--flash"); }, 1200);
    showEditing(lastPresence);
  }

  socket.on("presence", (presence) => {
    if (presence.board_id !== boardId) return;
    lastPresence = presence;
    renderPresence(presence);
    showEditing(presence);
  });

  function renderPresence(presence) {
    if (!presenceEl) return;
    presenceEl.replaceChildren();
    presence.users.forEach((user) => {
      const item = document.createElement("li");
      item.className = "bw-presence__user";
      const initials = document.createElement("span");
      initials.className = "bw-presence__initials";
      initials.setAttribute("aria-hidden", "true");
      initials.textContent = user.name.split(/\s+/).map((w) => w[0] || "").join("").slice(0, 2).toUpperCase();
      const name = document.createElement("span");
      name.className = "bw-presence__name";
      // A member linked to an organisation shows it beside the name: "Anna — Energieloket".
      const named = user.organisation ? user.name + " — " + user.organisation : user.name;
      name.textContent = user.viewer ? user.name + " (" + text(presenceEl, "textViewer", "viewer") + ")" : named;
      // This person's own name is in the header already: here only the initials (and a name for
      // screen readers), so the header says the name once.
      if (String(user.id) === me) {
        item.classList.add("bw-presence__user--me");
        name.className = "bw-visually-hidden";
        name.textContent = named + " (" + text(presenceEl, "textMe", "you") + ")";
        item.title = name.textContent;
      }
      item.append(initials, name);
      presenceEl.append(item);
    });
  }

  // "… bewerkt…" on the cards others have open: made when needed (not one per card in the page).
  function showEditing(presence) {
    const table = canvas();
    if (!table) return;
    table.querySelectorAll(".bw-card__editing").forEach((pill) => pill.remove());
    presence.users.forEach((user) => {
      if (!user.editing || String(user.id) === me) return;
      const card = table.querySelector('[data-card-id="' + user.editing + '"]:not([data-editing])');
      const meta = card && card.querySelector(":scope > div:not([class])");
      if (!meta) return;
      const pill = document.createElement("p");
      pill.className = "bw-card__editing";
      pill.textContent = text(presenceEl, "textEditing", "{name} …").replace("{name}", user.name);
      meta.after(pill);
    });
  }

  onCanvas({ dragEnd: drain, editing: sendEditing });
  setStatus("reconnecting");
}

// htmx and the Socket.IO client are classic scripts earlier in the page: they have run by now.
if (boardId && typeof window.io !== "undefined") connect();
