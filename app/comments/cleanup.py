"""A marker or next step that is deleted takes its conversation along (in the same transaction).

Cards are never deleted (they can be restored), so their comments stay with them."""

from sqlalchemy import delete, event

from app.models import Comment, Marker, NextStep


def _forget_thread(ref_type: str):
    def listener(_mapper, connection, target) -> None:
        connection.execute(
            delete(Comment).where(Comment.ref_type == ref_type, Comment.ref_id == target.id)
        )

    return listener


event.listen(Marker, "after_delete", _forget_thread("marker"))
event.listen(NextStep, "after_delete", _forget_thread("next_step"))
