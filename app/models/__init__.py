"""All models, imported here so Alembic and the app see one metadata."""

from app.models.audit import AuditEntry
from app.models.board import Board, Invite, Lane, Membership, Organisation, Phase
from app.models.card import Card
from app.models.comment import Comment, Mention
from app.models.event import Event
from app.models.mail import OutgoingMail
from app.models.meeting import Decision, Meeting, MeetingItem
from app.models.monitor import Figure, TargetGroup
from app.models.notify import NotificationSetting, SentReminder
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
from app.models.region import Region, RegionBoard
from app.models.share import ShareLink
from app.models.template import BoardTemplate
from app.models.user import ApiToken, SignInLink, User
from app.models.vote import Ballot, Vote

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Ballot",
    "Board",
    "BoardTemplate",
    "Card",
    "Comment",
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
    "Mention",
    "NextStep",
    "NotificationSetting",
    "Organisation",
    "OutgoingMail",
    "Phase",
    "Presence",
    "Region",
    "RegionBoard",
    "Round",
    "SentReminder",
    "ShareLink",
    "SignInLink",
    "SuggestionDismissal",
    "TargetGroup",
    "User",
    "Vote",
    "marker_cards",
    "next_step_markers",
]
