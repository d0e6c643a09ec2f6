// @name suggestions in a comment's textarea: the ARIA combobox pattern (a textarea with a listbox).
// Typing "@" and letters lists the board's members whose name matches (data-members on the
// textarea); ArrowDown/ArrowUp choose, Enter or Tab puts "@Name " in, Escape closes. Delegated on
// the document, so threads that htmx brings in later work too.

const MAX = 8;

function box(textarea) {
  return document.getElementById(textarea.getAttribute("aria-controls"));
}

// The "@query" right before the caret, or null.
function query(textarea) {
  const before = textarea.value.slice(0, textarea.selectionStart);
  const match = /(?:^|[^\w@])@([^@\n]{0,40})$/u.exec(before);
  return match ? { text: match[1], start: before.length - match[1].length - 1 } : null;
}

function close(textarea) {
  const list = box(textarea);
  if (!list) return;
  list.hidden = true;
  list.replaceChildren();
  textarea.setAttribute("aria-expanded", "false");
  textarea.removeAttribute("aria-activedescendant");
}

function open(textarea) {
  const list = box(textarea);
  const found = query(textarea);
  if (!list || !found) return close(textarea);
  const wanted = found.text.toLocaleLowerCase();
  const names = JSON.parse(textarea.dataset.members || "[]")
    .filter((name) => name.toLocaleLowerCase().startsWith(wanted) ||
      name.toLocaleLowerCase().split(/\s+/u).some((word) => word.startsWith(wanted)))
    .slice(0, MAX);
  if (!names.length) return close(textarea);
  list.replaceChildren(...names.map((name, index) => {
    const option = document.createElement("li");
    option.id = list.id + "-" + index;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", index === 0 ? "true" : "false");
    option.dataset.name = name;
    option.textContent = name;
    return option;
  }));
  list.hidden = false;
  textarea.setAttribute("aria-expanded", "true");
  textarea.setAttribute("aria-activedescendant", list.firstElementChild.id);
}

function move(textarea, step) {
  const options = [...box(textarea).children];
  const current = options.findIndex((o) => o.getAttribute("aria-selected") === "true");
  const next = (current + step + options.length) % options.length;
  options.forEach((o, i) => o.setAttribute("aria-selected", i === next ? "true" : "false"));
  textarea.setAttribute("aria-activedescendant", options[next].id);
  options[next].scrollIntoView({ block: "nearest" });
}

function choose(textarea, option) {
  const found = query(textarea);
  if (!found || !option) return close(textarea);
  const end = textarea.selectionStart;
  const inserted = "@" + option.dataset.name + " ";
  textarea.setRangeText(inserted, found.start, end, "end");
  close(textarea);
  textarea.focus();
}

function isInput(target) {
  return target instanceof HTMLTextAreaElement && target.classList.contains("bw-comment-input");
}

document.addEventListener("input", (event) => {
  if (isInput(event.target)) open(event.target);
});

document.addEventListener("keydown", (event) => {
  const textarea = event.target;
  if (!isInput(textarea) || textarea.getAttribute("aria-expanded") !== "true") return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    move(textarea, event.key === "ArrowDown" ? 1 : -1);
  } else if (event.key === "Enter" || event.key === "Tab") {
    event.preventDefault();
    choose(textarea, box(textarea).querySelector('[aria-selected="true"]'));
  } else if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    close(textarea);
  }
});

// A click on a suggestion; mousedown, so that the textarea keeps its focus and caret.
document.addEventListener("mousedown", (event) => {
  const option = event.target.closest?.(".bw-mention-list [role=option]");
  if (!option) return;
  event.preventDefault();
  const textarea = document.querySelector(`[aria-controls="${option.parentElement.id}"]`);
  if (textarea) choose(textarea, option);
});

document.addEventListener("focusout", (event) => {
  if (isInput(event.target)) close(event.target);
});
