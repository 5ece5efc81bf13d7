"""The demo data is the office's signed IKU document of TA 2023, field by field."""
import re
from decimal import Decimal

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Signer, Year
from iku_web.seed import load_demo

EXPECTED = [
    ("Terwujudnya Penyelenggaraan Pemilu sesuai jadwal",
     "Persentase KPU Kabupaten/Kota yang menyelenggarakan Pemilu sesuai jadwal",
     "100%",
     "Laporan Pelaksanaan Tahapan Pemilu Serentak 2024 KPU Provinsi/KPU Kabupaten/Kota"),
    ("Terlaksananya pengelolaan kebutuhan, pengadaan, pendistribusian, pemeliharaan serta "
     "inventarisasi dan fasilitasi data logistik dalam Pemilu/Pemilihan",
     "Persentase KPU Kabupaten/Kota yang menginventarisir dan memelihara logistik sebelum "
     "pelaksanaan pemungutan suara",
     "belum ditetapkan",
     "Laporan Pengelolaan Logistik Pemilu/Pemilihan 2024 KPU Kabupaten/Kota"),
    ("Terwujudnya Data Pemilih secara Berkelanjutan",
     "Persentase KPU Kabupaten/Kota yang memutakhirkan Data Pemilih Tepat Waktu",
     "belum ditetapkan",
     "Laporan Pemutakhiran Data Pemilih KPU"),
    ("Terlaksananya proses seleksi Anggota KPU Kabupaten/Kota sesuai Peraturan "
     "Perundang-Undangan yang berlaku",
     "Persentase Anggota KPU Kabupaten/Kota yang pelaksanaan penggantian antar waktunya sesuai "
     "peraturan perundang-undangan yang berlaku",
     "belum ditetapkan",
     "Laporan PAW KPU Kabupaten/Kota"),
    ("Meningkatnya Akuntabilitas Keuangan dan Kinerja KPU",
     "Persentase KPU Provinsi dan KPU Kabupaten/Kota yang mendapatkan Nilai Hasil Evaluasi "
     "Mandiri atas Akuntabilitas Kinerja minimal B",
     "100%",
     "Hasil Reviu atau Evaluasi Mandiri SAKIP KPU Provinsi dan KPU Kabupaten/Kota"),
    ("Persentase Pembentukan Badan Adhoc Seleksi KPPS",
     "Persentase jumlah Badan Adhoc yang dipersiapkan dan dibentuk",
     "100%",
     "Terlaksananya pendaftaran seleksi Badan Adhoc KPPS dengan Aplikasi SIAKBA"),
]
DUTIES = [
    "Penyusunan program dan anggaran Pemilu/Pemilihan;",
    "Penyelenggaraan Pemilu/Pemilihan;",
    "Merumuskan dan menyusun rancangan Keputusan KPU Kabupaten Barito Selatan;",
    "Menyusun laporan penyelenggaraan Pemilihan;",
    "Melaksanakan tugas-tugas lainnya (koordinasi, sosialisasi, evaluasi dan lain-lain) sesuai "
    "dengan peraturan perundang-undangan.",
]


def _cells(html: str) -> list[list[str]]:
    body = html.split('<tbody id="iku-rows">', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def test_demo_profile_matches_seed_document(app):
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        assert year.institution_name == "Komisi Pemilihan Umum Kabupaten Barito Selatan"
        assert year.function == "Melaksanakan Tahapan Pemilu dan Pemilihan"
        assert year.duty_list == DUTIES
        assert year.closing_place == "Buntok"


def test_demo_indicators_match_seed_document_in_the_database(app):
    with app.app_context():
        indicators = db.session.scalars(sa.select(Indicator).order_by(Indicator.position)).all()
        assert [i.position for i in indicators] == [1, 2, 3, 4, 5, 6]
        for indicator, (name, formula, target, source) in zip(indicators, EXPECTED, strict=True):
            assert (indicator.name, indicator.formula, indicator.data_source) == (
                name, formula, source)
            if target == "100%":
                assert (indicator.target_kind, indicator.target_value) == ("percent", Decimal(100))
            else:
                assert indicator.target_kind == "none" and indicator.target_value is None
            assert indicator.polarity == "higher" and indicator.aggregation == "nilai_akhir"


def test_register_page_shows_the_seed_document(client):
    html = client.get("/barito-selatan/2023/iku").get_data(as_text=True)
    assert "INDIKATOR KINERJA UTAMA" in html
    assert "Komisi Pemilihan Umum Kabupaten Barito Selatan" in html
    assert re.findall(r"<li>(.*?)</li>", html.split('id="profile-duties"')[1].split("</ol>")[0]) \
        == DUTIES
    assert "Melaksanakan Tahapan Pemilu dan Pemilihan" in html
    for header in ("NO", "INDIKATOR KINERJA UTAMA", "PERHITUNGAN", "TARGET", "SUMBER DATA"):
        assert f'<th scope="col">{header}</th>' in html
    rows = _cells(html)
    assert [row[:5] for row in rows] == [
        [f"{n}.", name, formula, target, source]
        for n, (name, formula, target, source) in enumerate(EXPECTED, start=1)]


def test_demo_signers_have_titles_and_no_names(app):
    with app.app_context():
        signers = db.session.scalars(sa.select(Signer).order_by(Signer.position)).all()
        assert [(s.title, s.name) for s in signers] == [
            ("Ketua KPU Kabupaten Barito Selatan", ""),
            ("Sekretaris KPU Kabupaten Barito Selatan", ""),
        ]


def test_loading_demo_twice_adds_nothing(app):
    with app.app_context():
        assert load_demo() is None
        assert db.session.scalar(sa.select(sa.func.count(Indicator.id))) == 6
