"""What the canvas page needs from this package: figures for badges and lenses."""


def register(app) -> None:
    """Register the canvas page extension and the live fragment renderers."""
