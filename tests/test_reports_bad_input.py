"""Documents with hostile or extreme data: long text, markup, no indicators, 200 indicators."""
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, Signer, Year
from iku_web.reports.pdf import LOGO_URI, link_callback
from tests.reports_support import (
    add_indicators,
    assert_page_numbers,
    read_pdf,
    save_png,
    squash,
)

DOCUMENTS = ("iku", "pk", "pengukuran")
MARKUP = '<script>alert("x")</script><b>tebal</b><img src="http://127.0.0.1:9/x.png">&amp;'


def first(app) -> Indicator:
    return db.session.scalar(sa.select(Indicator).join(Year).where(Year.year == 2023)
                             .order_by(Indicator.position))


def test_5000_character_texts_and_long_words_are_printed_whole(client, app):
    words = ("pemutakhiran data pemilih berkelanjutan " * 200)[:5000]
    url = "https://jdih.kpu.go.id/" + "a" * 300
    with app.app_context():
        ind = first(app)
        ind.name, ind.formula, ind.data_source = words, url, words
        db.session.commit()
    for document in DOCUMENTS:
        response = client.get(f"/barito-selatan/2023/laporan/{document}.pdf")
        assert response.status_code == 200, document
        _reader, pages = read_pdf(response.data)
        assert_page_numbers(pages)
        flat = squash("".join(pages))
        # Long cells split over pages and the columns interleave in the extracted text, so
        # count: 125 in each field printed (IKU: indicator and sumber data). Word by word:
        # where a page break falls inside the phrase depends on the font's widths.
        for word in ("pemutakhiran", "pemilih", "berkelanjutan"):
            assert flat.count(word) == (250 if document == "iku" else 125), (document, word)
        # Only the IKU prints the formula: the PK and the Pengukuran print the indicator's
        # name, and its formula only when the name just repeats its sasaran.
        assert (squash(url) in flat) == (document == "iku"), document
        if document == "iku":
            save_png(response.data, "bad-long-text-iku")


def test_markup_in_every_text_field_is_printed_literally(client, app):
    with app.app_context():
        ind = first(app)
        for field in ("name", "formula", "data_source", "target_unit", "pic_unit"):
            setattr(ind, field, MARKUP if field != "target_unit" else "<i>x</i>")
        ind.target_kind, ind.target_value = "number", 5
        year = ind.year_ref
        year.institution_name = year.function = year.closing_place = MARKUP
        year.duties = MARKUP + "\n" + MARKUP
        for signer in db.session.scalars(sa.select(Signer)):
            signer.title = signer.rank = MARKUP
            signer.name = MARKUP
        db.session.add(Realisasi(indicator=ind, quarter=1, value=3, obstacles=MARKUP,
                                 solutions=MARKUP))
        db.session.commit()
    for document in DOCUMENTS:
        _reader, pages = read_pdf(client.get(f"/barito-selatan/2023/laporan/{document}.pdf").data)
        flat = squash("".join(pages))
        assert squash('<script>alert("x")</script>') in flat, document
        assert squash("<b>tebal</b>") in flat, document
        preview = client.get(f"/barito-selatan/2023/laporan/{document}.html").get_data(as_text=True)
        assert "<script>alert" not in preview
        assert "&lt;script&gt;alert" in preview


def test_a_year_without_indicators_still_prints(client, app, admin):
    response = admin.post("/barito-selatan"
                          "/tahun", data={"year": 2030, "source": 0, "csrf_token": admin.token})
    assert response.status_code == 302
    for document in DOCUMENTS:
        response = client.get(f"/barito-selatan/2030/laporan/{document}.pdf")
        assert response.status_code == 200
        _reader, pages = read_pdf(response.data)
        assert_page_numbers(pages)
        assert "Belum ada indikator untuk tahun ini." in "".join(pages)
    assert client.get("/barito-selatan/2030/laporan/iku.xlsx").status_code == 200
    assert client.get("/barito-selatan/2030/laporan/pengukuran.xlsx").status_code == 200
    assert client.get("/barito-selatan/2031/laporan/iku.pdf").status_code == 404


def test_200_indicators_every_row_and_page_number(client, app):
    add_indicators(app, 194)
    for document in DOCUMENTS:
        response = client.get(f"/barito-selatan/2023/laporan/{document}.pdf")
        _reader, pages = read_pdf(response.data)
        assert len(pages) > 5
        assert_page_numbers(pages)
        flat = squash("".join(pages))
        for n in range(7, 201):
            assert f"Indikatornomor{n}tentangpelayanan" in flat
        assert "Indikatornomor200" in squash(pages[-1])
        # the header row repeats on every page of the table
        header = {"iku": "SUMBERDATA", "pk": "TARGETTRIWULAN", "pengukuran": "KENDALA/SOLUSI"}
        table_pages = pages[1:] if document == "pk" else pages
        assert all(header[document] in squash(p) for p in table_pages), document
        if document == "pengukuran":
            save_png(response.data, "bad-200-pengukuran")


def test_link_callback_resolves_only_static_files_and_the_logo(app, tmp_path):
    logo = tmp_path / "report-logo-0123456789abcdef.png"
    logo.write_bytes(b"x")
    with app.app_context():
        from pathlib import Path

        static = Path(app.static_folder)
        resolve = link_callback(static, logo)
        assert resolve("static/css/app.css", "") == str((static / "css/app.css").resolve())
        assert resolve(LOGO_URI, "") == str(logo)
        for uri in ("http://127.0.0.1:9/x.png", "https://example.com/a.png", "/etc/passwd",
                    "file:///etc/passwd", "static/../iku_web/config.py", "../instance/x",
                    "static/css/none.css", "ftp://x/y"):
            assert resolve(uri, "") == "refused:", uri
        assert link_callback(static, None)(LOGO_URI, "") == "refused:"
