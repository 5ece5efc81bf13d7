"""The LKjIP draft through HTTP: the DOCX read back with python-docx and as XML, the PDF with
pypdf, both against the realisasi screen; approved-only data; the narrative slots page."""
import io
import shutil
import subprocess

import pytest
import sqlalchemy as sa
from docx.oxml.ns import qn

from iku_web.extensions import db
from iku_web.models import LkjipText, Realisasi, Year
from tests.conftest import htmx_post
from tests.lkjip_support import (
    approve,
    docx_xml,
    open_docx,
    screen_rows,
    squash_spaces,
    xml_paragraphs,
    xml_tables,
)
from tests.reports_support import (
    ARTIFACTS,
    add_indicators,
    assert_page_numbers,
    fill_realisasi,
    indicators,
    read_pdf,
)
from tests.test_html import lint

CHAPTERS = ["Kata Pengantar", "Ikhtisar Eksekutif", "BAB I PENDAHULUAN",
            "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP",
            "LAMPIRAN"]
UNVERIFIED = "(termasuk data triwulan yang belum diverifikasi)"


def get_docx(client, query: str = ""):
    response = client.get(f"/barito-selatan/2023/laporan/lkjip.docx{query}")
    assert response.status_code == 200, response.text[:500]
    assert response.mimetype.endswith("wordprocessingml.document")
    return response.data


def get_pdf(client, query: str = ""):
    response = client.get(f"/barito-selatan/2023/laporan/lkjip.pdf{query}")
    assert response.status_code == 200, response.text[:500]
    return read_pdf(response.data)


def lampiran_rows(data: bytes) -> list[list[str]]:
    """The Pengukuran table of the Lampiran (the document's last table), without its header."""
    return xml_tables(docx_xml(data))[-1][1:]


def test_draft_needs_login(client):
    for url in ("/barito-selatan/2023/lkjip", "/barito-selatan/2023/laporan/lkjip.docx",
                "/barito-selatan/2023/laporan/lkjip.pdf"):
        assert client.get(url).status_code == 302


def test_docx_has_heading_styles_repeating_headers_and_page_fields(app, admin):
    document = open_docx(get_docx(admin))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == CHAPTERS
    # The navigation pane lists paragraphs whose style carries an outline level.
    outline = document.styles["Heading 1"].element.find(qn("w:pPr")).find(qn("w:outlineLvl"))
    assert outline is not None and outline.get(qn("w:val")) == "0"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"][:3] == [
        "A. Profil Organisasi", "B. Struktur Organisasi", "C. Isu Strategis"]
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
    footer = document.sections[0].footer._element
    fields = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Halaman" in footer.xpath("string(.)")
    assert document.sections[0].different_first_page_header_footer  # no number on the cover


def test_docx_cover_profile_and_marked_slots(app, admin):
    document = open_docx(get_docx(admin, "?bulan=1&tahun=2024"))
    texts = [p.text for p in document.paragraphs]
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == ["LAPORAN KINERJA", "INSTANSI PEMERINTAH", "TAHUN 2023"]
    assert "KOMISI PEMILIHAN UMUM KABUPATEN BARITO SELATAN" in texts
    assert "Buntok, Januari 2024" in texts
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        duties, function = year.duty_list, year.function
    assert [p.text for p in document.paragraphs if p.style.name == "List Number"] == duties
    assert f"Fungsi: {function}" in texts
    assert "[diisi oleh Ketua / Sekretaris: Kata Pengantar]" in texts
    assert "[diisi oleh Ketua / Sekretaris: Penutup]" in texts
    slot = next(p for p in document.paragraphs if p.text.startswith("[diisi oleh Ketua"))
    assert slot.runs[0].font.highlight_color is not None
    summary = next(t for t in texts if t.startswith("Pada Tahun Anggaran 2023"))
    assert "mengukur 6 indikator kinerja utama" in summary


def test_closing_date_with_day_in_indonesian(admin):
    texts = [p.text for p in open_docx(get_docx(admin, "?hari=15&bulan=1&tahun=2024")).paragraphs]
    assert "Buntok, 15 Januari 2024" in texts


