"""Quarterly targets written per triwulan or kumulatif s.d. triwulan (docs/capaian.md): the
invariant "capaian s.d. TW IV = capaian of the year", the warning where the targets are typed,
the pages that follow, and the migration on a database of the previous version."""
import io
import re
import sqlite3
from decimal import Decimal

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from iku_web import capaian, quarter_targets
from iku_web.domain import AGGREGATIONS, GRADES, POLARITIES, QUARTER_TARGET_MODES
from iku_web.extensions import db
from iku_web.models import Indicator
from tests.migration_support import app_before, upgrade_to_head
from tests.reports_support import read_pdf, squash
from tests.test_realisasi import save
from tests.test_sakip_excel import columns, to_bytes, workbook

amounts = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)
positive = st.decimals(min_value=Decimal("0.01"), max_value=10_000, places=2, allow_nan=False)


@st.composite
def consistent_targets(draw, how: str, mode: str):
    """(yearly target, four quarterly targets) that agree in the way `mode` writes them."""
    if mode == "kumulatif":
        parts = sorted(draw(st.lists(positive, min_size=4, max_size=4)))
        return parts[-1], parts
    parts = draw(st.lists(positive, min_size=4, max_size=4))
    if how == "kumulatif":
        return sum(parts), parts
    if how == "rata_rata":
        return capaian.aggregate(parts, how), parts
    return parts[-1], parts


@st.composite
def cases(draw):
    how = draw(st.sampled_from(sorted(AGGREGATIONS)))
    mode = draw(st.sampled_from(sorted(QUARTER_TARGET_MODES)))
    kind = draw(st.sampled_from(["number", "percent", "range", "grade"]))
    polarity = draw(st.sampled_from(sorted(POLARITIES)))
    yearly, quarters = draw(consistent_targets(how, mode))
    if kind == "range":
        low = draw(positive)
        target = capaian.Target("range", low, low + draw(amounts))
    elif kind == "grade":
        target = capaian.Target("grade", grade=draw(st.sampled_from(GRADES)))
    else:
        target = capaian.Target(kind, yearly)
    values = draw(st.lists(st.sampled_from(GRADES), min_size=4, max_size=4)) \
        if kind == "grade" else draw(st.lists(amounts, min_size=4, max_size=4))
    return target, quarters, polarity, how, mode, values


@settings(max_examples=600, deadline=None)
@given(cases())
def test_capaian_to_tw4_equals_the_year_for_every_aggregation_and_polarity(case):
    target, quarters, polarity, how, mode, values = case
    # The admin sees no warning for these targets ...
    assert quarter_targets.mismatch(target.kind, target.value, quarters, how, mode) == ""
    # ... and with all four quarters filled, capaian s.d. TW IV is the capaian of the year.
    result = capaian.progress(target, values, quarters, polarity, how, mode)
    assert result.last_quarter == 4
    assert (result.to_date.status, result.to_date.percent) == \
        (result.full_year.status, result.full_year.percent)


def test_the_field_test_case_kumulatif_lower_better_3_5_8_10():
    """Yearly target 10, Rencana Aksi written s.d. triwulan 3 / 5 / 8 / 10, realisasi 11 in
    all: the year is (20 - 11) / 10 = 90%, and so is s.d. TW IV (157,69% before)."""
    target = capaian.Target("number", Decimal(10))
    quarters = [Decimal(3), Decimal(5), Decimal(8), Decimal(10)]
    values = [Decimal(2), Decimal(3), Decimal(3), Decimal(3)]
    result = capaian.progress(target, values, quarters, "lower", "kumulatif", "kumulatif")
    assert result.full_year.percent == result.to_date.percent == Decimal(90)
    # s.d. TW II: realisasi 5 against the target due by then, 5 (not 3 + 5 = 8).
    upto_tw2 = capaian.progress(target, values[:2] + [None, None], quarters, "lower",
                                "kumulatif", "kumulatif")
    assert upto_tw2.to_date.percent == Decimal(100)


def _set_up_kumulatif(app):
    with app.app_context():
        indicator = db.session.get(Indicator, 1)
        indicator.target_kind, indicator.target_value = "number", Decimal(10)
        indicator.target_unit, indicator.aggregation = "dokumen", "kumulatif"
        indicator.polarity = "lower"
        db.session.commit()


def _targets(client, mode=None):
    data = {"csrf_token": client.token, "target_tw1": "3", "target_tw2": "5", "target_tw3": "8",
            "target_tw4": "10"}
    if mode:
        data["quarter_target_mode"] = mode
    return client.post("/barito-selatan/2023/indikator/1/target", data=data)


