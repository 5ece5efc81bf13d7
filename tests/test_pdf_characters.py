"""Chinese and Japanese print in a fallback font, embedded; without its file they print as
U+FFFD with one warning; a name or text ending in an abbreviation gets no second full stop."""
import logging
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, User
from tests.conftest import ADMIN_PASSWORD, csrf_token, demo_app, login
from tests.reports_support import read_pdf, squash
from tests.test_pdf_unicode import fonts_of

CJK = "选举数据管理 日本語の選挙"
URLS = ["/barito-selatan/2023/laporan/iku.pdf", "/barito-selatan/2023/laporan/pk.pdf",
        "/barito-selatan/2023/laporan/pengukuran.pdf?kertas=a4&orientasi=portrait",
        "/barito-selatan/2023/laporan/lkjip.pdf",
        "/barito-selatan/2023/dasbor.pdf"]


def name_first_indicator(app, name: str) -> None:
    with app.app_context():
        indicator = db.session.scalar(sa.select(Indicator).order_by(Indicator.position))
        indicator.name = name
        indicator.sasaran.name = f"Sasaran {CJK}"  # bold in the PK and Pengukuran
        db.session.commit()


def test_cjk_prints_in_an_embedded_fallback_font(client, app):
    name_first_indicator(app, f"Data {CJK} akhir")
    login(client)
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        reader, pages = read_pdf(response.data)
        text = squash("".join(pages))
        assert squash(f"Data {CJK} akhir") in text, url
        assert "\ufffd" not in text, url
        assert ("DroidSansFallback", True) in fonts_of(reader), url


def test_documents_without_cjk_do_not_load_the_fallback_font(client):
    reader, _pages = read_pdf(client.get("/barito-selatan/2023/laporan/iku.pdf").data)
    assert "DroidSansFallback" not in {name for name, _embedded in fonts_of(reader)}


def test_missing_fallback_font_prints_a_replacement_and_warns_once(tmp_path, migrated_db,
                                                                  caplog):
    app = demo_app(tmp_path, migrated_db, [])
    app.config["PDF_FALLBACK_FONT"] = str(tmp_path / "tidak-ada.ttf")
    name_first_indicator(app, f"Data {CJK} akhir")
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="iku_web.reports.pdf_text"):
        for _ in range(2):
            response = client.get("/barito-selatan/2023/laporan/iku.pdf")
            assert response.status_code == 200
            _reader, pages = read_pdf(response.data)
            assert "Data" + "\ufffd" * 12 + "akhir" in squash("".join(pages))
    warnings = [r for r in caplog.records if "fallback font" in r.getMessage()]
    assert len(warnings) == 1
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def titled_admin(app):
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "admin"))
        user.full_name = "Budi Santoso, S.E."
        db.session.commit()


def test_welcome_after_an_abbreviation_has_one_full_stop(client, titled_admin):
    response = client.post("/masuk", follow_redirects=True, data={
        "username": "admin", "password": ADMIN_PASSWORD,
        "csrf_token": csrf_token(client, "/masuk")})
    page = response.get_data(as_text=True)
    assert "Selamat datang, Budi Santoso, S.E." in page
    assert "S.E.." not in page


def test_lkjip_text_ending_in_an_abbreviation_has_one_full_stop(client, app):
    with app.app_context():
        first = db.session.scalar(sa.select(Indicator).order_by(Indicator.position))
        db.session.add(Realisasi(
            indicator_id=first.id, quarter=1, value=Decimal(50),
            obstacles="Data menunggu Kasubbag Hukum, S.E.",
            solutions="Koordinasi dengan Sekretaris, S.H.", follow_up="Rapat dgn. Ketua"))
        db.session.commit()
    login(client)
    preview = client.get("/barito-selatan"
                         "/2023/laporan/lkjip.html?belum_verifikasi=1").get_data(as_text=True)
    assert "kendala: Data menunggu Kasubbag Hukum, S.E. Solusi: Koordinasi dengan " \
           "Sekretaris, S.H. Tindak lanjut: Rapat dgn. Ketua." in preview
    _reader, pages = read_pdf(client.get("/barito-selatan"
                                         "/2023/laporan/lkjip.pdf?belum_verifikasi=1").data)
    text = squash("".join(pages))
    assert "S.E.Solusi" in text and "S.H.Tindaklanjut" in text
    assert "S.E.." not in text and "S.H.." not in text
