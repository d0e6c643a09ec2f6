"""Pages: the bridge, markers, suggestions, next steps with learnings, rounds."""
