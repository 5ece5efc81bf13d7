"""The quarterly table beyond the save itself: evidence per quarter, the "tanpa bukti" flag,
escaping of every user text, and the cheap summary of a save agreeing with the full build."""
import re
from decimal import Decimal

import markupsafe
import pytest
import sqlalchemy as sa

from iku_web import measurement, measurement_memo
from iku_web.categories import LKJIP_CATEGORIES
from iku_web.extensions import db
from iku_web.models import Category, Evidence, Indicator, Realisasi, Setting, User, Year
from iku_web.realisasi import table
from tests.test_realisasi import save

XSS = '<script>alert("x")</script>'


def add_evidence(app, indicator=1, quarter=1, count=1):
    with app.app_context():
        start = db.session.scalar(sa.select(sa.func.count(Evidence.id)))
        for n in range(start, start + count):
            db.session.add(Evidence(
                indicator_id=indicator, quarter=quarter, original_name=f"bukti-{n}.pdf",
                stored_name=f"{n:032x}.pdf", content_type="application/pdf", size=10,
                sha256=f"{n:064x}"))
        db.session.commit()


def evidence_box(html: str, indicator=1, quarter=1) -> str:
    return re.search(rf'<span id="ev-{indicator}-{quarter}".*?</a>(?:.*?</span>)?</span>', html,
                     re.S).group(0)


def test_each_quarter_shows_its_evidence_count_linked_to_the_evidence_page(admin, app):
    add_evidence(app, quarter=1, count=2)
    add_evidence(app, quarter=3)
    html = admin.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    first = evidence_box(html, 1, 1)
    assert 'href="/barito-selatan/2023/indikator/1/bukti#bukti-tw-1"' in first
    assert ">2 bukti</a>" in first
    assert ">0 bukti</a>" in evidence_box(html, 1, 2)
    assert ">1 bukti</a>" in evidence_box(html, 1, 3)
    assert 'href="/barito-selatan/2023/indikator/2/bukti#bukti-tw-4"' in evidence_box(html, 2, 4)


@pytest.mark.parametrize("value, evidence, flagged", [
    ("75", 0, True),    # a realisasi without evidence
    ("0", 0, True),     # 0 is a value
    ("75", 1, False),   # with evidence
    ("", 0, False),     # nothing filled: nothing to prove
    ("", 2, False),
])
def test_realisasi_without_evidence_is_flagged(admin, app, value, evidence, flagged):
    if value:
        save(admin, value)
    add_evidence(app, count=evidence)
    box = evidence_box(admin.get("/barito-selatan/2023/realisasi").get_data(as_text=True))
    assert ("tanpa bukti" in box) is flagged
    if flagged:
        assert 'title="Realisasi TW I sudah diisi tetapi belum ada bukti dukung"' in box


def test_read_only_table_shows_evidence_and_flag_too(admin, app):
    save(admin, "75")
    html = app.test_client().get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    assert "rl-input" not in html
    assert "tanpa bukti" in evidence_box(html)


def test_save_swaps_the_flag_beside_the_input_out_of_band(admin, app):
    html = save(admin, "75").get_data(as_text=True)
    box = evidence_box(html)
    assert 'hx-swap-oob="true"' in box and "tanpa bukti" in box
    assert "rl-input" not in html
    assert "tanpa bukti" not in evidence_box(save(admin, "").get_data(as_text=True))
    add_evidence(app)
    assert "tanpa bukti" not in evidence_box(save(admin, "80").get_data(as_text=True))


def test_every_user_text_in_the_table_is_escaped(admin, app):
    """Indicator name, unit, PIC unit and user name, category label, quarter target text and
    the realisasi text all come from users; none may reach the page as markup."""
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "staf"))
        user.full_name = XSS
        one = db.session.get(Indicator, 1)
        one.name, one.pic_unit, one.pic_user_id = XSS, XSS, user.id
        one.target_kind, one.target_unit, one.target_tw1 = "number", XSS, Decimal(5)
        db.session.add(Category(lower_bound=Decimal(0), inclusive=True, label=XSS,
                                colour="#123456"))
        db.session.commit()
    save(admin, "7", indicator=1, quarter=1)
    for client_ in (admin, app.test_client()):  # editable inputs and the read-only table
        page = client_.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
        assert "<script>alert" not in page
        assert page.count("&lt;script&gt;alert") >= 6
    answer = save(admin, "8", indicator=1, quarter=1).get_data(as_text=True)
    assert "<script>alert" not in answer and "&lt;script&gt;alert" in answer


