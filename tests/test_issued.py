"""Issued documents: stored bytes, versions, revocation, the public check and its throttle."""
import hashlib
import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
import zxingcpp
from PIL import Image

from iku_web.extensions import db
from iku_web.issued import codes, service
from iku_web.models import IssuedDocument, Signer, Year
from tests.conftest import csrf_token, htmx_post, login
from tests.reports_support import add_indicators, read_pdf
from tests.test_html import lint

BASE = "http://iku.kantor.local"
CODE_TEXT = re.compile(r"Kode verifikasi: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2})")


def issue(admin, document="iku", **options) -> str:
    response = htmx_post(admin, f"/barito-selatan/2023/laporan/{document}/terbitkan", options)
    assert response.status_code == 200, response.text
    assert "Diterbitkan: versi" in response.text
    return response.text


def rows(app) -> list[IssuedDocument]:
    with app.app_context():
        found = db.session.scalars(sa.select(IssuedDocument).order_by(IssuedDocument.id)).all()
        db.session.expunge_all()
        return found


def set_base_url(admin, url=BASE):
    response = admin.post("/dokumen/alamat", data={"base_url": url, "csrf_token": admin.token})
    assert response.status_code == 302


def download(client, doc) -> bytes:
    with client.get(f"/barito-selatan/dokumen/{doc.id}.pdf") as response:
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        return response.data


def stored_bytes(app, doc) -> bytes:
    return (Path(app.config["UPLOAD_DIR"]) / "issued" / doc.stored_name).read_bytes()


def test_issuing_stores_the_rendered_pdf_with_its_hash_code_issuer_and_version(admin, app):
    html = issue(admin, "iku", kertas="f4", bulan="1", tahun="2024")
    [doc] = rows(app)
    assert (doc.document, doc.version, doc.state, doc.issued_by_name) == ("iku", 1, "berlaku",
                                                                         "Admin")
    assert len(doc.code) == 10 and set(doc.code) <= set(codes.ALPHABET)
    assert not set(doc.code) & set("0O1lI")
    assert doc.code_display in html
    data = stored_bytes(app, doc)
    assert hashlib.sha256(data).hexdigest() == doc.sha256 and len(data) == doc.size
    # Downloading gives the stored bytes, twice the same (never rendered again).
    assert download(admin, doc) == data
    assert download(admin, doc) == data
    reader, pages = read_pdf(data)
    assert "Buntok, Januari 2024" in pages[-1]
    assert round(float(reader.pages[0].mediabox.height), 2) == 609.45  # F4 landscape
    register = admin.get("/barito-selatan/dokumen").text
    assert doc.code_display in register and "berlaku" in register and lint(register) == []


def test_issuing_again_makes_version_2_and_marks_version_1_replaced(admin, app):
    issue(admin, "iku")
    issue(admin, "iku")
    issue(admin, "pengukuran", tw="2")
    issue(admin, "pengukuran")
    docs = rows(app)
    assert [(d.document, d.quarter, d.version, d.state) for d in docs] == [
        ("iku", 0, 1, "diganti"), ("iku", 0, 2, "berlaku"),
        ("pengukuran", 2, 1, "berlaku"), ("pengukuran", 0, 1, "berlaku")]
    assert docs[0].replaced_at is not None and docs[0].code != docs[1].code
    assert docs[2].title == "Laporan Pengukuran Kinerja Triwulan II Tahun 2023"
    page = admin.get("/barito-selatan/2023/laporan").text
    assert "versi 2</a>" in page and docs[1].code_display in page
    assert docs[0].code_display not in page
    assert lint(page) == []


def test_only_an_admin_issues(staff, client, app):
    assert htmx_post(staff, "/barito-selatan/2023/laporan/iku/terbitkan").status_code == 403
    assert rows(app) == []
    assert "Terbitkan" not in staff.get("/barito-selatan/2023/laporan").text


def test_every_page_carries_the_code_and_a_qr_code_to_the_check_page(admin, app, tmp_path):
    add_indicators(app, 40)
    set_base_url(admin)
    issue(admin, "iku")
    [doc] = rows(app)
    data = stored_bytes(app, doc)
    _reader, pages = read_pdf(data)
    assert len(pages) >= 2
    for text in pages:
        assert f"Kode verifikasi: {doc.code_display}" in text
        assert "DRAF" not in text
    pdf = tmp_path / "issued.pdf"
    pdf.write_bytes(data)
    url = f"{BASE}/cek/{doc.code}"
    for number in (1, len(pages)):
        prefix = tmp_path / f"page{number}"
        subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "200", "-f",
                        str(number), "-l", str(number), "-singlefile", str(pdf), str(prefix)],
                       check=True, timeout=60)
        found = zxingcpp.read_barcodes(Image.open(f"{prefix}.png"))
        assert [b.text for b in found] == [url]
    # The address answers the check.
    assert "asli dan berlaku" in app.test_client().get(f"/cek/{doc.code}").text


