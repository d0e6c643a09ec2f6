"""Meeting pages: agenda builder, printable agenda, meeting mode, minutes."""
