"""Report pages: the board as a PDF document."""
