"""The province demo's computed indicators (`flask seed-provinsi`) against a hand count of its
offices' data: the first indicator, "Terwujudnya Penyelenggaraan Pemilu sesuai jadwal", target
100% for every office, realisasi as the seed typed them (nilai akhir)."""
import io
import shutil

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from iku_web.extensions import db
from iku_web.models import Indicator, Unit, Year
from iku_web.rollup import service
from tests.conftest import csrf_token, make_app

PASSWORD = "demo-rahasia-123"
# TW I as typed by the seed: approved offices and their value (met = 100).
TW1_APPROVED = {"barito-selatan": 75, "barito-timur": 100, "barito-utara": 100,
                "gunung-mas": 100, "kapuas": 100, "katingan": 75, "kotawaringin-barat": 100,
                "kotawaringin-timur": 100}
# TW I submitted, not verified yet: they count only in the "sementara" figure.
TW1_SUBMITTED = {"pulang-pisau": 95, "seruyan": 100, "sukamara": 75, "palangka-raya": 87.5}
SILENT, EXEMPT = "lamandau", "murung-raya"  # belum melapor; tidak berlaku
# TW II approved: only the first five offices (the next ones are submitted or returned).
TW2_APPROVED = {"barito-selatan": 75, "barito-timur": 100, "barito-utara": 75,
                "gunung-mas": 95, "kapuas": 95}


@pytest.fixture(scope="module")
def demo(tmp_path_factory, migrated_db):
    path = tmp_path_factory.mktemp("demo")
    shutil.copy(migrated_db, path / "iku.sqlite3")
    app = make_app(path)
    result = app.test_cli_runner().invoke(args=["seed-provinsi"], env={
        "IKU_DEMO_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    with app.app_context():
        app.first = db.session.scalar(
            sa.select(Indicator.id).join(Year).join(Unit)
            .where(Unit.code == "kalteng").order_by(Indicator.position).limit(1))
    yield app
    with app.app_context():
        db.engine.dispose()


def test_the_hand_count_of_the_first_indicator(demo):
    denominator = 14 - 1  # murung-raya does not count
    tw1_met = sum(1 for v in TW1_APPROVED.values() if v == 100)
    tw2_met = sum(1 for v in TW2_APPROVED.values() if v == 100)
    assert (tw1_met, tw2_met) == (6, 1)
    with demo.app_context():
        computed = service.computation(db.session.get(Indicator, demo.first))
        tw1, tw2, tw3, _ = computed.verified.quarters
        assert (tw1.numerator, tw1.denominator) == (tw1_met, denominator)
        assert (tw2.numerator, tw2.denominator) == (tw2_met, denominator)
        assert tw3.value is None  # no office's TW III is approved yet
        assert service.figure_text(tw1, computed.spec) == \
            "6 dari 13 KPU Kabupaten/Kota, 46,15% (1 tidak berlaku)"
        assert service.figure_text(computed.verified.year, computed.spec) == \
            "1 dari 13 KPU Kabupaten/Kota, 7,69% (1 tidak berlaku)"
        status = {line.unit.code: line.status for line in tw1.children}
        assert status[SILENT] == "not_reported" and status[EXEMPT] == "exempt"
        assert {c for c, s in status.items() if s == "unverified"} == set(TW1_SUBMITTED)
        assert {c for c, s in status.items() if s == "approved"} == set(TW1_APPROVED)
        # Sementara TW I: seruyan's unverified 100 counts too.
        provisional = tw1_met + sum(1 for v in TW1_SUBMITTED.values() if v == 100)
        assert computed.provisional.quarters[0].numerator == provisional == 7
        # Every one of the six is computed; the sixth is the offices' mean.
        top = db.session.scalars(sa.select(Indicator).join(Year).join(Unit)
                                 .where(Unit.code == "kalteng")
                                 .order_by(Indicator.position)).all()
        assert [i.rollup_rule for i in top] == (["persentase_memenuhi"] * 4
                                                + ["persentase_huruf", "rata_rata"])
        assert db.session.scalar(sa.select(sa.func.count(Indicator.id))
                                 .where(Indicator.parent_indicator_id.isnot(None))) == 14 * 6


def test_the_pages_say_the_same(demo):
    client = demo.test_client()
    client.post("/masuk", data={"username": "admin.kalteng", "password": PASSWORD,
                                "csrf_token": csrf_token(client, "/masuk")})
    table = client.get("/kalteng/2024/realisasi").get_data(as_text=True)
    link = 'rincian?tw={}" title="Dihitung dari unit di bawah: lihat rincian">{}</a>'
    assert f"/kalteng/2024/iku/{demo.first}/" + link.format(1, "46,15%") in table
    assert f"/kalteng/2024/iku/{demo.first}/" + link.format(2, "7,69%") in table
    assert "sementara 53,85%" in table
    page = client.get(f"/kalteng/2024/iku/{demo.first}/rincian").get_data(as_text=True)
    assert "1 dari 13 KPU Kabupaten/Kota, 7,69% (1 tidak berlaku)" in page
    assert "Belum melapor" in page and "Tidak berlaku" in page
    assert "dilaksanakan oleh KPU Provinsi" in page  # the reason
    tw1 = client.get(f"/kalteng/2024/iku/{demo.first}/rincian?tw=1").get_data(as_text=True)
    assert "6 dari 13 KPU Kabupaten/Kota, 46,15% (1 tidak berlaku)" in tw1
    # The documents print the computed realisasi (the verified year, TW II: 7,69%).
    assert "7,69%" in client.get("/kalteng/2024/dasbor").get_data(as_text=True)
    pdf = client.get("/kalteng/2024/laporan/pengukuran.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "7,69" in text
    # An office reads its own linked indicator, not the province's figures.
    office = demo.test_client()
    office.post("/masuk", data={"username": "admin.kapuas", "password": PASSWORD,
                                "csrf_token": csrf_token(office, "/masuk")})
    assert office.get(f"/kalteng/2024/iku/{demo.first}/rincian").status_code == 404