def _cell(html: str, cell_id: str) -> str:
    cell = re.search(rf'id="{cell_id}"[^>]*>(.*?)</td>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", " ", cell).split()[0]


def test_admin_writes_targets_s_d_triwulan_and_the_pages_follow(admin, app):
    _set_up_kumulatif(app)
    assert _targets(admin).status_code == 302  # per triwulan: 3 + 5 + 8 + 10 = 26 is not 10
    page = admin.get("/barito-selatan/2023/indikator/1").get_data(as_text=True)
    warning = re.search(r'id="quarter-target-warning"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert "Jumlah target TW I-IV (26) tidak sama dengan target tahunan (10)" in warning
    assert "Kumulatif s.d. triwulan" in warning

    assert _targets(admin, "kumulatif").status_code == 302
    with app.app_context():
        assert db.session.get(Indicator, 1).quarter_target_mode == "kumulatif"
    page = admin.get("/barito-selatan/2023/indikator/1").get_data(as_text=True)
    assert 'id="quarter-target-warning"' not in page
    assert '<option selected value="kumulatif">' in page
    for quarter, value in enumerate(("2", "3", "3", "3"), start=1):
        html = save(admin, value, quarter=quarter).get_data(as_text=True)
    assert _cell(html, "rl-todate-1") == _cell(html, "rl-full-1") == "90%"
    pengukuran = admin.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    assert "157,69%" not in pengukuran and _cell(pengukuran, "rl-todate-1") == "90%"


def test_a_cumulative_tw_iv_other_than_the_yearly_target_is_warned_in_the_register(admin, app):
    _set_up_kumulatif(app)
    with app.app_context():
        indicator = db.session.get(Indicator, 1)
        indicator.quarter_target_mode = "kumulatif"
        indicator.target_tw1, indicator.target_tw2 = Decimal(3), Decimal(5)
        indicator.target_tw3, indicator.target_tw4 = Decimal(8), Decimal(9)
        db.session.commit()
    register = admin.get("/barito-selatan/2023/iku").get_data(as_text=True)
    assert "Target TW IV (9) tidak sama dengan target tahunan (10)" in register


def test_migration_marks_plainly_cumulative_targets_and_keeps_the_rest(tmp_path):
    app = app_before(tmp_path, "0009_quarter_target_mode")
    path = tmp_path / "iku.sqlite3"
    rows = [  # id, aggregation, target, TW I..IV
        (1, "kumulatif", "10", "3", "5", "8", "10"),  # written s.d. triwulan
        (2, "kumulatif", "10", "2", "3", "3", "2"),  # per triwulan: sums to 10
        (3, "nilai_akhir", "100", "25", "50", "75", "100"),
        (4, "kumulatif", "10", "3", None, "8", "10"),  # incomplete: left alone
    ]
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO year (id, year, institution_name, function, duties, "
                     "closing_place) VALUES (1, 2023, 'KPU', 'F', 'T', 'Buntok')")
        for iid, how, target, *tws in rows:
            conn.execute(
                "INSERT INTO indicator (id, year_id, position, name, formula, target_kind, "
                "target_value, target_unit, polarity, aggregation, data_source, pic_unit, "
                "target_tw1, target_tw2, target_tw3, target_tw4, national_standard_note) "
                "VALUES (?, 1, ?, ?, '', 'number', ?, '', 'higher', ?, '', '', ?, ?, ?, ?, '')",
                (iid, iid, f"Indikator {iid}", target, how, *tws))
            conn.execute("INSERT INTO realisasi (indicator_id, quarter, value, version, "
                         "obstacles, solutions, follow_up) VALUES (?, 1, '2', 1, '', '', '')",
                         (iid,))
    conn.close()
    upgrade_to_head(app)
    with app.app_context():
        modes = dict(db.session.execute(
            sa.select(Indicator.id, Indicator.quarter_target_mode)).all())
        assert modes == {1: "kumulatif", 2: "per_triwulan", 3: "per_triwulan", 4: "per_triwulan"}
        assert db.session.scalar(sa.text("SELECT count(*) FROM realisasi")) == 4


def test_pk_prints_cumulative_quarter_targets_as_s_d(admin, app):
    _set_up_kumulatif(app)
    _targets(admin, "kumulatif")
    _, pages = read_pdf(admin.get("/barito-selatan/2023/laporan/pk.pdf").data)
    text = squash(" ".join(pages))
    for due in ("s.d.3dokumen", "s.d.5dokumen", "s.d.8dokumen", "s.d.10dokumen"):
        assert due in text
    assert squash('Target triwulan bertanda "s.d." adalah target kumulatif') in text


def test_iku_excel_carries_how_quarter_targets_are_written(admin, app):
    wb = workbook(admin, "/barito-selatan/2023/laporan/iku.xlsx")
    ws = wb.active
    col = columns(ws)["Target Triwulan Ditulis"]
    assert ws.cell(2, col).value == QUARTER_TARGET_MODES["per_triwulan"]
    ws.cell(2, col).value = "Kumulatif s.d. triwulan (TW IV = target tahunan)"
    ws.cell(3, col).value = "sembarang"
    response = admin.post("/barito-selatan/2023/laporan/impor", data={
        "file": (io.BytesIO(to_bytes(wb)), "iku.xlsx"), "csrf_token": admin.token},
        content_type="multipart/form-data")
    assert "Target Triwulan Ditulis tidak dikenal" in response.text
    ws.cell(3, col).value = None  # blank: per triwulan
    admin.post("/barito-selatan/2023/laporan/impor", data={
        "file": (io.BytesIO(to_bytes(wb)), "iku.xlsx"), "csrf_token": admin.token},
        content_type="multipart/form-data")
    admin.post("/barito-selatan/2023/laporan/impor/terapkan", data={"csrf_token": admin.token})
    with app.app_context():
        assert db.session.get(Indicator, 1).quarter_target_mode == "kumulatif"
        assert db.session.get(Indicator, 2).quarter_target_mode == "per_triwulan"