def test_drafts_say_so_on_every_page_and_in_the_preview(client, app):
    add_indicators(app, 40)
    _reader, pages = read_pdf(client.get("/barito-selatan/2023/laporan/iku.pdf").data)
    assert len(pages) >= 2
    for text in pages:
        assert "DRAF - belum diterbitkan" in text and "Kode verifikasi" not in text
    assert "DRAF - belum diterbitkan" in client.get("/barito-selatan/2023/laporan/pk.html").text


def test_changing_signers_and_settings_after_issuing_changes_nothing_issued(admin, app):
    issue(admin, "iku")
    [doc] = rows(app)
    before = download(admin, doc)
    with app.app_context():
        signer = db.session.scalar(sa.select(Signer).join(Year).where(Year.year == 2023)
                                   .order_by(Signer.position))
        sid, title = signer.id, signer.title
    data = {f"s{sid}-title": title, f"s{sid}-name": "Nama Baru Sekali", f"s{sid}-nip": "",
            f"s{sid}-rank": "", f"s{sid}-position": "1", "csrf_token": admin.token}
    assert admin.post("/barito-selatan"
                      f"/pengaturan/penandatangan/{sid}", data=data).status_code == 302
    set_base_url(admin, "http://lain.local")
    assert admin.post("/barito-selatan"
                      "/2023/profil", data={"csrf_token": admin.token}).status_code in (200, 302)
    after = download(admin, doc)
    assert after == before and hashlib.sha256(after).hexdigest() == doc.sha256
    # A new draft does show the new name: the issued copy is what was frozen.
    assert "NAMA BARU SEKALI" in read_pdf(admin.get("/barito-selatan"
                                                    "/2023/laporan/iku.pdf").data)[1][-1]
    assert "NAMA BARU SEKALI" not in read_pdf(after)[1][-1]
    check = app.test_client().get(f"/cek/{doc.code}").text
    assert "Nama Baru Sekali" not in check and title in check


def test_revoking_needs_a_reason_and_the_check_page_says_dicabut(admin, staff_client, app):
    issue(admin, "pk")
    [doc] = rows(app)
    url = f"/barito-selatan/dokumen/{doc.id}/cabut"
    html = admin.post(url, data={f"r{doc.id}-reason": "", "csrf_token": admin.token}).text
    assert "Alasan pencabutan wajib diisi." in html
    assert rows(app)[0].revoked_at is None
    assert staff_client.post(url, data={f"r{doc.id}-reason": "Salah ketik target",
                                        "csrf_token": staff_client.token}).status_code == 403
    assert rows(app)[0].revoked_at is None
    response = admin.post(url, data={f"r{doc.id}-reason": "Salah ketik target",
                                     "csrf_token": admin.token})
    assert response.status_code == 302
    [doc] = rows(app)
    assert doc.state == "dicabut"
    check = app.test_client().get(f"/cek/{doc.code}").text
    assert "dicabut" in check and "Salah ketik target" in check
    assert doc.revoked_at.strftime("%Y") in check
    assert "dicabut" in admin.get("/barito-selatan/dokumen").text


@pytest.mark.parametrize("state", ["berlaku", "diganti"])
def test_check_page_shows_the_document_to_anyone(admin, app, state):
    issue(admin, "iku", penandatangan="")
    if state == "diganti":
        issue(admin, "iku")
    doc = rows(app)[0]
    anonymous = app.test_client()
    response = anonymous.get(f"/cek/{doc.code_display.lower()}")
    assert response.status_code == 200
    html = response.text
    for text in ("Indikator Kinerja Utama Tahun 2023", "Versi", doc.sha256,
                 "Ketua KPU Kabupaten Barito Selatan", doc.code_display):
        assert text in html
    expected = "asli dan berlaku" if state == "berlaku" else "sudah diganti"
    assert expected in html
    assert lint(html) == []


def test_an_unknown_code_is_not_found(client):
    response = client.get("/cek/ABCD-EFGH-JK")
    assert response.status_code == 404 and "tidak ditemukan" in response.text
    assert client.get("/cek/bukan-kode").status_code == 404
    response = client.get("/cek?kode=abcd-efgh-jk")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cek/abcd-efgh-jk")


