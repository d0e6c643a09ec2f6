"""Importing an inventory on the page: a second browser sees the cards arrive, live."""

import pytest
from playwright.sync_api import expect

from tests.intake.files import xlsx

pytestmark = pytest.mark.browser


def test_a_second_browser_sees_imported_cards_arrive_live(
    actors, demo, unique, ui, coordinator_api, axe, tmp_path
):
    board = coordinator_api.board()
    phase, lane = board["phases"][1]["name"], board["lanes"][0]["name"]
    organisation = board["organisations"][0]["name"]
    titles = [unique("Geïmporteerd spreekuur"), unique("Geïmporteerde <b>scan</b>")]
    inventory = tmp_path / "inventaris.xlsx"
    inventory.write_bytes(
        xlsx(
            [["Organisatie", "Fase", "Baan", "Aanbod"]]
            + [[organisation, phase, lane, title] for title in titles]
        )
    )
    watcher = actors.canvas(demo.partner_b, "partner-b")
    importer = actors.page(
        demo.partner_a, f"/boards/{demo.board}/inventory-import", name="partner-a"
    )
    importer.set_input_files("#intake-file", str(inventory))
    expect(importer.get_by_text("2 rijen gelezen, 2 zonder problemen.")).to_be_visible()
    assert axe(importer) == []
    importer.get_by_role("button", name="Importeren").click()
    expect(importer.get_by_role("status")).to_contain_text("2 nieuwe kaarten")
    for title in titles:
        expect(ui.card(watcher, title)).to_have_count(1, timeout=demo.refresh)
    assert watcher.evaluate("window.bwSamePage") is True  # arrived without a reload