def test_docx_and_pdf_numbers_equal_the_realisasi_screen(app, admin):
    fill_realisasi(app)
    screen = screen_rows(admin.get("/barito-selatan/2023/realisasi").text)
    ids = [i.id for i in indicators(app)]
    assert len(screen) == 6
    data = get_docx(admin, "?belum_verifikasi=1")
    rows = lampiran_rows(data)
    assert len(rows) == len(ids)
    for iid, row in zip(ids, rows, strict=True):
        shown = screen[iid]
        assert row[2] == shown["target"]
        assert row[7] == shown["realisasi"]
        assert row[8] == shown["capaian"]
        assert row[9] == shown["category"]
    first = screen[ids[0]]
    assert (first["realisasi"], first["capaian"]) == ("93,75%", "93,75%")
    assert first["category"] == "Hampir tercapai"
    assert rows[0][3:7] == ["50%", "93,75%", "-", "-"]

    _reader, pages = get_pdf(admin, "?belum_verifikasi=1")
    assert_page_numbers(pages)
    # From the LAMPIRAN heading on (after the table of contents, which names it too): how
    # many pages it fills depends on the font's widths.
    start = max(i for i, page in enumerate(pages) if "LAMPIRAN" in page)
    lampiran = squash_spaces(" ".join(pages[start:]))
    for iid, row in zip(ids, rows, strict=True):
        # Target, TW I-IV, realisasi, capaian and category follow one another in the row.
        shown = screen[iid]
        expected = " ".join([shown["target"], *row[3:7], shown["realisasi"], shown["capaian"],
                             shown["category"]])
        assert expected in lampiran, (expected, lampiran)


def test_only_approved_quarters_count_by_default(app, admin):
    fill_realisasi(app)
    first = indicators(app)[0].id
    approve(app, first, 1)
    data = get_docx(admin)
    assert lampiran_rows(data)[0][3:10] == ["50%", "-", "-", "-", "50%", "50%", "Tidak tercapai"]
    # The sixth indicator's quarters were never approved: nothing of them counts.
    assert lampiran_rows(data)[5][3:8] == ["-", "-", "-", "-", "-"]
    document = open_docx(data)
    assert any("telah diverifikasi" in p.text for p in document.paragraphs[:12])
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions and not any(UNVERIFIED in c for c in captions)

    document = open_docx(get_docx(admin, "?belum_verifikasi=1"))
    cover = [p.text for p in document.paragraphs[:12]]
    assert any(t.startswith("PERHATIAN: draf ini termasuk data triwulan yang belum") for t in cover)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == len(document.tables)
    assert all(c.endswith(UNVERIFIED) for c in captions), captions

    _reader, pages = get_pdf(admin, "?belum_verifikasi=1")
    text = squash_spaces(" ".join(pages))
    assert "PERHATIAN: draf ini termasuk data triwulan yang belum diverifikasi" in text
    assert text.count("Tabel ") == text.count(UNVERIFIED) == len(captions)


def test_kendala_solusi_prefill_the_analysis(app, admin):
    fill_realisasi(app)
    first = indicators(app)[0].id
    approve(app, first, 1)
    with app.app_context():
        entry = db.session.scalar(sa.select(Realisasi).where(Realisasi.indicator_id == first,
                                                             Realisasi.quarter == 2))
        entry.follow_up = "Rapat evaluasi bulanan"
        db.session.commit()
    paragraphs = xml_paragraphs(docx_xml(get_docx(admin)))
    fifth = next(p for p in paragraphs if p.startswith("5. Penyebab") and "Triwulan I:" in p)
    assert "kendala: Jadwal tahapan bergeser." in fifth
    assert "Solusi: Koordinasi dengan KPU." in fifth
    # Only the approved quarter's notes count by default: TW II was not approved.
    assert "Rapat evaluasi bulanan" not in fifth
    unverified = xml_paragraphs(docx_xml(get_docx(admin, "?belum_verifikasi=1")))
    assert any(p.startswith("5. Penyebab") and "Triwulan II: Tindak lanjut: Rapat evaluasi "
               "bulanan." in p for p in unverified)
    # Indicators without notes keep a marked slot for the person in charge.
    assert any(p.startswith("5. Penyebab") and "[diisi oleh penanggung jawab indikator" in p
               for p in paragraphs)


