"""What a column of an inventory can hold, and a guess from its header (Dutch or English)."""

import re
import unicodedata

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.vocab import CARD_STATUSES, ORGANISATION_KINDS, QUALITY_LABELS

# The fields a column maps onto, with their label on the page.
FIELDS = {
    "organisation": _l("Organisatie"),
    "kind": _l("Soort organisatie"),
    "contact": _l("Contactpersoon"),
    "phase": _l("Fase"),
    "lane": _l("Baan"),
    "title": _l("Titel"),
    "description": _l("Beschrijving"),
    "capacity_per_year": _l("Capaciteit per jaar"),
    "capacity_unit": _l("Eenheid"),
    "status": _l("Status"),
    "quality": _l("Kwaliteit"),
    "quality_reason": _l("Toelichting kwaliteit"),
}
REQUIRED = ("organisation", "phase", "title")

# Headers people use, folded (see `fold`); the first field whose words match wins.
HEADERS = {
    "organisation": ("organisatie", "organisation", "organization", "aanbieder", "provider"),
    "kind": (
        "soort organisatie",
        "soort",
        "kind",
        "type organisatie",
        "kind of organisation",
        "organisation kind",
        "organisation type",
        "organization type",
    ),
    "contact": ("contactpersoon", "contact", "contact person"),
    "phase": ("fase", "phase", "stap", "step"),
    "lane": (
        "baan",
        "doelgroep",
        "maatregel",
        "maatregeltype",
        "lane",
        "target group",
        "measure",
        "measure type",
    ),
    "title": ("aanbod", "titel", "title", "naam aanbod", "ondersteuningsvorm", "offer", "service"),
    "description": ("omschrijving", "beschrijving", "description", "toelichting"),
    "capacity_per_year": (
        "capaciteit per jaar",
        "capaciteit",
        "capacity",
        "capacity per year",
    ),
    "capacity_unit": ("eenheid", "unit", "capaciteit eenheid", "capacity unit"),
    "status": ("status",),
    "quality": ("kwaliteit", "quality"),
    "quality_reason": ("toelichting kwaliteit", "quality reason", "reden kwaliteit"),
}
_PUNCTUATION = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Return text without case, accents or repeated spaces, to compare names."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


def _words(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


def by_header(known: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Return {header words: field} of a table of the headers people use per field."""
    return {header: key for key, headers in known.items() for header in headers}


_BY_HEADER = by_header(HEADERS)


def guess(headers: list[str], known: dict[str, str] | None = None) -> dict[str, str | None]:
    """Return {header: field or None}: each field for the first header that names it
    (`known`: another import's `by_header` table; default the inventory's)."""
    known = _BY_HEADER if known is None else known
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        key = known.get(_words(header))
        mapping[header] = key if key not in taken else None
        taken.add(key)
    return mapping


def _labels(vocabulary: dict) -> dict[str, str]:
    """Return {folded key or label (Dutch and English): key} of a vocabulary."""
    known = {fold(key): key for key in vocabulary}
    for locale in ("nl", "en"):
        with force_locale(locale):
            known.update({fold(str(label)): key for key, label in vocabulary.items()})
    return known


def choices() -> dict[str, dict[str, str]]:
    """Return the words each fixed-choice field accepts: {field: {folded word: key}}."""
    return {
        "status": _labels(CARD_STATUSES),
        "kind": _labels(ORGANISATION_KINDS),
        "quality": _labels(QUALITY_LABELS),
    }


VOCABULARIES = {"status": CARD_STATUSES, "kind": ORGANISATION_KINDS, "quality": QUALITY_LABELS}
