// The meeting's shared countdown. The server says where the timer stands (running until
// ends_at, paused with seconds left, or stopped) and what its clock read then; this screen
// counts down itself, corrected by the difference between the two clocks, so that every
// screen shows the same second. At zero: a gentle visual signal and a short beep (WebAudio),
// which each person can switch off (remembered in localStorage).
// On a live board page the widget follows the board's current meeting: when another meeting
// starts, ends or is planned, the slot around it is fetched again and the widget re-mounted.
const SOUND_KEY = "brugwerk:timer-sound";
let box = null; // the widget now on the page (none while the board has no meeting)
let skew = 0; // server clock minus this clock, in ms
let timer = null; // {state, ends_at?, remaining_seconds}
let signalled = false;
let audio = null;
let ticking = 0; // the interval that counts a running timer down; none for any other state

function read(data) {
  return {
    state: data.state,
    ends_at: data.endsAt || null,
    remaining_seconds: Number(data.remaining),
  };
}

function correct(serverTime) {
  const at = Date.parse(serverTime);
  if (!Number.isNaN(at)) skew = at - Date.now();
}

function left() {
  if (timer.state !== "running") return timer.remaining_seconds;
  const ms = Date.parse(timer.ends_at) - (Date.now() + skew);
  return Math.max(0, Math.ceil(ms / 1000));
}

function clock(seconds) {
  const minutes = Math.floor(seconds / 60);
  return minutes + ":" + String(seconds % 60).padStart(2, "0");
}

function beep() {
  if (window.localStorage.getItem(SOUND_KEY) === "off") return;
  try {
    audio = audio || new AudioContext();
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 660;
    volume.gain.setValueAtTime(0.0001, audio.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.05);
    volume.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.6);
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.65);
  } catch (error) {
    // No sound on this device: the visual signal stays.
  }
}

// Runs on every change and four times a second while the timer runs. It writes only what changed:
// each write, even of the same value, restyles the widget and draws a frame.
function draw() {
  const seconds = left();
  const done = timer.state === "running" && seconds === 0;
  const time = document.getElementById("bw-timer-time");
  const shownTime = clock(seconds);
  if (time.textContent !== shownTime) time.textContent = shownTime;
  if (box.dataset.state !== timer.state) box.dataset.state = timer.state;
  box.classList.toggle("bw-timer--done", done); // a forced toggle writes only on a change
  const word = done ? box.dataset.textDone : box.dataset["text" + timer.state[0].toUpperCase() + timer.state.slice(1)];
  const state = document.getElementById("bw-timer-state");
  if (state.textContent !== word) state.textContent = word;
  box.querySelectorAll("[data-timer-action]").forEach((button) => {
    const action = button.dataset.timerAction;
    const shown = {
      start: timer.state === "stopped",
      pause: timer.state === "running",
      resume: timer.state === "paused",
      extend: timer.state !== "stopped",
      reset: timer.state !== "stopped",
    }[action];
    if (button.hidden !== !shown) button.hidden = !shown;
  });
  if (done && !signalled) beep();
  signalled = done;
}

// Tick only while the timer runs: a page with a stopped, paused or no timer is not woken four
// times a second for nothing (an old laptop's battery, a phone in a meeting).
function follow() {
  const running = Boolean(box) && timer.state === "running";
  if (running && !ticking) ticking = window.setInterval(draw, 250);
  if (!running && ticking) {
    window.clearInterval(ticking);
    ticking = 0;
  }
}

function apply(next, serverTime) {
  if (serverTime) correct(serverTime);
  // A timer already at zero when it arrives (a reload after the end) shows, but does not beep.
  timer = next;
  if (timer.state !== "running" || left() > 0) signalled = false;
  draw();
  follow();
}

function press(action) {
  const error = document.getElementById("bw-timer-error");
  error.textContent = "";
  fetch(box.dataset.timerUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": document.body.dataset.csrfToken },
    body: JSON.stringify({ action: action }),
  }).then((response) => response.json().then((data) => {
    if (!response.ok) throw data;
    apply(data.timer);
  })).catch((data) => {
    error.textContent = (data && data.error && data.error.message) || "";
  });
}

function mount(element) {
  box = element;
  if (box) {
    correct(box.dataset.serverTime);
    timer = read(box.dataset);
    signalled = timer.state === "running" && left() === 0;
    document.getElementById("bw-timer-sound").checked = window.localStorage.getItem(SOUND_KEY) !== "off";
    draw();
  }
  follow();
}

document.addEventListener("change", (event) => {
  if (event.target.id !== "bw-timer-sound") return;
  window.localStorage.setItem(SOUND_KEY, event.target.checked ? "on" : "off");
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("#bw-timer [data-timer-action]");
  if (button) press(button.dataset.timerAction);
});

let refetching = null;
let again = false; // a change arrived while fetching: the answer may predate it

function refetch(slot) {
  if (refetching) {
    again = true;
    return;
  }
  refetching = fetch(slot.dataset.url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
    .then((response) => (response.ok ? response.text() : null))
    .then((html) => {
      if (html === null) return;
      slot.innerHTML = html;
      mount(document.getElementById("bw-timer"));
    })
    .finally(() => {
      refetching = null;
      if (again) {
        again = false;
        refetch(slot);
      }
    });
}

// Does this meeting event change which meeting is current (or its status), so the widget must
// be fetched again? Stepping through one meeting's agenda, or its timer, does not.
function changesCurrent(event) {
  if (event.type === "meeting.created" || event.type === "meeting.deleted") return true;
  // Another meeting's timer: it may be the meeting that is becoming current (a fetch under way
  // may have read it before this press).
  if (event.type === "meeting.timer") return !box || event.data.id !== Number(box.dataset.meetingId);
  if (event.type !== "meeting.updated") return false;
  return !box || event.data.id !== Number(box.dataset.meetingId)
    || event.data.status !== box.dataset.meetingStatus;
}

mount(document.getElementById("bw-timer"));
// On a live board page every screen hears the coordinator's presses and the meetings' changes.
if (document.body.dataset.seq !== undefined) {
  import("./live.js").then(({ onBoardEvent }) => onBoardEvent((event) => {
    const slot = document.getElementById("bw-timer-slot");
    // While a fetch is under way, any meeting event may postdate what it read (a timer started
    // just after it left would be undone by its answer): fetch once more when it lands.
    const stale = refetching && event.type.startsWith("meeting.");
    if (slot && (stale || changesCurrent(event))) {
      refetch(slot);
      return;
    }
    if (!box || event.type !== "meeting.timer" || event.data.id !== Number(box.dataset.meetingId)) return;
    apply(event.data.timer, event.data.server_time);
  }));
}
