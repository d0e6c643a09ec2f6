"""The monitor page: the funnel picture and its table agree, the grid form, who sees what."""

import re
from html.parser import HTMLParser

from app.extensions import db
from app.models import Event, Figure


class _Funnel(HTMLParser):
    """Collect the funnel's numbers from the picture and from the table, per phase."""

    def __init__(self):
        super().__init__()
        self.picture: dict[int, tuple[str, str]] = {}
        self.table: dict[int, dict[str, str]] = {}
        self._row: int | None = None
        self._cell: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "g" and "bw-funnel__step" in (a.get("class") or ""):
            self.picture[int(a["data-phase-id"])] = (a["data-reached"], a["data-conversion"])
        if tag == "tr" and "data-phase-id" in a:
            self._row = int(a["data-phase-id"])
            self.table[self._row] = {}
        if tag == "td" and self._row is not None:
            self._cell = next((k for k in ("data-reached", "data-conversion") if k in a), None)

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._row is not None and self._cell:
            self.table[self._row][self._cell] = data.strip()


def _parsed(html: str) -> _Funnel:
    parser = _Funnel()
    parser.feed(html)
    return parser


def _filled(m):
    coordinator = m["clients"]["coordinator"]
    a, b, c = m["phases"]
    for phase, reached, moved_on in ((a, 1200, 600), (b, 600, 200), (c, 200, 150)):
        response = m["put"](
            coordinator, period="2026-Q3", phase_id=phase, reached=reached, moved_on=moved_on
        )
        assert response.status_code == 200


def test_the_funnel_picture_and_its_table_show_the_same_numbers(monitor_board, web):
    m = monitor_board
    _filled(m)
    page = web(m["people"]["viewer"]).get(f"/boards/{m['id']}/monitor?period=2026-Q3")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    funnel = _parsed(html)
    a, b, c = m["phases"]
    assert funnel.picture == {a: ("1200", "0.5"), b: ("600", "0.3333"), c: ("200", "0.75")}
    assert funnel.table == {
        a: {"data-reached": "1.200", "data-conversion": "50%"},
        b: {"data-reached": "600", "data-conversion": "33,3%"},
        c: {"data-reached": "200", "data-conversion": "75%"},
    }
    for phase_id, (reached, conversion) in funnel.picture.items():
        shown = funnel.table[phase_id]
        assert shown["data-reached"].replace(".", "") == reached
        assert float(shown["data-conversion"].rstrip("%").replace(",", ".")) == round(
            float(conversion) * 100, 1
        )
    # Accessible picture: a role, a title and a description that name the numbers.
    assert 'role="img"' in html and 'aria-labelledby="bw-funnel-title bw-funnel-desc"' in html
    assert re.search(r"<desc id=\"bw-funnel-desc\">[^<]*1\.200", html)
    # The bars narrow with the reach: the widest phase first.
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)"', html)]
    assert widths[0] > widths[1] > widths[2] > 0
    svg = web(m["people"]["viewer"]).get(f"/boards/{m['id']}/monitor/funnel.svg?period=2026-Q3")
    assert svg.mimetype == "image/svg+xml"
    assert _parsed(svg.get_data(as_text=True)).picture == funnel.picture


