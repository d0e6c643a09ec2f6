"""The audit log as rows for a table or a CSV download (cells safe for spreadsheets)."""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from app.exports.cells import csv_bytes
from app.models import AuditEntry

COLUMNS = ("at", "action", "actor", "ip", "user_agent", "board_id", "subject")


def to_csv(entries: list[AuditEntry]) -> bytes:
    """Return the entries as CSV under the contract's column names (times in UTC, ISO 8601)."""
    return csv_bytes(
        COLUMNS,
        (entry.to_json().values() for entry in entries),
    )


def local_time(entry: AuditEntry) -> str:
    """Return when it happened, where the reader lives, to the second."""
    return format_datetime(entry.at, "yyyy-MM-dd HH:mm:ss")


# What each action is called on the page (the CSV and the API keep the contract's names).
ACTION_LABELS = {
    "login.succeeded": _l("Ingelogd"),
    "login.failed": _l("Inloggen mislukt"),
    "logout": _l("Uitgelogd"),
    "token.created": _l("API-sleutel gemaakt"),
    "token.revoked": _l("API-sleutel ingetrokken"),
    "share_link.created": _l("Deellink gemaakt"),
    "share_link.revoked": _l("Deellink ingetrokken"),
    "invitation.created": _l("Uitnodiging gemaakt"),
    "invitation.revoked": _l("Uitnodiging ingetrokken"),
    "invitation.accepted": _l("Uitnodiging aangenomen"),
    "member.added": _l("Lid toegevoegd"),
    "member.role_changed": _l("Rol gewijzigd"),
    "member.removed": _l("Lid verwijderd"),
    "export.downloaded": _l("Bestand gedownload"),
    "import.done": _l("Bord geïmporteerd"),
    "backup.made": _l("Back-up gemaakt"),
    "restore.done": _l("Back-up teruggezet"),
}


def row(entry: AuditEntry) -> dict:
    """Return an entry as the page shows it: local time, the action in words, the rest as is."""
    return {**entry.to_json(), "when": local_time(entry), "label": ACTION_LABELS[entry.action]}
