"""All models, imported here so Alembic and the app see one metadata."""

from app.models.audit import AuditEntry
from app.models.board import Board, Invite, Lane, Membership, Organisation, Phase
from app.models.card import Card
from app.models.event import Event
from app.models.mail import OutgoingMail
from app.models.meeting import Decision, Meeting, MeetingItem
from app.models.monitor import Figure, TargetGroup
from app.models.presence import Host, Presence
from app.models.reading import (
    Handover,
    Learning,
    Marker,
    NextStep,
    Round,
    SuggestionDismissal,
    marker_cards,
    next_step_markers,
)
from app.models.share import ShareLink
from app.models.user import ApiToken, SignInLink, User

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Board",
    "Card",
    "Decision",
    "Event",
    "Figure",
    "Handover",
    "Host",
    "Invite",
    "Lane",
    "Learning",
    "Marker",
    "Meeting",
    "MeetingItem",
    "Membership",
    "NextStep",
    "Organisation",
    "OutgoingMail",
    "Phase",
    "Presence",
    "Round",
    "ShareLink",
    "SignInLink",
    "SuggestionDismissal",
    "TargetGroup",
    "User",
    "marker_cards",
    "next_step_markers",
]
