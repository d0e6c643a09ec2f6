"""The board's structure: its phases and lanes (the two axes) and its organisations."""
