"""Check an inventory against a board, row by row and column by column, before anything is
written: what would be created, and every problem with the sheet's row number (header = row 1).
"""

import difflib
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.errors import ValidationFailed
from app.intake.columns import FIELDS, REQUIRED, VOCABULARIES, choices, fold, guess
from app.intake.schemas import InventoryRow
from app.intake.sheet import Sheet
from app.validation import parse

# More lanes than a canvas can show side by side is a sheet that mixes things up.
MAX_NEW_LANES = 20
MAX_NEW_ORGANISATIONS = 500
CARD_FIELDS = (
    "title",
    "description",
    "capacity_per_year",
    "capacity_unit",
    "status",
    "quality",
    "quality_reason",
)
# "1.200", "1 200" and "1,200": thousands written out.
_THOUSANDS = re.compile(r"^\d{1,3}([ .,]\d{3})+$")


@dataclass
class Board:
    """What the check needs to know of the board: its phases, lanes, organisations by folded
    name, and the cards it has (to report a row that is already there)."""

    phases: dict[str, tuple[int, str]]
    lanes: dict[str, tuple[int, str]]
    organisations: dict[str, int]
    cards: set[tuple]


@dataclass
class Checked:
    """What any import's check tells of a sheet: its rows, the mapping used, the errors, and the
    rows that have one (row 1, the header, is not a data row)."""

    rows: int
    mapping: dict[str, str | None]
    errors: list[dict] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)

    @property
    def valid(self) -> int:
        return self.rows - len(self.bad_rows - {1})

    def to_json(self) -> dict:
        return {
            "rows": self.rows,
            "valid": self.valid,
            "errors": self.errors,
            "mapping": self.mapping,
        }


@dataclass
class Plan(Checked):
    """The outcome of the check: counts, the mapping used, errors, and what would be created."""

    organisations: dict[str, dict] = field(default_factory=dict)
    lanes: dict[str, str] = field(default_factory=dict)
    cards: list[dict] = field(default_factory=list)
    # Phase values of the file the board does not know: {value: suggested phase id or None}.
    unknown_phases: dict[str, int | None] = field(default_factory=dict)

    def would_create(self) -> dict:
        return {
            "organisations": len(self.organisations),
            "phases": 0,
            "lanes": len(self.lanes),
            "cards": len(self.cards),
        }

    def to_json(self) -> dict:
        return {**super().to_json(), "would_create": self.would_create()}


class RowCheck:
    """The frame of a check of a sheet whose columns are found by their headers (the figures',
    the target groups'): the mapping guessed, errors named by the sheet's header (or the field's
    name when the column is missing), the columns a sheet cannot do without."""

    fields: dict  # field → its name for people
    headers: dict  # by_header(...) of the field
    plan_type: type[Checked]

    def __init__(self, sheet: Sheet):
        self.plan = self.plan_type(rows=len(sheet.rows), mapping=guess(sheet.headers, self.headers))
        self.column = {key: header for header, key in self.plan.mapping.items() if key}
        self.index = {key: sheet.headers.index(header) for key, header in self.column.items()}

    def error(self, row: int, key: str, message: str) -> None:
        column = self.column.get(key) or str(self.fields[key])
        self.plan.errors.append({"row": row, "column": column, "message": message})
        self.plan.bad_rows.add(row)

    def require(self, sheet: Sheet, keys: tuple[str, ...]) -> None:
        """Report each missing column on the header row; then every row counts as bad."""
        for key in keys:
            if key not in self.column:
                self.error(1, key, _("Deze kolom ontbreekt; geef de kolom deze kop."))


class InventoryRefused(ValidationFailed):
    """A real run with problems: nothing written, the problems as the dry run gives them."""

    def __init__(self, plan: Plan):
        super().__init__(
            _("Het bestand heeft %(n)s problemen; er is niets geïmporteerd.", n=len(plan.errors))
        )
        self.plan = plan

    def to_json(self) -> dict:
        return {**super().to_json(), **self.plan.to_json()}


