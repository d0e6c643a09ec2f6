"""Check a sheet of figures (CSV/XLSX, read by app/intake/sheet.py) against a board, row by row,
before anything is written: which figures it sets, and every problem with its row and column.

One row is one place in one quarter: a phase total (no card) or a card, found by its title within
the phase (case and accents do not matter). An empty figure cell leaves the stored figure as it is.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic_core import PydanticCustomError

from app.errors import ValidationFailed
from app.intake.columns import by_header, fold
from app.intake.plan import Checked, InventoryRefused, RowCheck, whole_number
from app.intake.sheet import Sheet
from app.monitor.schemas import FIGURE_FIELDS, FigurePut, check_period
from app.validation import parse

FIELDS = {
    "period": _l("Kwartaal"),
    "phase": _l("Fase"),
    "card": _l("Kaart"),
    "reached": _l("Bereikt"),
    "moved_on": _l("Doorgestroomd"),
    "waiting_weeks": _l("Wachttijd (weken)"),
}
HEADERS = by_header(
    {
        "period": ("kwartaal", "periode", "quarter", "period"),
        "phase": ("fase", "phase", "stap", "step"),
        "card": ("kaart", "aanbod", "card", "offer"),
        "reached": ("bereikt", "bereik", "reached"),
        "moved_on": ("doorgestroomd", "doorstroom", "moved on", "moved"),
        "waiting_weeks": (
            "wachttijd weken",
            "wachttijd",
            "wachttijd in weken",
            "waiting weeks",
            "waiting time weeks",
            "waiting time",
        ),
    }
)


@dataclass
class Board:
    """What the check needs of the board and the person: phases and live cards by folded name,
    the stored figures, and whose figures the person may enter (None: every card's and the
    phase totals, as the coordinator)."""

    phases: dict[str, int]
    cards: dict[tuple[int, str], list[tuple[int, int | None]]]  # (phase, title) → [(id, org)]
    stored: dict[tuple, dict]  # (period, phase_id, card_id) → {field: value}
    own_organisation: int | None
    coordinator: bool


@dataclass
class FigurePlan(Checked):
    """The outcome of the check: counts, the mapping used, errors, and the figures to set."""

    figures: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {**super().to_json(), "would_write": {"figures": len(self.figures)}}


class FiguresRefused(InventoryRefused):
    """A real run with problems: nothing written, the problems as the dry run gives them."""


class _Check(RowCheck):
    fields, headers, plan_type = FIELDS, HEADERS, FigurePlan

    def __init__(self, sheet: Sheet, board: Board):
        super().__init__(sheet)
        self.board = board
        self.seen: dict[tuple, int] = {}

    def run(self, sheet: Sheet) -> FigurePlan:
        self.require(sheet, ("period", "phase"))
        if not any(key in self.column for key in FIGURE_FIELDS):
            self.error(
                1, "reached", _("Geen kolom met cijfers (bereikt, doorgestroomd, wachttijd).")
            )
        if self.plan.errors:
            self.plan.bad_rows = {number for number, _cells in sheet.rows}
            return self.plan
        for number, cells in sheet.rows:
            before = len(self.plan.errors)
            raw = {key: cells[index] for key, index in self.index.items() if cells[index] != ""}
            self.row(number, raw)
            if len(self.plan.errors) > before:
                self.plan.bad_rows.add(number)
        return self.plan

    def row(self, number: int, raw: dict[str, str]) -> None:
        period = self.period(number, raw.get("period", ""))
        place = self.place(number, raw.get("phase", ""), raw.get("card", ""))
        values = {key: whole_number(raw[key]) for key in FIGURE_FIELDS if key in raw}
        if not values:
            self.error(number, "reached", _("Geen cijfers in deze rij."))
        try:
            parse(FigurePut, {"period": "2026-Q1", "phase_id": 0, **values})
        except ValidationFailed as refused:
            for key, message in refused.fields.items():
                self.error(number, key if key in FIELDS else "reached", message)
            return
        if period is None or place is None or not values:
            return
        key = (period, *place)
        if key in self.seen:
            self.error(number, "card", _("Dubbele rij: dezelfde als rij %(n)s.", n=self.seen[key]))
            return
        self.seen[key] = number
        merged = {**self.board.stored.get(key, {}), **values}
        reached, moved_on = merged.get("reached"), merged.get("moved_on")
        if reached is not None and moved_on is not None and moved_on > reached:
            self.error(
                number,
                "moved_on",
                _(
                    "Doorgestroomd (%(moved_on)s) kan niet meer zijn dan bereikt (%(reached)s).",
                    moved_on=moved_on,
                    reached=reached,
                ),
            )
            return
        self.plan.figures.append(
            {"row": number, "period": period, "phase_id": place[0], "card_id": place[1], **values}
        )

    def period(self, number: int, value: str) -> str | None:
        if not value:
            self.error(number, "period", _("Vul het kwartaal in, bijvoorbeeld 2026-Q3."))
            return None
        try:
            return check_period(value)
        except PydanticCustomError as error:
            self.error(number, "period", error.message())
            return None

    def place(self, number: int, phase: str, card: str) -> tuple[int, int | None] | None:
        """Return (phase id, card id or None) of a row, or report why it has none."""
        if not phase:
            self.error(number, "phase", _("Vul de fase in."))
            return None
        phase_id = self.board.phases.get(fold(phase))
        if phase_id is None:
            self.error(
                number,
                "phase",
                _("'%(value)s' bestaat niet; kies een bestaande fase.", value=phase[:100]),
            )
            return None
        if not card:
            if not self.board.coordinator:
                self.error(
                    number, "card", _("Alleen de regisseur vult de totalen van een fase in.")
                )
                return None
            return phase_id, None
        found = self.board.cards.get((phase_id, fold(card)), [])
        if len(found) != 1:
            message = (
                _(
                    "Twee kaarten in deze fase heten '%(value)s'; vul ze op het bord in.",
                    value=card[:100],
                )
                if found
                else _("In deze fase staat geen kaart '%(value)s'.", value=card[:100])
            )
            self.error(number, "card", message)
            return None
        card_id, organisation = found[0]
        if not self.board.coordinator and organisation != self.board.own_organisation:
            self.error(
                number,
                "card",
                _("Je vult alleen cijfers in voor het aanbod van je eigen organisatie."),
            )
            return None
        return phase_id, card_id


def check(sheet: Sheet, board: Board) -> FigurePlan:
    """Check a sheet of figures against the board, as the person who sends it."""
    return _Check(sheet, board).run(sheet)
