"""Long tables, printed as a header table and row tables joined again (pdf_tables.py)."""
import re

import pytest
import sqlalchemy as sa
from reportlab.platypus import Paragraph

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, Year
from iku_web.reports.pdf_internals import missing_internals
from iku_web.reports.pdf_tables import HeaderedTable, join_tables
from tests.reports_support import add_indicators, assert_page_numbers, read_pdf, save_png, squash

KETUA = "Ketua KPU Kabupaten Barito Selatan"


def add_narratives(app) -> None:
    """Kendala and solusi in two quarters of every indicator: rows several lines high."""
    with app.app_context():
        ids = db.session.scalars(sa.select(Indicator.id).join(Year).where(Year.year == 2023))
        db.session.add_all([
            Realisasi(indicator_id=ind, quarter=q, value=40 * q,
                      obstacles="Keterlambatan data dari satuan kerja",
                      solutions="Koordinasi dan surat pengingat")
            for ind in ids for q in (1, 2)])
        db.session.commit()


def test_200_tall_rows_each_printed_once_in_order_under_a_header_on_every_page(client, app):
    add_indicators(app, 194)
    add_narratives(app)
    response = client.get("/barito-selatan/2023/laporan/pengukuran.pdf")
    _reader, pages = read_pdf(response.data)
    assert len(pages) > 20  # about 7 tall rows a page: breaks inside and between row tables
    assert_page_numbers(pages)
    flat = [squash(page) for page in pages]
    assert all("KENDALA/SOLUSI" in page and "INDIKATORKINERJA" in page for page in flat)
    text = "".join(flat)
    numbers = [int(n) for n in re.findall(r"Indikatornomor(\d+)tentangpelayanan", text)]
    assert numbers == list(range(7, 201))
    assert "Indikatornomor200" in flat[-1] and squash(KETUA) in flat[-1]
    # Page streams stay compressed after the page numbers are stamped (about 150 KB; 1.2 MB
    # when pypdf left them uncompressed).
    assert len(response.data) < 400_000
    save_png(response.data, "long-200-pengukuran-narrative")


def table(rows: int, repeat: int = 0, keep_with_next: bool = False):
    from xhtml2pdf.xhtml2pdf_reportlab import PmlTable

    made = PmlTable([["a", "b"]] * rows, repeatRows=repeat)
    made.keepWithNext = keep_with_next
    made.spaceBefore = made.spaceAfter = 0
    return made


def test_join_tables_takes_the_row_tables_and_the_tail_kept_with_the_signature():
    header, first, second = table(2, repeat=2), table(10), table(10)
    tail, signature, after = table(2, keep_with_next=True), table(1), Paragraph("x")
    story = join_tables([header, first, second, tail, signature, after])
    assert len(story) == 2 and story[1] is after
    assert isinstance(story[0], HeaderedTable)
    assert story[0].header is header and story[0].bodies == [first, second]
    assert story[0].kept == (tail, signature)


def test_join_tables_without_a_tail_or_with_nothing_after_it():
    header, body, tail = table(2, repeat=2), table(10), table(2, keep_with_next=True)
    story = join_tables([header, body, tail])
    assert story[0].bodies == [body] and story[0].kept == () and story[1:] == [tail]
    story = join_tables([header, body])
    assert story[0].bodies == [body] and len(story) == 1


def test_join_tables_leaves_other_tables_alone():
    plain, repeated = table(3), table(5, repeat=2)
    lone_header = table(2, repeat=2)
    story = [plain, repeated, table(4), lone_header, Paragraph("x"), table(4)]
    assert join_tables(story) == story


def test_rows_taller_than_a_page_in_the_middle_and_at_the_end_are_printed_whole(client, app):
    words = ("pemutakhiran data pemilih berkelanjutan " * 200)[:5000]
    add_indicators(app, 24)
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        # Row 15 sits inside a row table, row 30 in the last rows kept with the signature.
        for position in (15, 30):
            year.indicators[position - 1].name = words
        db.session.commit()
    for document in ("iku", "pengukuran"):
        response = client.get(f"/barito-selatan/2023/laporan/{document}.pdf")
        assert response.status_code == 200, document
        _reader, pages = read_pdf(response.data)
        assert_page_numbers(pages)
        text = "".join(squash(page) for page in pages)
        # Counted word by word: a page break may fall inside the phrase (where depends on
        # the font's widths), never inside a word.
        for word in ("pemutakhiran", "pemilih", "berkelanjutan"):
            assert text.count(word) == 250, (document, word)
        assert squash(KETUA) in squash(pages[-1]), document
        save_png(response.data, f"long-tall-rows-{document}")


def test_the_reportlab_and_xhtml2pdf_internals_the_joiner_reads_are_there(monkeypatch):
    """The joiner reads private parts of the pinned reportlab and xhtml2pdf: an upgrade that
    drops one fails here, by name, instead of printing tables quietly wrong."""
    missing = missing_internals()
    assert not missing, (
        f"iku_web/reports/pdf_tables.py and pdf_widths.py read {', '.join(missing)}, which the "
        "installed reportlab/xhtml2pdf no longer have: keep the versions pinned in "
        "requirements.txt or adapt the joiner")
    # The check itself sees a removal (as an upgrade would make it).
    from reportlab.platypus import flowables
    monkeypatch.delattr(flowables, "_ContainerSpace")
    assert missing_internals() == ["reportlab.platypus.flowables._ContainerSpace"]


def test_reportlab_runs_with_its_c_accelerator():
    from reportlab.lib import rl_accel

    assert not rl_accel._py_funcs, (
        f"reportlab runs {sorted(rl_accel._py_funcs)} in Python: install rl-accel as pinned "
        "in requirements.txt (the big PDFs take 7-8 % more CPU without it)")


def test_collector_paused_while_converting_and_back_on_after(client, app, monkeypatch):
    import gc

    from iku_web.reports import pdf

    seen = []
    convert = pdf.pisa.CreatePDF

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return convert(*args, **kwargs)

    monkeypatch.setattr(pdf.pisa, "CreatePDF", watched)
    assert gc.isenabled()
    assert client.get("/barito-selatan/2023/laporan/pengukuran.pdf").status_code == 200
    assert seen == [False] and gc.isenabled()
    # A caller that had turned it off finds it off after, and a failed conversion turns it
    # back on.
    gc.disable()
    try:
        with pdf.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with app.test_request_context("/"), pytest.raises(pdf.PdfError):
        monkeypatch.setattr(pdf.pisa, "CreatePDF", lambda *a, **k: type("S", (), {"err": 1})())
        pdf.render_pdf("<p>x</p>")
    assert gc.isenabled()


def test_table_cells_measured_and_drawn_without_the_frame(client, app, monkeypatch):
    from reportlab.platypus import flowables

    frames = []
    wrap_list = flowables._listWrapOn

    def watched(F, availWidth, canv, *args, **kwargs):  # noqa: N803
        frames.append(getattr(getattr(canv, "_doctemplate", None), "frame", None))
        return wrap_list(F, availWidth, canv, *args, **kwargs)

    monkeypatch.setattr(flowables, "_listWrapOn", watched)
    add_indicators(app, 40)
    response = client.get("/barito-selatan/2023/laporan/pengukuran.pdf")
    _reader, pages = read_pdf(response.data)
    assert len(pages) > 1
    assert_page_numbers(pages)
    # Every cell of the joined tables (hundreds, measured and drawn) without a frame for
    # reportlab to copy; the layout after them goes on in the frame, so it was put back.
    assert len(frames) > 300 and all(frame is None for frame in frames)
