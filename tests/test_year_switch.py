"""The year selector's server side: the same page in the chosen year, never another site."""
import pytest

from iku_web.extensions import db
from iku_web.indicators import service


@pytest.fixture
def year_2024(app):
    with app.app_context():
        service.copy_year(service.get_year(2023), 2024)
        db.session.commit()
        return {i.position: i.id for i in service.get_year(2024).indicators}


@pytest.mark.parametrize("dari, expected", [
    ("/barito-selatan/2023/realisasi", "/barito-selatan/2024/realisasi"),
    ("/barito-selatan/2023/laporan", "/barito-selatan/2024/laporan"),
    ("/barito-selatan/2023/pantauan", "/barito-selatan/2024/pantauan"),
    ("/barito-selatan/2023/verifikasi", "/barito-selatan/2024/verifikasi"),
    ("/barito-selatan/2023/laporan/impor", "/barito-selatan/2024/laporan/impor"),
    ("/barito-selatan/2023/iku/1/ubah", "/barito-selatan/2024/iku"),
    ("/barito-selatan/2023/laporan/iku.pdf", "/barito-selatan/2024/iku"),
    ("/barito-selatan/pengguna", "/barito-selatan/2024/iku"),
    ("//evil.example/2023/realisasi", "/barito-selatan/2024/iku"),
    ("https://evil.example/", "/barito-selatan/2024/iku"), ("", "/barito-selatan/2024/iku"),
    ("/tidak/ada", "/barito-selatan/2024/iku"),
])
def test_switch_keeps_the_page_or_falls_back_to_the_register(client, year_2024, dari,
                                                             expected):
    response = client.get("/barito-selatan"
                          "/pindah-tahun", query_string={"tahun": 2024, "dari": dari})
    assert response.status_code == 302 and response.headers["Location"] == expected


def test_indicator_page_goes_to_its_copy_or_the_register(client, app, year_2024):
    response = client.get("/barito-selatan"
                          "/pindah-tahun?tahun=2024&dari=/barito-selatan/2023/indikator/2")
    assert response.headers["Location"] == f"/barito-selatan/2024/indikator/{year_2024[2]}"
    response = client.get("/barito-selatan"
                          "/pindah-tahun?tahun=2024&dari=/barito-selatan/2023/indikator/2/bukti")
    assert response.headers["Location"] == f"/barito-selatan/2024/indikator/{year_2024[2]}/bukti"
    with app.app_context():
        indicator = service.get_year(2024).indicators[0]
        indicator.name = "Indikator baru 2024"
        db.session.commit()
    response = client.get("/barito-selatan"
                          "/pindah-tahun?tahun=2024&dari=/barito-selatan/2023/indikator/1")
    assert response.headers["Location"] == "/barito-selatan/2024/iku"


def test_unknown_year_is_404(client):
    response = client.get("/barito-selatan/pindah-tahun?tahun=1999"
                          "&dari=/barito-selatan/2023/realisasi")
    assert response.status_code == 404


def test_year_selector_has_no_inline_script(client):
    html = client.get("/barito-selatan/2023/iku").text
    assert "onchange=" not in html and 'action="/barito-selatan/pindah-tahun"' in html
