"""Which offers count, and for how many households: the two rules every figure starts from."""

from app.models import Card

HOUSEHOLD_UNITS = frozenset(
    {"huishoudens/jaar", "huishoudens per jaar", "households/year", "households per year"}
)


def counts(card: Card) -> bool:
    """Tell whether an offer counts (a stopped offer does not)."""
    return card.status != "stopped"


def household_capacity(unit: str | None, capacity: int | None) -> int | None:
    """Return a card's capacity when it is counted in households per year, else None."""
    if capacity is None or (unit or "").strip().lower() not in HOUSEHOLD_UNITS:
        return None
    return capacity