def save_slot(client, slot, text, version, base=""):
    return htmx_post(client, f"/barito-selatan/2023/lkjip/teks/{slot}",
                     {"text": text, "version": str(version), "base": base})


def stored_slot(app, slot):
    with app.app_context():
        row = db.session.scalar(sa.select(LkjipText).where(LkjipText.slot == slot))
        return (row.text, row.version) if row else None


def test_slot_text_saved_as_typed_goes_into_both_documents(app, admin):
    page = admin.get("/barito-selatan/2023/lkjip").text
    assert 'id="slot-text-kata_pengantar"' in page and 'hx-trigger="input changed' in page
    response = save_slot(admin, "kata_pengantar", "Puji syukur kami panjatkan.", 0)
    assert response.status_code == 200
    assert "Tersimpan" in response.text
    assert 'id="slot-version-kata_pengantar" value="1" hx-swap-oob="true"' in response.text
    assert "<textarea" not in response.text  # the box being typed in is never replaced
    assert stored_slot(app, "kata_pengantar") == ("Puji syukur kami panjatkan.", 1)
    texts = [p.text for p in open_docx(get_docx(admin)).paragraphs]
    assert "Puji syukur kami panjatkan." in texts
    assert "[diisi oleh Ketua / Sekretaris: Kata Pengantar]" not in texts
    _reader, pages = get_pdf(admin)
    assert "Puji syukur kami panjatkan." in squash_spaces(" ".join(pages))
    assert "Puji syukur kami panjatkan." in admin.get("/barito-selatan/2023/lkjip").text


def test_slot_conflict_keeps_the_other_writers_text(app, admin):
    assert "Tersimpan" in save_slot(admin, "penutup", "Teks A", 0).text
    # A second page opened before that save still holds version 0 and an empty base.
    response = save_slot(admin, "penutup", "Teks B", 0, "")
    assert response.status_code == 200
    assert 'data-state="conflict"' in response.text
    assert "Teks tersimpan saat ini: Teks A" in response.text
    assert stored_slot(app, "penutup") == ("Teks A", 1)
    # The answer gave that page the stored version: typing on overwrites deliberately.
    assert 'id="slot-version-penutup" value="1"' in response.text
    assert "Tersimpan" in save_slot(admin, "penutup", "Teks B", 1, "Teks A").text
    assert stored_slot(app, "penutup") == ("Teks B", 2)


def test_slot_too_long_is_refused_and_nothing_is_lost(app, admin):
    save_slot(admin, "isu_strategis", "Isu pertama", 0)
    response = save_slot(admin, "isu_strategis", "x" * 20001, 1, "Isu pertama")
    assert "Teks terlalu panjang" in response.text and 'data-state="invalid"' in response.text
    assert stored_slot(app, "isu_strategis") == ("Isu pertama", 1)


def test_staff_may_not_write_slots(app, staff):
    assert save_slot(staff, "penutup", "x", 0).status_code == 403
    assert stored_slot(app, "penutup") is None


def test_unknown_slot_is_404(admin):
    assert save_slot(admin, "bukan-slot", "x", 0).status_code == 404


def sasaran_ids(app) -> dict[int, int]:
    """{indicator id: its sasaran id} of 2023."""
    return {i.id: i.sasaran_id for i in indicators(app)}


def test_page_shows_each_sasaran_numbers_beside_its_box(app, admin):
    fill_realisasi(app)
    page = admin.get("/barito-selatan/2023/lkjip?belum_verifikasi=1").text
    owners = sasaran_ids(app)
    for iid, sid in owners.items():
        assert f'id="slot-text-sasaran-{sid}"' in page
        assert f'data-indicator="{iid}"' in page
    assert "93,75%" in page and "Hampir tercapai" in page
    first = owners[min(owners)]
    response = save_slot(admin, f"sasaran-{first}", "Analisis sasaran pertama", 0)
    assert response.status_code == 200 and "Tersimpan" in response.text
    paragraphs = xml_paragraphs(docx_xml(get_docx(admin)))
    assert "Analisis sasaran pertama" in paragraphs


