"""The reports page, who may read and change what, signer settings and the logo."""
import io
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from iku_web.extensions import db
from iku_web.formatting import format_month_year
from iku_web.models import Signer
from tests.conftest import csrf_token
from tests.reports_support import read_pdf

PUBLIC = ["/barito-selatan/2023/laporan", "/barito-selatan/2023/laporan/iku.pdf",
          "/barito-selatan/2023/laporan/pk.pdf",
          "/barito-selatan/2023/laporan/pengukuran.pdf",
          "/barito-selatan/2023/laporan/pengukuran.pdf?tw=3",
          "/barito-selatan/2023/laporan/iku.html", "/barito-selatan/2023/laporan/pk.html",
          "/barito-selatan/2023/laporan/pengukuran.html",
          "/barito-selatan/2023/laporan/iku.xlsx", "/barito-selatan/2023/laporan/pengukuran.xlsx"]
ADMIN_GET = ["/barito-selatan/pengaturan/penandatangan", "/barito-selatan/2023/laporan/impor"]
ADMIN_POST = ["/barito-selatan"
              "/pengaturan/penandatangan/baru", "/barito-selatan/pengaturan/penandatangan/1",
              "/barito-selatan/pengaturan/penandatangan/1/hapus", "/pengaturan/logo",
              "/pengaturan/logo/hapus",
              "/barito-selatan/2023/laporan/impor", "/barito-selatan/2023/laporan/impor/terapkan"]


def png_bytes() -> bytes:
    from PIL import Image  # Pillow comes with xhtml2pdf

    out = io.BytesIO()
    Image.new("RGB", (60, 60), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("url", PUBLIC)
def test_documents_are_public_to_read(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ADMIN_GET)
def test_settings_pages_need_an_admin(client, staff, url):
    assert staff.get(url).status_code == 403


@pytest.mark.parametrize("method, url", [("get", u) for u in ADMIN_GET] +
                         [("post", u) for u in ADMIN_POST])
def test_anonymous_users_are_sent_to_log_in(app, method, url):
    client = app.test_client()
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": csrf_token(client, "/masuk")})
    assert response.status_code == 302 and "/masuk" in response.location


@pytest.mark.parametrize("url", ADMIN_POST)
def test_staff_cannot_change_settings(staff, url):
    assert staff.post(url, data={"csrf_token": staff.token}).status_code == 403


@pytest.mark.parametrize("url", ADMIN_POST)
def test_changes_need_a_csrf_token(admin, url):
    assert admin.post(url, data={}).status_code == 400


def test_reports_page_defaults_to_this_month_and_lists_signers(client):
    html = client.get("/barito-selatan/2023/laporan").get_data(as_text=True)
    assert f"Buntok, {format_month_year(date.today())}" in html
    assert "Ketua KPU Kabupaten Barito Selatan" in html
    assert "F4 (215 x 330 mm)" in html
    for document in ("iku", "pk", "pengukuran"):
        assert f"/barito-selatan/2023/laporan/{document}.pdf" in html


def test_preview_links_to_the_pdf_with_the_same_options(client):
    html = client.get("/barito-selatan/2023/laporan/iku.html?kertas=f4&bulan=1&tahun=2024&year=1"
                      ).get_data(as_text=True)
    assert "Buntok, Januari 2024" in html
    assert "/barito-selatan/2023/laporan/iku.pdf?kertas=f4&amp;bulan=1&amp;tahun=2024" in html


def test_admin_sets_a_signer_name_and_nip(admin, client, app):
    with app.app_context():
        ketua = db.session.scalar(sa.select(Signer).order_by(Signer.position))
        sid = ketua.id
    data = {f"s{sid}-title": "Ketua KPU Kabupaten Barito Selatan", f"s{sid}-name": "Siti Aminah",
            f"s{sid}-nip": "19860926 201505 1 001", f"s{sid}-rank": "", f"s{sid}-position": "1",
            "csrf_token": admin.token}
    assert admin.post("/barito-selatan"
                      f"/pengaturan/penandatangan/{sid}", data=data).status_code == 302
    _r, pages = read_pdf(client.get("/barito-selatan/2023/laporan/iku.pdf").data)
    assert "SITI AMINAH" in pages[-1] and "NIP. 19860926 201505 1 001" in pages[-1]


def test_invalid_nip_is_refused_with_a_message(admin, app):
    with app.app_context():
        sid = db.session.scalar(sa.select(Signer.id).order_by(Signer.position))
    data = {f"s{sid}-title": "Ketua", f"s{sid}-nip": "12345", "csrf_token": admin.token}
    html = admin.post("/barito-selatan"
                      f"/pengaturan/penandatangan/{sid}", data=data).get_data(as_text=True)
    assert "NIP harus 18 angka" in html
    with app.app_context():
        assert db.session.get(Signer, sid).nip == ""


def test_admin_adds_and_deletes_a_signer(admin, app):
    data = {"new-title": "Kepala Subbagian Perencanaan", "new-name": "", "new-nip": "",
            "new-rank": "", "new-position": "3", "csrf_token": admin.token}
    assert admin.post("/barito-selatan/pengaturan/penandatangan/baru", data=data).status_code == 302
    with app.app_context():
        sid = db.session.scalar(sa.select(Signer.id).where(
            Signer.title == "Kepala Subbagian Perencanaan"))
    assert "Kepala Subbagian Perencanaan" in admin.get("/barito-selatan"
                                                       "/2023/laporan").get_data(as_text=True)
    response = admin.post(f"/barito-selatan/pengaturan/penandatangan/{sid}/hapus",
                          data={"csrf_token": admin.token})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Signer, sid) is None


def _image_count(data: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(data)).pages:
        count += len(page.images)
    return count


def test_logo_upload_is_printed_and_can_be_removed(admin, client):
    assert _image_count(client.get("/barito-selatan/2023/laporan/iku.pdf").data) == 0
    response = admin.post("/pengaturan/logo", data={
        "logo": (io.BytesIO(png_bytes()), "logo.png"), "csrf_token": admin.token},
        content_type="multipart/form-data")
    assert response.status_code == 302
    for document in ("iku", "pk", "pengukuran"):
        assert _image_count(client.get(f"/barito-selatan/2023/laporan/{document}.pdf").data) >= 1
    with client.get("/laporan/logo") as response:  # closes the file send_file opened
        assert response.status_code == 200 and response.mimetype == "image/png"
    assert admin.post("/pengaturan/logo/hapus", data={"csrf_token": admin.token}
                      ).status_code == 302
    assert _image_count(client.get("/barito-selatan/2023/laporan/iku.pdf").data) == 0
    assert client.get("/laporan/logo").status_code == 404


def test_logo_must_be_a_png_or_jpeg(admin):
    response = admin.post("/pengaturan/logo", data={
        "logo": (io.BytesIO(b"<svg onload=alert(1)>"), "logo.png"), "csrf_token": admin.token},
        content_type="multipart/form-data")
    assert "Pilih berkas PNG atau JPEG" in response.get_data(as_text=True)
