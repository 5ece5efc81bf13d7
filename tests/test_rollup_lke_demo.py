"""The province demo's indicator 5 ("... Nilai Hasil Evaluasi Mandiri ... minimal B") computed
from its offices' LKE grades (lke/demo.py), read through the pages, documents and API, against
a hand count: final grades at least B: Barito Selatan, Barito Timur (its evaluator's B),
Barito Utara, Kapuas, Kotawaringin Barat, Murung Raya, Sukamara, Palangka Raya = 8 of 14;
Seruyan's B is a draft (sementara: 9 of 14); Lamandau reports nothing, nor fills its LKE."""
import io

import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from iku_web.extensions import db
from iku_web.models import Indicator, Unit, Year
from iku_web.rollup import service
from tests.conftest import csrf_token
from tests.test_rollup_demo import PASSWORD, demo  # noqa: F401 (the module's fixture)

FINAL_B = {"barito-selatan", "barito-timur", "barito-utara", "kapuas", "kotawaringin-barat",
           "murung-raya", "sukamara", "palangka-raya"}
BELOW_B = {"gunung-mas", "kotawaringin-timur", "pulang-pisau", "katingan"}
VERIFIED, SEMENTARA = "8 dari 14 KPU Kabupaten/Kota, 57,14%", "9 dari 14 KPU Kabupaten/Kota, 64,29%"


def _fifth(app) -> int:
    with app.app_context():
        return db.session.scalars(sa.select(Indicator.id).join(Year).join(Unit)
                                  .where(Unit.code == "kalteng")
                                  .order_by(Indicator.position)).all()[4]


def _client(app):
    client = app.test_client()
    client.post("/masuk", data={"username": "admin.kalteng", "password": PASSWORD,
                                "csrf_token": csrf_token(client, "/masuk")})
    return client


def test_the_hand_count_of_indicator_5(demo):  # noqa: F811
    with demo.app_context():
        computed = service.computation(db.session.get(Indicator, _fifth(demo)))
        for figure in computed.verified.quarters:  # the LKE is yearly: every quarter
            assert service.figure_text(figure, computed.spec) == VERIFIED
        assert service.figure_text(computed.provisional.year, computed.spec) == SEMENTARA
        lines = {line.unit.code: line for line in computed.verified.year.children}
        assert {c for c, line in lines.items() if line.met} == FINAL_B
        assert {c for c, line in lines.items() if line.status == "approved" and not line.met} \
            == BELOW_B
        assert lines["seruyan"].status == "unverified" and lines["seruyan"].pending == "B"
        assert lines["lamandau"].status == "not_reported" and lines["lamandau"].grade is None
        assert lines["barito-timur"].grade.text == "B (64,60; nilai evaluator)"


def test_drilldown_dashboard_documents_and_api_show_each_grade(demo):  # noqa: F811
    client, fifth = _client(demo), _fifth(demo)
    page = client.get(f"/kalteng/2024/iku/{fifth}/rincian").get_data(as_text=True)
    assert VERIFIED in page and SEMENTARA in page
    assert "B (64,60; nilai evaluator)" in page and "CC (51,15; penilaian mandiri)" in page
    assert "Belum melapor (LKE belum diisi)" in page
    assert "nilai LKE belum final" in page
    # The Pengukuran and the LKjIP print every office's grade and whether it met.
    gunung_mas = "Komisi Pemilihan Umum Kabupaten Gunung Mas: CC (51,15; penilaian mandiri), " \
                 "tidak memenuhi"
    lamandau = "Komisi Pemilihan Umum Kabupaten Lamandau: belum mengisi LKE"
    for url in ("/kalteng/2024/laporan/pengukuran.html", "/kalteng/2024/laporan/lkjip.html"):
        text = client.get(url).get_data(as_text=True)
        assert "Nilai LKE: " in text and gunung_mas in text and lamandau in text, url
        assert "Komisi Pemilihan Umum Kabupaten Kapuas: B (64,60; penilaian mandiri), " \
               "memenuhi" in text
    pdf = client.get("/kalteng/2024/laporan/pengukuran.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Nilai LKE:" in " ".join(text.split())
    # The dashboard's table: each office's grade and its standing.
    board = client.get("/kalteng/2024/dasbor?tw=3").get_data(as_text=True)
    box = board[board.index(f'id="unit-bawah-{fifth}"'):]
    box = box[:box.index("</section>")]
    assert 'data-unit="lamandau" data-standing="not_reported"' in box
    assert 'data-unit="gunung-mas" data-standing="not_met"' in box
    assert 'data-unit="barito-timur" data-standing="met"' in box
    assert 'data-unit="seruyan" data-standing="unverified"' in box
    assert "LKE: B (64,60; nilai evaluator)" in box and "LKE: belum diisi" in box
    # The drill-down's Excel: the grade in Keterangan, on both sheets.
    book = load_workbook(io.BytesIO(client.get(f"/kalteng/2024/iku/{fifth}/rincian.xlsx").data))
    for sheet in book.worksheets:
        notes = {row[2]: row[9] for row in sheet.iter_rows(values_only=True)}
        assert notes["barito-timur"] == "LKE: B (64,60; nilai evaluator)"
        assert notes["lamandau"] == "LKE belum diisi"
    # The API: per office its letter, score, side and whether it met.
    data = client.get("/api/v1/kalteng/2024/capaian").get_json()
    quarter = data["indicators"][4]["rollup"]["verified"]["quarters"][3]
    assert (quarter["numerator"], quarter["denominator"]) == (8, 14)
    children = {child["code"]: child for child in quarter["children"]}
    assert {c for c, child in children.items() if child["met"]} == FINAL_B
    assert children["barito-timur"]["lke"]["side"] == "evaluator"
    assert children["katingan"]["lke"]["letter"] == "C"
    assert children["lamandau"]["lke"] is None
