"""Conversations on the board: comments on cards, markers and next steps, with @mentions."""
