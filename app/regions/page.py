"""What the region page draws beside the overview's numbers: small funnel bars per board."""

BAR_WIDTH, BAR_HEIGHT, GAP = 120, 10, 4  # one bar per phase, stacked; the widest is BAR_WIDTH


def funnel_bars(phases: list[dict]) -> dict:
    """Return the bars of a board's small funnel: each phase's reach against its widest."""
    widest = max((p.get("reached") or 0 for p in phases), default=0)
    bars = []
    for index, phase in enumerate(phases):
        reached = phase.get("reached")
        width = round(BAR_WIDTH * reached / widest, 1) if widest and reached else 0
        bars.append(
            {
                "name": phase["name"],
                "reached": reached,
                "width": max(width, 1) if reached else 0,
                "x": round((BAR_WIDTH - width) / 2, 1),
                "y": index * (BAR_HEIGHT + GAP),
            }
        )
    return {
        "bars": bars,
        "width": BAR_WIDTH,
        "height": max(len(bars), 1) * (BAR_HEIGHT + GAP),
        "bar_height": BAR_HEIGHT,
    }
