// One click listener for many controls: each selector names a control, its handler says what it does.

/** Run the handler of the first selector the event's target is inside; tell whether one ran. */
export function delegate(event, handlers) {
  for (const [selector, handler] of handlers) {
    const element = event.target.closest(selector);
    if (element) {
      handler(element, event);
      return true;
    }
  }
  return false;
}
