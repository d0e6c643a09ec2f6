"""The funnel travels: the PDF report and the read-only view show the latest quarter's."""

import io
from urllib.parse import urlparse

from pypdf import PdfReader


def _fill(m):
    for phase, reached in zip(m["phases"], (1500, 700, 300), strict=True):
        response = m["put"](
            m["clients"]["coordinator"], period="2026-Q2", phase_id=phase, reached=reached
        )
        assert response.status_code == 200


def test_the_report_holds_the_latest_funnel(monitor_board, web):
    m = monitor_board
    viewer = web(m["people"]["viewer"])
    before = viewer.get(f"/boards/{m['id']}/report.pdf").data
    assert "trechter" not in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(before)).pages)
    _fill(m)
    pdf = viewer.get(f"/boards/{m['id']}/report.pdf")
    assert pdf.mimetype == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "De trechter van 2026-Q2" in text
    assert "1.500" in text and "700" in text


def test_the_read_only_view_shows_the_latest_funnel(monitor_board, web):
    m = monitor_board
    _fill(m)
    link = m["clients"]["coordinator"].post(f"/boards/{m['id']}/share-links", json={}).get_json()
    html = web().get(urlparse(link["url"]).path).get_data(as_text=True)
    assert "De trechter van 2026-Q2" in html
    assert 'data-reached="1500"' in html and 'role="img"' in html
