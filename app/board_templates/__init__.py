"""Board templates: start a board from a built-in or saved structure, or as a copy of another."""
