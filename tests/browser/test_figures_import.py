"""The figures import page shows its check with the rows' problems, accessibly; the round page
with its figures table too. (The import itself is tested in tests/monitor: here nothing is
written, so the shared demo board's monitor stays as the other browser tests expect it.)"""

import pytest
from playwright.sync_api import expect

from tests.intake.files import csv_file

pytestmark = pytest.mark.browser


def test_the_figures_import_page_checks_a_file_and_shows_its_problems(
    actors, demo, coordinator_api, axe, tmp_path
):
    board = coordinator_api.board()
    phase = board["phases"][0]["name"]
    sheet = tmp_path / "cijfers.csv"
    sheet.write_bytes(
        csv_file(
            [
                ["Kwartaal", "Fase", "Bereikt", "Doorgestroomd"],
                ["2026-Q3", phase, "120", "40"],
                ["2026-Q9", phase, "10", ""],
            ],
            ";",
        )
    )
    page = actors.page(demo.coordinator, f"/boards/{demo.board}/monitor", name="coordinator")
    page.get_by_role("link", name="Cijfers importeren uit Excel of CSV").click()
    page.wait_for_url(f"**/boards/{demo.board}/figures-import")
    page.wait_for_load_state("networkidle")  # htmx ready to send the file on change
    page.set_input_files("#figures-import-file", str(sheet))
    expect(page.get_by_text("2 rijen gelezen, 1 zonder problemen.")).to_be_visible()
    problems = page.locator(".bw-intake__problems tbody tr")
    expect(problems).to_have_count(1)
    expect(problems.first).to_contain_text("3")
    expect(problems.first).to_contain_text("Kwartaal")
    expect(page.get_by_role("button", name="Importeren")).to_have_count(0)
    assert axe(page) == []

    rounds = coordinator_api.call("GET", f"/boards/{demo.board}/rounds")["rounds"]
    page.goto(f"/boards/{demo.board}/rounds/{rounds[0]['id']}")
    expect(page.get_by_role("heading", name="Cijfers per fase")).to_be_visible()
    assert axe(page) == []
