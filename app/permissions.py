"""Who may do what on a board: one check for pages, the API and sockets."""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.errors import Forbidden, NotFound, Unauthorized
from app.extensions import db
from app.models import Board, Membership, ShareLink, User
from app.models._types import utcnow
from app.transaction import in_write

ROLES = ("viewer", "partner", "coordinator")
_RANK = {role: rank for rank, role in enumerate(ROLES, start=1)}

# The permission table of docs/contract.md §4.1, by operation kind.
READ, EDIT, MANAGE = "viewer", "partner", "coordinator"


@dataclass(frozen=True)
class Actor:
    """Someone acting on a board: a signed-in user, or the holder of a read-only share link."""

    user: User | None = None
    share_link: ShareLink | None = None
    # Read once: a write transaction starts with a rollback, which expires the user, and asking
    # the expired user for its id or name would cost every write a query. A user created in the
    # same transaction (the demo seed) has no id until it is flushed: then it is asked each time.
    user_id: int | None = field(init=False, default=None)
    user_name: str | None = field(init=False, default=None)

    def __post_init__(self):
        if self.user is not None:
            object.__setattr__(self, "user_id", self.user.id)
            object.__setattr__(self, "user_name", self.user.name)

    @property
    def id(self) -> int | None:
        if self.user_id is None and self.user is not None:
            return self.user.id
        return self.user_id

    @property
    def name(self) -> str:
        if self.user is not None:
            return self.user_name
        return _("Alleen-lezen link") if self.share_link else _("Systeem")


def role_on(actor: Actor, board_id: int) -> str | None:
    """Return the actor's role on a board, or None when it has none."""
    if actor.share_link is not None:
        link = actor.share_link
        return "viewer" if link.board_id == board_id and link.is_active(utcnow()) else None
    if actor.user is None:
        return None
    return db.session.execute(
        db.select(Membership.role).filter_by(board_id=board_id, user_id=actor.id)
    ).scalar_one_or_none()


def allows(role: str | None, need: str) -> bool:
    """Tell whether a role is enough for what is needed."""
    return role is not None and _RANK[role] >= _RANK[need]


def board_for(actor: Actor, board_id: int, need: str = READ, lock: bool = True) -> Board:
    """Load a board the actor may use at the needed level, or raise 404/401/403."""
    # A write locks the board row first (FOR UPDATE; SQLite's BEGIN IMMEDIATE already locks all):
    # writers to one board then run one at a time, so a version check cannot pass twice and
    # every read in the write sees the previous writer's commit. `lock=False` is for a write
    # whose only check is a version that its UPDATE checks again (events.record then takes
    # the lock, for the seq, just before the write).
    # The board and the member's role in one query (every operation asks for both).
    query = (
        db.select(Board, Membership.role)
        .outerjoin(Membership, (Membership.board_id == Board.id) & (Membership.user_id == actor.id))
        .where(Board.id == board_id)
    )
    if in_write() and lock:
        query = query.with_for_update(of=Board)
    row = db.session.execute(query).first()
    if row is None:
        raise NotFound(_("Dit bord bestaat niet."))
    board, role = row
    if actor.share_link is not None or actor.user is None:
        role = role_on(actor, board_id)
    if role is None and actor.user is None and actor.share_link is None:
        raise Unauthorized(_("Log eerst in."))
    if not allows(role, need):
        raise Forbidden(_("Je hebt geen toegang om dit te doen op dit bord."))
    return board