class _Check:
    """One pass over the rows; collects into a Plan."""

    def __init__(self, sheet: Sheet, board: Board, mapping: dict, values: dict):
        self.board, self.values = board, values
        self.plan = Plan(rows=len(sheet.rows), mapping=mapping)
        self.column = {key: header for header, key in mapping.items() if key}
        self.index = {key: sheet.headers.index(header) for key, header in self.column.items()}
        self.words = choices()
        self.seen: dict[tuple, int] = {}
        self.found: list[tuple[int, int, dict]] = []
        self.without_lane: list[int] = []

    def error(self, row: int, key: str, message: str) -> None:
        column = self.column.get(key) or str(FIELDS.get(key, key))
        order = list(FIELDS).index(key) if key in FIELDS else len(FIELDS)
        self.found.append((row, order, {"row": row, "column": column, "message": message}))
        self.plan.bad_rows.add(row)

    def run(self, sheet: Sheet) -> Plan:
        missing = [key for key in REQUIRED if key not in self.column]
        for key in missing:
            self.error(1, key, _("Geen kolom gekozen; kies welke kolom dit is."))
        if self.board.lanes and "lane" not in self.column:
            self.error(1, "lane", _("Dit bord heeft banen; kies welke kolom de baan is."))
        if self.found:
            self.plan.bad_rows = {number for number, _cells in sheet.rows}
            return self._done()
        for number, cells in sheet.rows:
            self.row(number, {key: cells[index] for key, index in self.index.items()})
        if self.board.lanes or self.plan.lanes:
            for number in self.without_lane:
                self.error(
                    number, "lane", _("Geen baan; elke kaart op dit bord staat in een baan.")
                )
        if len(self.plan.lanes) > MAX_NEW_LANES:
            self.error(1, "lane", _("Meer dan %(n)s nieuwe banen.", n=MAX_NEW_LANES))
        if len(self.plan.organisations) > MAX_NEW_ORGANISATIONS:
            self.error(
                1, "organisation", _("Meer dan %(n)s nieuwe organisaties.", n=MAX_NEW_ORGANISATIONS)
            )
        return self._done()

    def _done(self) -> Plan:
        """Put the errors in the order a person reads the sheet: by row, then by field."""
        self.plan.errors = [error for _row, _order, error in sorted(self.found, key=_position)]
        return self.plan

    def row(self, number: int, raw: dict[str, str]) -> None:
        data = {key: value for key, value in raw.items() if value != ""}
        errors_before = len(self.found)
        for key, vocabulary in VOCABULARIES.items():
            if key in data:
                found = self.words[key].get(fold(data[key]))
                if found is None:
                    options = ", ".join(str(label) for label in vocabulary.values())
                    self.error(
                        number,
                        key,
                        _(
                            "'%(value)s' kennen we niet; kies uit: %(options)s.",
                            value=data[key][:100],
                            options=options,
                        ),
                    )
                data[key] = found
        if "capacity_per_year" in data:
            data["capacity_per_year"] = whole_number(data["capacity_per_year"])
        data = {key: value for key, value in data.items() if value is not None}
        phase_id = self.phase(number, data.get("phase", ""))
        try:
            row = parse(InventoryRow, data)
        except ValidationFailed as refused:
            for key, message in refused.fields.items():
                self.error(number, key, message)
            return
        if phase_id is None or len(self.found) > errors_before:
            return
        lane = self.lane(number, row.lane)
        organisation = self.organisation(row)
        duplicate = (fold(row.organisation), phase_id, lane, fold(row.title))
        if duplicate in self.seen:
            self.error(
                number, "title", _("Dubbele rij: dezelfde als rij %(n)s.", n=self.seen[duplicate])
            )
            return
        self.seen[duplicate] = number
        if duplicate in self.board.cards:
            self.error(number, "title", _("Deze kaart staat al op het bord."))
            return
        self.plan.cards.append(
            {
                "row": number,
                "organisation": organisation,
                "phase_id": phase_id,
                "lane": lane,
                **row.model_dump(include=set(CARD_FIELDS)),
            }
        )

    def phase(self, number: int, value: str) -> int | None:
        """Return the phase id a value names (or the person mapped it onto); else report it."""
        if not value:
            return None  # the schema reports the empty phase
        chosen = self.values.get("phase", {}).get(fold(value))
        if chosen is not None:
            return chosen
        known = self.board.phases.get(fold(value))
        if known is not None:
            return known[0]
        close = difflib.get_close_matches(fold(value), list(self.board.phases), n=1, cutoff=0.4)
        suggestion = self.board.phases[close[0]] if close else None
        self.plan.unknown_phases.setdefault(value, suggestion[0] if suggestion else None)
        if suggestion:
            message = _(
                "'%(value)s' bestaat niet — bedoel je '%(phase)s'?",
                value=value[:100],
                phase=suggestion[1],
            )
        else:
            message = _("'%(value)s' bestaat niet; kies een bestaande fase.", value=value[:100])
        self.error(number, "phase", message)
        return None

    def lane(self, number: int, value: str) -> tuple | None:
        """Return ("id", lane id) or ("new", folded name), None for no lane."""
        if not value:
            self.without_lane.append(number)
            return None
        key = fold(value)
        chosen = self.values.get("lane", {}).get(key)
        if chosen is not None:
            return ("id", chosen)
        if key in self.board.lanes:
            return ("id", self.board.lanes[key][0])
        self.plan.lanes.setdefault(key, value)
        return ("new", key)

    def organisation(self, row: InventoryRow) -> tuple:
        """Return ("id", organisation id) or ("new", folded name), noting a new one."""
        key = fold(row.organisation)
        if key in self.board.organisations:
            return ("id", self.board.organisations[key])
        self.plan.organisations.setdefault(
            key, {"name": row.organisation, "kind": row.kind, "contact": row.contact}
        )
        return ("new", key)


