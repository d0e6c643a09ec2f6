"""Card fragments and forms."""
