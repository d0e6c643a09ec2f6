"""Check a sheet of target groups (CSV/XLSX, read by app/intake/sheet.py) against a board, row by
row, before anything is written: which groups it adds or changes, and every problem.

One row is one target group: its name, its size in households and optionally the lane whose
offer reaches it. A group is found by its name (case and accents aside): a known one gets the
row's size and lane, an unknown one is added. An import never removes a group.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.errors import ValidationFailed
from app.intake.columns import by_header, fold
from app.intake.plan import Checked, InventoryRefused, RowCheck, whole_number
from app.intake.sheet import Sheet
from app.monitor.schemas import TargetGroupCreate
from app.validation import parse

FIELDS = {
    "name": _l("Doelgroep"),
    "size": _l("Omvang (huishoudens)"),
    "lane": _l("Baan"),
}
HEADERS = by_header(
    {
        "name": ("doelgroep", "naam", "target group", "group", "name"),
        "size": (
            "omvang",
            "omvang huishoudens",
            "huishoudens",
            "woningen",
            "aantal",
            "size",
            "households",
        ),
        "lane": ("baan", "lane", "spoor"),
    }
)


@dataclass
class Board:
    """What the check needs of the board: its lanes and target groups by folded name."""

    lanes: dict[str, int]
    groups: dict[str, int]  # folded name → id


@dataclass
class GroupPlan(Checked):
    """The outcome of the check: counts, the mapping used, errors, and the groups to write."""

    groups: list[dict] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for group in self.groups if group["id"] is None)

    @property
    def updated(self) -> int:
        return len(self.groups) - self.created

    def to_json(self) -> dict:
        written = {"created": self.created, "updated": self.updated}
        return {**super().to_json(), "would_write": {"target_groups": written}}


class GroupsRefused(InventoryRefused):
    """A real run with problems: nothing written, the problems as the dry run gives them."""


class _Check(RowCheck):
    fields, headers, plan_type = FIELDS, HEADERS, GroupPlan

    def __init__(self, sheet: Sheet, board: Board):
        super().__init__(sheet)
        self.board = board
        self.seen: dict[str, int] = {}

    def run(self, sheet: Sheet) -> GroupPlan:
        self.require(sheet, ("name", "size"))
        if self.plan.errors:
            self.plan.bad_rows = {number for number, _cells in sheet.rows}
            return self.plan
        for number, cells in sheet.rows:
            raw = {key: cells[index].strip() for key, index in self.index.items()}
            self.row(number, raw)
        return self.plan

    def row(self, number: int, raw: dict[str, str]) -> None:
        name, lane = raw.get("name", ""), raw.get("lane", "")
        lane_id = self.lane(number, lane) if lane else None
        try:
            data = parse(
                TargetGroupCreate, {"name": name, "size": whole_number(raw.get("size", ""))}
            )
        except ValidationFailed as refused:
            for key, message in refused.fields.items():
                self.error(number, key if key in FIELDS else "size", message)
            return
        if lane and lane_id is None:
            return
        key = fold(data.name)
        if key in self.seen:
            self.error(number, "name", _("Dubbele rij: dezelfde als rij %(n)s.", n=self.seen[key]))
            return
        self.seen[key] = number
        group = {"row": number, "id": self.board.groups.get(key), "name": data.name}
        group["size"] = data.size
        if "lane" in self.column:  # without the column, a known group keeps its lane
            group["lane_id"] = lane_id
        self.plan.groups.append(group)

    def lane(self, number: int, value: str) -> int | None:
        lane_id = self.board.lanes.get(fold(value))
        if lane_id is None:
            self.error(
                number,
                "lane",
                _(
                    "'%(value)s' bestaat niet; kies een bestaande baan of laat het leeg.",
                    value=value[:100],
                ),
            )
        return lane_id


def check(sheet: Sheet, board: Board) -> GroupPlan:
    """Check a sheet of target groups against the board."""
    return _Check(sheet, board).run(sheet)