def _position(found: tuple) -> tuple[int, int]:
    return found[0], found[1]


def whole_number(text: str) -> int | str:
    """Read a whole number as people write it ("1.200", "300,0"); leave anything else as it is
    for the schema to refuse."""
    compact = text.replace("\u00a0", " ").strip()
    if _THOUSANDS.match(compact):
        compact = re.sub(r"[ .,]", "", compact)
    for suffix in (".0", ",0"):
        compact = compact.removesuffix(suffix)
    return int(compact) if compact.isdigit() else text


def check(sheet: Sheet, board: Board, mapping: dict | None, values: dict | None) -> Plan:
    """Check the sheet against the board under the mapping (None: guessed from the headers)."""
    chosen = guess(sheet.headers)
    given = mapping or {}
    unknown = [header for header in given if header not in chosen]
    if unknown:
        message = _("Deze kolom staat niet in het bestand: %(name)s.", name=unknown[0][:100])
        raise ValidationFailed(message, fields={"mapping": message})
    chosen.update(given)
    fields = [key for key in chosen.values() if key]
    twice = next((key for key in fields if fields.count(key) > 1), None)
    if twice:
        message = _("Twee kolommen zijn %(field)s; kies er één.", field=FIELDS[twice])
        raise ValidationFailed(message, fields={"mapping": message})
    folded = {
        kind: {fold(value): target for value, target in targets.items()}
        for kind, targets in (values or {}).items()
    }
    _check_targets(folded, board)
    return _Check(sheet, board, chosen, folded).run(sheet)


def _check_targets(values: dict, board: Board) -> None:
    ids = {
        "phase": {phase_id for phase_id, _name in board.phases.values()},
        "lane": {lane_id for lane_id, _name in board.lanes.values()},
    }
    for kind, targets in values.items():
        if not set(targets.values()) <= ids[kind]:
            message = _("Kies een fase of baan van dit bord.")
            raise ValidationFailed(message, fields={"values": message})