def test_a_partner_fills_in_their_own_organisations_offers_in_one_form(monitor_board, web):
    m = monitor_board
    a = m["phases"][0]
    own, foreign = m["card"](0, 0, title="Keukentafelgesprek"), m["card"](0, 1, org=m["other"])
    partner = web(m["people"]["partner"])
    html = partner.get(f"/boards/{m['id']}/monitor?period=2026-Q1").get_data(as_text=True)
    assert f'name="f-{a}-{own["id"]}-reached"' in html
    assert f'name="f-{a}-{foreign["id"]}-reached"' not in html  # not theirs
    assert f'name="f-{a}-0-reached"' not in html  # phase totals are the coordinator's
    seq = db.session.execute(db.select(db.func.max(Event.seq))).scalar_one()
    response = partner.post(
        f"/boards/{m['id']}/monitor/figures",
        data={
            "period": "2026-Q1",
            f"f-{a}-{own['id']}-reached": "40",
            f"f-{a}-{own['id']}-moved_on": "25",
            f"f-{a}-{own['id']}-waiting_weeks": "",
        },
    )
    assert response.status_code in (302, 303)
    db.session.rollback()  # end the test's read, to see what the request committed
    figure = db.session.execute(db.select(Figure)).scalar_one()
    assert (figure.reached, figure.moved_on, figure.waiting_weeks) == (40, 25, None)
    assert figure.entered_by == "Partner"
    events = db.session.execute(db.select(Event.type).where(Event.seq > seq)).scalars().all()
    assert events == ["figure.updated"]
    # The form says who entered the figure, and reads numbers as people write them.
    again = partner.get(f"/boards/{m['id']}/monitor?period=2026-Q1").get_data(as_text=True)
    assert "Ingevuld door Partner" in again
    # Sent again unchanged: nothing written, no event.
    partner.post(
        f"/boards/{m['id']}/monitor/figures",
        data={
            "period": "2026-Q1",
            f"f-{a}-{own['id']}-reached": "40",
            f"f-{a}-{own['id']}-moved_on": "25",
        },
    )
    db.session.rollback()
    assert (
        db.session.execute(db.select(db.func.count(Event.id)).where(Event.seq > seq)).scalar_one()
        == 1
    )
    partner.post(
        f"/boards/{m['id']}/monitor/figures",
        data={"period": "2026-Q1", f"f-{a}-{own['id']}-reached": "1.200"},
    )
    db.session.rollback()
    assert db.session.execute(db.select(Figure.reached)).scalar_one() == 1200


def test_a_bad_figure_in_the_form_saves_nothing_and_says_where(monitor_board, web):
    m = monitor_board
    a, b = m["phases"][:2]
    coordinator = web(m["people"]["coordinator"])
    response = coordinator.post(
        f"/boards/{m['id']}/monitor/figures",
        data={
            "period": "2026-Q1",
            f"f-{a}-0-reached": "100",
            f"f-{b}-0-reached": "10",
            f"f-{b}-0-moved_on": "12",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="f-{b}-0-moved_on-error"' in html and "kan niet meer zijn dan bereikt" in html
    assert 'value="12"' in html  # what was typed stays
    assert db.session.execute(db.select(db.func.count(Figure.id))).scalar_one() == 0


def test_a_viewer_reads_the_monitor_without_forms(monitor_board, web):
    m = monitor_board
    _filled(m)
    viewer = web(m["people"]["viewer"])
    html = viewer.get(f"/boards/{m['id']}/monitor").get_data(as_text=True)
    assert "Monitor: 2026-Q3" in html and "bw-figures-form" not in html
    assert "bw-target-group-form" not in html
    refused = viewer.post(
        f"/boards/{m['id']}/monitor/figures",
        data={"period": "2026-Q3", f"f-{m['phases'][0]}-0-reached": "1"},
    )
    assert refused.status_code == 403


def test_the_coordinator_adds_a_target_group_on_the_page(monitor_board, web):
    m = monitor_board
    coordinator = web(m["people"]["coordinator"])
    bad = coordinator.post(
        f"/boards/{m['id']}/monitor/target-groups", data={"name": "Huurders", "size": "0"}
    )
    assert bad.status_code == 422 and 'id="tg-size-error"' in bad.get_data(as_text=True)
    made = coordinator.post(
        f"/boards/{m['id']}/monitor/target-groups", data={"name": "Huurders", "size": "3100"}
    )
    assert made.status_code in (302, 303)
    html = coordinator.get(f"/boards/{m['id']}/monitor").get_data(as_text=True)
    assert "Huurders" in html and "3.100" in html


def test_the_page_shows_how_far_into_the_journey_each_group_gets(monitor_board, web):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    a, b, _c = m["phases"]
    m["put"](coordinator, period="2026-Q1", phase_id=a, reached=400)
    m["put"](coordinator, period="2026-Q1", phase_id=b, reached=100)
    coordinator.post(f"/boards/{m['id']}/target-groups", json={"name": "Huurders", "size": 2000})
    html = web(m["people"]["viewer"]).get(f"/boards/{m['id']}/monitor").get_data(as_text=True)
    table = html[html.index('class="utrecht-table bw-reach-table"') :]
    table = table[: table.index("</table>")]
    # 400 of 2,000 reached the first phase (20%), 100 the second (5%), none measured the third.
    cells = re.findall(r'<td class="utrecht-table__cell bw-num">([^<]*)', table)
    assert cells == ["20%", "5%", "–"]
