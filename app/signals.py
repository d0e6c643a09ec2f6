"""What the lower layers publish and the live layer subscribes to (blinker, which Flask ships).

The transaction and the event log sit below the live layer and never import it: they send these
signals, and `app/live/` connects its receivers in its `init_app`.
"""

from blinker import Namespace

_signals = Namespace()

# After commit, once per recorded event: send(event, entity=the changed entity or None).
board_changed = _signals.signal("board-changed")

# During the write that takes access away: send(None, board_id=..., user_id=...,
# share_link_id=...) with the parts that apply. Receivers cut the matching live sockets off
# once the write has committed.
access_revoked = _signals.signal("access-revoked")

# After commit, when a write put mail in the outbox: send(app). The mail sender wakes up.
mail_queued = _signals.signal("mail-queued")
