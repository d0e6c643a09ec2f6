"""Reminders: the next steps of the person's own organisation due within a week or overdue, and
tomorrow's meeting with its agenda, each once; nothing for other organisations' steps."""

from datetime import timedelta

from app.meetings.services import add_item, create_meeting
from app.permissions import Actor
from app.reading.services.next_steps import create_next_step
from app.structure.services import create_organisation
from tests.notify.helpers import link_to_organisation, local, notify, outbox_for, plain, received


def test_reminders_for_the_organisations_due_steps_and_tomorrows_meeting_once(
    smtp, board_with_roles
):
    people, board = board_with_roles["people"], board_with_roles["board"]
    partner, coordinator = people["partner"], people["coordinator"]
    link_to_organisation(board_with_roles, partner)
    mine = board_with_roles["organisation"].id
    other = create_organisation(
        Actor(user=coordinator), board.id, "Woningcorporatie", "overig", "#123456"
    ).id
    today = local(12, 0, days=0).date()
    actor = Actor(user=coordinator)
    for title, owner, due, status in [
        ("Stap binnen de week", mine, today + timedelta(days=3), "agreed"),
        ("Stap verlopen", mine, today - timedelta(days=2), "in_progress"),
        ("Stap over drie weken", mine, today + timedelta(days=21), "agreed"),
        ("Stap van een ander", other, today + timedelta(days=1), "agreed"),
        ("Stap al afgerond", mine, today + timedelta(days=1), "done"),
    ]:
        create_next_step(
            actor, board.id, title, owner_organisation_id=owner, due_date=due, status=status
        )
    meeting = create_meeting(actor, board.id, "Regio-overleg", local(14, 0, days=1))
    add_item(actor, board.id, meeting.id, "Wachtlijst energiecoaches")
    create_meeting(actor, board.id, "Overleg overmorgen", local(14, 0, days=2))

    notify(local(8, 0, days=0))
    (mail,) = received(smtp, partner)
    text = plain(mail)
    assert "Stap binnen de week" in text and "Stap verlopen" in text
    assert "verlopen sinds" in text  # the overdue one says so
    for absent in ("Stap over drie weken", "Stap van een ander", "Stap al afgerond"):
        assert absent not in text.split("Sinds je vorige bericht")[0]
    assert "Regio-overleg" in text and "Wachtlijst energiecoaches" in text
    assert "Overleg overmorgen" not in text.split("Sinds je vorige bericht")[0]

    # The next day the same reminders are not sent again; the day-after meeting is tomorrow.
    notify(local(8, 0, days=1))
    first, second = outbox_for(partner)
    assert "Overleg overmorgen" in second.text
    for reminded in ("Stap binnen de week", "Stap verlopen", "Regio-overleg"):
        assert reminded not in second.text
    notify(local(9, 0, days=1))
    assert len(outbox_for(partner)) == 2


def test_a_member_without_an_organisation_gets_no_step_reminders(board_with_roles):
    people, board = board_with_roles["people"], board_with_roles["board"]
    actor = Actor(user=people["coordinator"])
    create_next_step(
        actor,
        board.id,
        "Stap zonder eigenaar voor de viewer",
        owner_organisation_id=board_with_roles["organisation"].id,
        due_date=local(12, 0, days=1).date(),
        status="agreed",
    )
    notify(local(8, 0, days=0))
    (mail,) = outbox_for(people["viewer"])  # the change itself, as a digest line, not a reminder
    assert "Vervolgstappen van je organisatie" not in mail.text