def test_staff_reads_the_page_without_text_boxes(staff):
    page = staff.get("/barito-selatan/2023/lkjip").text
    assert "<textarea" not in page and "[diisi oleh Ketua / Sekretaris: Kata Pengantar]" in page


def test_year_without_indicators_gives_marked_slots_not_failure(app, admin):
    with app.app_context():
        db.session.add(Year(year=2030, institution_name="KPU Contoh"))
        db.session.commit()
    response = admin.get("/barito-selatan/2030/laporan/lkjip.docx")
    assert response.status_code == 200
    document = open_docx(response.data)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == CHAPTERS
    assert any(p.text == "[diisi oleh Subbagian Perencanaan, Data dan Informasi: tugas]"
               for p in document.paragraphs)
    assert admin.get("/barito-selatan/2030/laporan/lkjip.pdf").status_code == 200
    assert admin.get("/barito-selatan/2030/lkjip").status_code == 200


def test_pdf_structure_and_first_pages_as_png(app, admin):
    fill_realisasi(app)
    response = admin.get("/barito-selatan"
                         "/2023/laporan/lkjip.pdf?belum_verifikasi=1&bulan=1&tahun=2024")
    reader, pages = read_pdf(response.data)
    assert_page_numbers(pages)
    assert "LAPORAN KINERJA" in pages[0] and "Buntok, Januari 2024" in pages[0]
    text = squash_spaces(" ".join(pages))
    positions = [text.find(chapter) for chapter in CHAPTERS]
    assert -1 not in positions and positions == sorted(positions)
    assert reader.metadata.title == "Laporan Kinerja Instansi Pemerintah Tahun 2023"
    # The PDF's bookmarks follow the headings, like Word's navigation pane.
    assert [item.title for item in reader.outline if not isinstance(item, list)] == CHAPTERS
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "lkjip.pdf"
    pdf.write_bytes(response.data)
    for old in ARTIFACTS.glob("lkjip-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "4", str(pdf),
                    str(ARTIFACTS / "lkjip")], check=True, timeout=60)
    assert len(list(ARTIFACTS.glob("lkjip-*.png"))) == 4


def test_page_html_is_clean_for_htmx(app, admin):
    fill_realisasi(app)
    assert lint(admin.get("/barito-selatan/2023/lkjip").text) == []
    assert lint(admin.get("/barito-selatan/2023/lkjip?belum_verifikasi=1").text) == []


def test_logo_on_the_cover_of_both_documents(admin):
    from tests.test_reports_settings import png_bytes

    response = admin.post("/pengaturan/logo", data={
        "logo": (io.BytesIO(png_bytes()), "logo.png"), "csrf_token": admin.token},
        content_type="multipart/form-data")
    assert response.status_code in (200, 302)
    document = open_docx(get_docx(admin))
    assert len(document.inline_shapes) == 1
    cover = document.paragraphs[:6]
    assert any(p._p.xpath(".//pic:pic") for p in cover)
    reader, _pages = get_pdf(admin)
    assert reader.pages[0].images, "the logo is drawn on the cover"
    assert not reader.pages[1].images


def test_a_200_indicator_year_gives_a_complete_docx(app, admin):
    add_indicators(app, 194)
    document = open_docx(get_docx(admin))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == CHAPTERS
    sasaran = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert len(sasaran) == 200 and sasaran[-1].startswith("Sasaran 200. Indikator nomor 200")
    lampiran = lampiran_rows(get_docx(admin))
    assert len(lampiran) == 200
    # The name repeats its sasaran, so the indicator is named by its formula (as on the PK).
    assert lampiran[-1][:3] == ["200.", "Rumus 200", "90%"]