def test_an_uploaded_pdf_is_compared_byte_for_byte(admin, app):
    issue(admin, "iku")
    [doc] = rows(app)
    data = stored_bytes(app, doc)
    anonymous = app.test_client()
    token = csrf_token(anonymous, f"/cek/{doc.code}")

    def upload(content: bytes) -> str:
        response = anonymous.post(f"/cek/{doc.code}", data={
            "csrf_token": token, "berkas": (io.BytesIO(content), "kiriman.pdf")},
            content_type="multipart/form-data")
        assert response.status_code == 200
        return response.text

    assert "Berkas <strong>identik</strong>" in upload(data)
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    html = upload(bytes(changed))
    assert "tidak identik" in html and hashlib.sha256(changed).hexdigest() in html


def test_guessing_codes_is_throttled_across_workers(admin, app, tmp_path):
    issue(admin, "iku")
    [doc] = rows(app)
    guesser = app.test_client()
    for n in range(service.CHECK_LIMIT):
        assert guesser.get(f"/cek/ABCD-EFGH-J{codes.ALPHABET[n]}").status_code == 404
    # Refused now, even for a real code, and by another app (another worker) on the same
    # database: the count lives in the database.
    assert guesser.get(f"/cek/{doc.code}").status_code == 429
    from tests.conftest import make_app

    other_worker = make_app(tmp_path).test_client()
    response = other_worker.get(f"/cek/{doc.code}")
    assert response.status_code == 429 and "Terlalu banyak" in response.text
    # Another address is not affected.
    elsewhere = app.test_client().get(f"/cek/{doc.code}",
                                      environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert elsewhere.status_code == 200


def test_verify_command_reports_changed_and_missing_files(admin, app):
    issue(admin, "iku")
    issue(admin, "pk")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["documents", "verify"])
    assert result.exit_code == 0, result.output
    assert "2 dokumen diperiksa, 0 berbeda." in result.output
    first, second = rows(app)
    path = Path(app.config["UPLOAD_DIR"]) / "issued" / first.stored_name
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01
    path.write_bytes(bytes(data))
    (Path(app.config["UPLOAD_DIR"]) / "issued" / second.stored_name).unlink()
    result = runner.invoke(args=["documents", "verify"])
    assert result.exit_code == 1
    assert f"kode {first.code_display}" in result.output and "SHA-256 berbeda" in result.output
    assert "berkas tidak ada" in result.output and "2 berbeda" in result.output


def test_files_without_a_row_in_the_issued_folder_are_listed_and_cleaned(admin, app):
    issue(admin, "iku")
    [doc] = rows(app)
    folder = Path(app.config["UPLOAD_DIR"]) / "issued"
    orphan, temp = folder / ("c" * 32 + ".pdf"), folder / ".upload-crash.part"
    for path in (orphan, temp):
        path.write_bytes(b"%PDF-1.4 sisa")
    old = time.time() - 2 * 3600
    for path in (orphan, temp, folder / doc.stored_name):
        os.utime(path, (old, old))
    runner = app.test_cli_runner()
    verify = runner.invoke(args=["documents", "verify"])
    assert verify.exit_code == 0, verify.output  # a stray file is not a changed document
    assert f"TANPA DATA: issued/{orphan.name}" in verify.output
    assert f"TANPA DATA: issued/{temp.name}" in verify.output
    cleaned = runner.invoke(args=["evidence", "cleanup"])
    assert cleaned.exit_code == 0 and "2 berkas tanpa data." in cleaned.output
    assert sorted(p.name for p in folder.iterdir()) == [doc.stored_name]
    assert "TANPA DATA" not in runner.invoke(args=["documents", "verify"]).output


def test_issued_files_live_under_the_upload_folder(admin, app):
    issue(admin, "iku")
    [doc] = rows(app)
    upload_dir = Path(app.config["UPLOAD_DIR"])
    assert (upload_dir / "issued" / doc.stored_name).is_file()
    assert not list((upload_dir / "issued").glob(".upload-*"))


def test_register_and_downloads_need_a_login(admin, app):
    issue(admin, "iku")
    [doc] = rows(app)
    anonymous = app.test_client()
    for url in ("/barito-selatan/dokumen", f"/barito-selatan/dokumen/{doc.id}.pdf"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_base_url_must_be_an_address(admin):
    html = admin.post("/dokumen/alamat", data={"base_url": "iku kantor",
                                              "csrf_token": admin.token}).text
    assert "Tulis alamat lengkap" in html


@pytest.fixture
def staff_client(app):
    other = app.test_client()
    from tests.conftest import STAFF_PASSWORD

    assert login(other, "staf", STAFF_PASSWORD).status_code == 302
    other.token = csrf_token(other)
    return other
