"""Scope in one place: /<kode>/<tahun>/... pages of each unit, old addresses redirected to the
default unit, ids looked up in the unit of the address only, siblings kept apart."""
import pytest

from tests.conftest import login
from tests.units_support import build_tree, signed_in


@pytest.fixture
def tree(app):
    return build_tree(app)


def test_old_addresses_redirect_to_the_same_page_of_the_default_unit(client, tree):
    response = client.get("/2023/dasbor?tw=2")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/barito-selatan/2023/dasbor?tw=2")
    response = client.get("/dokumen")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/barito-selatan/dokumen")
    assert client.get("/2023/tidak-ada").status_code == 404


def test_old_address_followed_shows_the_page(app):
    client = app.test_client()  # a single-unit install: anonymous visitors read as before
    response = client.get("/2023/iku", follow_redirects=True)
    assert response.status_code == 200
    assert "Komisi Pemilihan Umum Kabupaten Barito Selatan" in response.text


def test_each_unit_has_its_own_2023(app, tree):
    client = signed_in(app, "admin.kapuas")
    page = client.get("/kapuas/2023/iku")
    assert page.status_code == 200
    assert "Komisi Pemilihan Umum Kabupaten Kapuas" in page.text
    assert 'href="/kapuas/2023/realisasi"' in page.text  # url_for keeps the unit
    assert 'href="/barito-selatan/' not in page.text


def test_a_sibling_gets_404_on_reads_and_writes(app, tree):
    client = signed_in(app, "staff.kapuas")
    assert client.get("/barito-selatan/2023/iku").status_code == 404
    assert client.get("/barito-selatan/2023/laporan/iku.pdf").status_code == 404
    response = client.post(f"/barito-selatan/2023/realisasi/{tree.barito_indicator}/1",
                           data={"value": "50", "version": "0"},
                           headers={"HX-Request": "true", "X-CSRFToken": client.token})
    assert response.status_code == 404


def test_the_province_reads_its_kabupaten_but_may_not_write(app, tree):
    client = signed_in(app, "viewer.kalteng")
    assert client.get("/kapuas/2023/realisasi").status_code == 200
    response = client.post(f"/kapuas/2023/realisasi/{tree.kapuas_indicator}/1",
                           data={"value": "50", "version": "0"},
                           headers={"HX-Request": "true", "X-CSRFToken": client.token})
    assert response.status_code == 403
    admin = signed_in(app, "verifier.kalteng")
    assert admin.get("/kapuas/2023/verifikasi").status_code == 403


def test_the_staff_of_a_unit_edit_there(app, tree):
    client = signed_in(app, "staff.kapuas")
    response = client.post(f"/kapuas/2023/realisasi/{tree.kapuas_indicator}/1",
                           data={"value": "50", "version": "0"},
                           headers={"HX-Request": "true", "X-CSRFToken": client.token})
    assert response.status_code == 200 and "Tersimpan" in response.text


@pytest.mark.parametrize("method, path", [
    ("get", "/barito-selatan/2023/indikator/{kapuas_indicator}"),
    ("get", "/barito-selatan/2023/iku/{kapuas_indicator}/baris"),
    ("get", "/barito-selatan/bukti/{kapuas_evidence}/unduh"),
    ("get", "/barito-selatan/bukti/{kapuas_evidence}/pratinjau"),
    ("post", "/barito-selatan/bukti/{kapuas_evidence}/hapus"),
    ("get", "/barito-selatan/dokumen/{kapuas_document}.pdf"),
    ("post", "/barito-selatan/dokumen/{kapuas_document}/cabut"),
    ("post", "/barito-selatan/pengaturan/penandatangan/{kapuas_signer}"),
    ("post", "/barito-selatan/pengaturan/penandatangan/{kapuas_signer}/hapus"),
    ("get", "/barito-selatan/renstra/{kapuas_renstra}"),
])
def test_ids_of_another_unit_are_not_found_under_ones_own_unit(app, tree, method, path):
    """Barito Selatan's admin asks for Kapuas' rows through Barito Selatan's addresses."""
    client = signed_in(app, "admin.barito-selatan")
    url = path.format(**vars(tree))
    response = getattr(client, method)(url, data={"csrf_token": client.token})
    assert response.status_code == 404, url


def test_anonymous_visitors_log_in_first_when_there_are_several_units(app, tree):
    response = app.test_client().get("/kapuas/2023/iku")
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_an_unknown_unit_is_not_found(client, tree):
    login(client)
    assert client.get("/tidak-ada/2023/iku").status_code == 404


def test_the_public_check_page_works_for_every_unit(client, tree):
    response = client.get(f"/cek/{tree.kapuas_code}")
    assert response.status_code == 200
    assert "IKU 2023" in response.text
