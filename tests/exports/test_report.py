"""The PDF report: the board's phases, organisations, open markers and next steps, in text."""

import io

from pypdf import PdfReader


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_report_pdf_holds_phases_organisations_and_open_markers(sample_board, web):
    board = sample_board["board"]
    response = web(sample_board["people"]["viewer"]).get(f"/boards/{board.id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = " ".join(_text(response.data).split())
    assert board.name in text
    for phase in board.phases:
        assert phase.name in text
    for name in ("Energieloket", "Energiecoöperatie Zon", "Keukentafelgesprek"):
        assert name in text
    assert "Geen hulp bij offertes" in text and "Bewoners haken af na advies" in text
    assert "Dubbel adviesaanbod" not in text  # resolved: not an open marker
    assert "Offertecheck met de coöperatie" in text and "Bewoners willen één loket" in text


def test_report_needs_a_member(sample_board, web):
    board = sample_board["board"]
    assert (
        web(sample_board["people"]["outsider"]).get(f"/boards/{board.id}/report.pdf").status_code
        == 403
    )
    assert web().get(f"/boards/{board.id}/report.pdf").status_code in (302, 401)