def test_grade_realisasi_text_is_escaped_in_the_read_only_table(admin, app):
    with app.app_context():
        db.session.add(Realisasi(indicator_id=1, quarter=1, grade=XSS[:4], version=1))
        one = db.session.get(Indicator, 1)
        one.target_kind, one.target_grade = "grade", "<b>"
        db.session.commit()
    page = app.test_client().get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    assert "<scr" not in page.split('id="rl-row-1"')[1].split("</tr>")[0]
    assert "minimal &lt;b&gt;" in page


def _varied_year(app):
    """Every kind of target, polarity and aggregation, some filled, some not."""
    with app.app_context():
        year = Year(year=2040)
        kinds = [
            dict(target_kind="percent", target_value=Decimal(100), target_unit="%",
                 target_tw1=Decimal(25), target_tw2=Decimal(50)),
            dict(target_kind="number", target_value=Decimal(7), polarity="lower",
                 aggregation="kumulatif"),
            dict(target_kind="range", target_value=Decimal(80), target_upper=Decimal(90),
                 target_unit="%", aggregation="rata_rata"),
            dict(target_kind="grade", target_grade="B"),
            dict(target_kind="none"),
            dict(target_kind="number", target_value=Decimal(0)),
        ]
        for i, fields in enumerate(kinds * 2, start=1):
            year.indicators.append(Indicator(position=i, name=f"I{i}", **fields))
        db.session.add(year)
        db.session.flush()
        values = [Decimal("92"), Decimal("6.5"), Decimal("70"), None, Decimal(3), Decimal(1)]
        for n, indicator in enumerate(year.indicators):
            for quarter in (1, 2, 3)[: 1 + n % 3]:
                grade = "BB" if indicator.target_kind == "grade" else None
                value = values[n % len(values)]
                db.session.add(Realisasi(indicator_id=indicator.id, quarter=quarter,
                                         value=value and value + quarter, grade=grade,
                                         version=1))
        db.session.commit()


@pytest.mark.parametrize("cap, lkjip", [("", False), ("100", False), ("120", True)])
def test_summary_after_a_save_equals_the_full_build(app, cap, lkjip):
    _varied_year(app)
    with app.app_context():
        db.session.add(Setting(key="capaian_cap", value=cap))
        if lkjip:
            db.session.add_all(Category(lower_bound=c.lower_bound, inclusive=c.inclusive,
                                        label=c.label, colour=c.colour)
                               for c in LKJIP_CATEGORIES)
        db.session.commit()
        year = db.session.scalar(sa.select(Year).where(Year.year == 2040))
        full = measurement.build(year)
        for built in full.rows:
            row, summary = measurement_memo.refresh(built.indicator)
            assert summary == full.summary
            assert row == built


@pytest.mark.parametrize("text", [XSS, "a & b", "'single' \"double\"", "&amp; &#34;", "", "–",
                                  "<>&'\"" * 3, "85,5%"])
def test_table_escape_writes_what_markupsafe_writes(text):
    assert table.escape(text) == str(markupsafe.escape(text))


def _columns_of_header(html: str) -> int:
    """Columns the header spans: the cells of its first row, a colspan counting for its width."""
    head = re.search(r"<thead.*?</thead>", html, re.S).group(0)
    first_row = re.search(r"<tr>.*?</tr>", head, re.S).group(0)
    spans = [re.search(r'colspan="(\d+)"', th) for th in re.findall(r"<th[^>]*>", first_row)]
    return sum(int(span.group(1)) if span else 1 for span in spans)


@pytest.mark.parametrize("user", ["admin", "anonymous"])
def test_every_row_has_a_cell_under_each_header_column(admin, app, user):
    html = (admin if user == "admin" else app.test_client()).get("/barito-selatan"
                                                                 "/2023/realisasi").get_data(
        as_text=True)
    assert _columns_of_header(html) == len(table.COLUMNS) == 12
    body = re.search(r'<tbody id="realisasi-rows".*?</tbody>', html, re.S).group(0)
    rows = re.findall(r'<tr id="rl-row-\d+">(.*?)</tr>', body, re.S)
    assert len(rows) == 6
    assert all(len(re.findall(r"<td[ >]", row)) == len(table.COLUMNS) for row in rows)


def test_a_year_without_indicators_says_so_across_the_whole_table(admin, app):
    with app.app_context():
        db.session.add(Year(year=2031, institution_name="KPU"))
        db.session.commit()
    html = admin.get("/barito-selatan/2031/realisasi").get_data(as_text=True)
    assert f'<td colspan="{len(table.COLUMNS)}" class="text-center text-muted">Belum ada ' \
           "indikator untuk tahun ini.</td>" in html
    assert 'hx-sync="closest td:queue last"' in html and _columns_of_header(html) == 12
