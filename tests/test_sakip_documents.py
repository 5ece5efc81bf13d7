"""The PK, the Pengukuran and the IKU with the chain, read back from the PDFs with pypdf."""
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Year
from tests.reports_support import assert_page_numbers, read_pdf, save_png, squash
from tests.sakip_support import build_chain


def pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    return response.data, read_pdf(response.data)[1]


def test_pk_groups_indicators_under_sasaran_with_the_budget_table(client, app):
    build_chain(app)
    data, pages = pdf(client, "/barito-selatan/2024/laporan/pk.pdf")
    assert_page_numbers(pages)
    statement, attachment = squash(pages[0]), squash("".join(pages[1:]))
    assert "Nomor:01/PK/KPU-BS/2024" in statement
    assert "PIHAKPERTAMA" in statement and "PIHAKKEDUA" in statement
    assert "NOSASARANSTRATEGISINDIKATORKINERJATARGET" in attachment
    # Sasaran 1 holds two indicators, printed once, followed by its indicators in order.
    one = attachment.index("1.TerwujudnyaPenyelenggaraanPemilusesuaijadwal")
    first = attachment.index("PersentaseKPUKabupaten/Kotayangmenyelenggarakan", one)
    second = attachment.index("PersentaseTPSyangmenerimalogistiktepatwaktu", first)
    assert attachment.index("2.TerwujudnyaDataPemilih", second) > second
    assert attachment.count("TerwujudnyaPenyelenggaraanPemilusesuaijadwal") == 1
    # The program table with Rupiah and the total of programs (kegiatan not added twice).
    assert "PROGRAM/KEGIATANANGGARAN(Rp)KETERANGAN" in attachment
    assert "076.01.WAProgramPenyelenggaraanPemiluRp1.234.567.000" in attachment
    assert "Rp80.000.000*" in attachment and "Rp250.000.000Belanjapegawai" in attachment
    assert "JUMLAH" in attachment and "Rp1.484.567.000" in attachment
    assert ",00" not in attachment.split("PROGRAM/KEGIATAN")[1]
    save_png(data, "sakip-pk")


def test_pengukuran_has_satuan_last_year_renstra_and_budget(client, app):
    build_chain(app)
    data, pages = pdf(client, "/barito-selatan/2024/laporan/pengukuran.pdf?tw=2")
    assert_page_numbers(pages)
    flat = squash("".join(pages))
    for header in ("SATUAN", "TAHUNLALU", "RENSTRA", "TARGETAKHIR", "KENDALA/SOLUSI"):
        assert header in flat, header
    # Sasaran headings, then the indicators of each.
    s1 = flat.index("Sasaran1:TerwujudnyaPenyelenggaraanPemilusesuaijadwal")
    row = flat.index("1.PersentaseKPUKabupaten/Kotayangmenyelenggarakan", s1)
    # satuan, target, TW I, TW II, realisasi, capaian to date and full year, category,
    # last year's realisasi and capaian (2023 in the application: 87,5), Renstra end target
    # (100%) and capaian against it.
    assert flat.index("%100%-90%90%90%90%Hampirtercapai87,5%87,5%100%90%", row) > row
    second = flat.index("2.PersentaseTPSyangmenerimalogistik", row)
    # A sasaran that is only its one indicator's name has no heading: the row carries it.
    assert flat.index("3.TerwujudnyaDataPemilihsecaraBerkelanjutan", second) > second
    assert "Sasaran2:" not in flat
    # The budget per sasaran: pagu, realisasi, serapan, capaian, efficiency (rasio).
    budget = flat[flat.index("REALISASIANGGARANS.D.TRIWULANII"):]
    assert ("TerwujudnyaPenyelenggaraanPemilusesuaijadwal"
            "Rp1.234.567.000Rp617.283.50050%85%170%(efisien)") in budget
    assert "JUMLAHRp1.484.567.000Rp667.283.50044,95%" in budget
    assert "capaiankinerja(%)/serapananggaran(%)x100%" in budget
    save_png(data, "sakip-pengukuran")


def test_pengukuran_marks_a_typed_last_year(client, app):
    build_chain(app)
    with app.app_context():
        from iku_web.models import PastRealisasi

        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        third = year.indicators[2]
        db.session.add(PastRealisasi(indicator_id=third.id, year=2022, value=80,
                                     target_value=100, source="LKjIP 2022"))
        db.session.commit()
    _data, pages = pdf(client, "/barito-selatan/2023/laporan/pengukuran.pdf")
    flat = squash("".join(pages))
    assert "80%*80%" in flat and "diketikdaridokumensebelumaplikasidigunakan" in flat
    # the 2023 document of the first indicator shows its typed 2022 realisasi
    assert "75%*75%" in flat


def test_iku_prints_the_decree_and_a_satuan_column_when_units_differ(client, app):
    build_chain(app)
    _data, pages = pdf(client, "/barito-selatan/2024/laporan/iku.pdf")
    flat = squash(pages[0])
    assert "DitetapkandenganKeputusanNomor12/HK.03-Kpt/6204/2024tanggal15Januari2024" in flat
    assert "NOINDIKATORKINERJAUTAMAPERHITUNGANTARGETSUMBERDATA12345" in flat  # all "%"
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2024))
        year.indicators[2].target_unit = "dokumen"
        db.session.commit()
    _data, pages = pdf(client, "/barito-selatan/2024/laporan/iku.pdf")
    flat = squash(pages[0])
    assert "NOINDIKATORKINERJAUTAMAPERHITUNGANSATUANTARGETSUMBERDATA123456" in flat
    assert "dokumen" in flat
    # the seed year has no decree yet: nothing printed above the table
    _data, pages = pdf(client, "/barito-selatan/2023/laporan/iku.pdf")
    assert "Ditetapkan" not in pages[0]
