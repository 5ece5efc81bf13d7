"""Who may see, download, upload and delete evidence; download headers; atomic delete and
failed commits; the office settings page; the cleanup command."""
import hashlib
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from iku_web import settings
from iku_web.evidence import storage
from iku_web.extensions import db
from iku_web.models import ChangeLog, Evidence, Indicator, User
from tests import evidence_samples as samples
from tests.conftest import STAFF_PASSWORD, csrf_token, htmx_post, login
from tests.evidence_samples import files_on_disk, first_indicator_id, rows, upload


@pytest.fixture
def indicator_id(app) -> int:
    return first_indicator_id(app)


def stored(app, client, indicator_id, content: bytes, name: str, quarter: int = 1) -> Evidence:
    assert "berhasil diunggah" in upload(client, indicator_id, [(content, name)], quarter).text
    return rows(app)[-1]


def put_setting(app, key: str, value: str) -> None:
    with app.app_context():
        settings.put(key, value)
        db.session.commit()


def anonymous(app):
    client = app.test_client()
    client.token = csrf_token(client)
    return client


def fetch(client, url: str):
    """GET a file response, read it and close it (send_file keeps the file open until then)."""
    with client.get(url) as response:
        response.get_data()
    return response


def boom(*_args, **_kw):
    raise OperationalError("COMMIT", {}, Exception("disk I/O error"))


# --- downloads and previews --------------------------------------------------------------

@pytest.mark.parametrize(("make", "name"), [
    (samples.pdf, "laporan.pdf"), (samples.xlsx, "rekap.xlsx"), (samples.png, "foto.png"),
    (samples.odt, "notulen.odt"),
])
def test_download_returns_identical_bytes_with_safe_headers(app, admin, indicator_id, make,
                                                            name):
    content = make()
    row = stored(app, admin, indicator_id, content, name)
    response = fetch(admin, f"/barito-selatan/bukti/{row.id}/unduh")
    assert response.status_code == 200
    assert hashlib.sha256(response.data).hexdigest() == row.sha256
    assert hashlib.sha256(content).hexdigest() == row.sha256
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == row.content_type
    assert "private" in response.headers["Cache-Control"]


def test_download_header_of_a_unicode_name_with_quotes(app, admin, indicator_id):
    row = stored(app, admin, indicator_id, samples.pdf(),
                 "Laporan %22Triwulan%22 I; 報告 – Ünïcödé.pdf")
    clean = "Laporan 'Triwulan' I; 報告 – Ünïcödé.pdf"
    assert row.original_name == clean
    header = fetch(admin, f"/barito-selatan/bukti/{row.id}/unduh").headers["Content-Disposition"]
    header.encode("ascii")  # headers must be plain ASCII
    assert header.startswith("attachment; ")
    encoded = re.search(r"filename\*=UTF-8''(\S+)", header).group(1)
    assert encoded == quote(clean, safe="!#$&+^`|~") and unquote(encoded) == clean
    assert "%27" in encoded  # a quote cannot end the parameter early
    assert re.search(r'filename="Laporan \'Triwulan\' I; [^"]*Unicode\.pdf"', header)


@pytest.mark.parametrize(("make", "name", "inline"), [
    (samples.pdf, "laporan.pdf", True), (samples.jpeg, "foto.jpg", True),
    (samples.png, "grafik.png", True), (samples.docx, "sk.docx", False),
    (samples.xlsx, "rekap.xlsx", False),
])
def test_preview_is_inline_only_for_pdf_and_images(app, admin, indicator_id, make, name, inline):
    row = stored(app, admin, indicator_id, make(), name)
    response = fetch(admin, f"/barito-selatan/bukti/{row.id}/pratinjau")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline" if inline else "attachment")
    assert response.mimetype == row.content_type
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = admin.get(f"/barito-selatan/2023/indikator/{indicator_id}/bukti").get_data(as_text=True)
    assert (f'src="/barito-selatan/bukti/{row.id}/pratinjau"' in html) is inline


def test_file_missing_on_disk_is_404_not_500(app, admin, indicator_id):
    row = stored(app, admin, indicator_id, samples.pdf(), "a.pdf")
    Path(app.config["UPLOAD_DIR"], row.stored_name).unlink()
    assert fetch(admin, f"/barito-selatan/bukti/{row.id}/unduh").status_code == 404


# --- who may do what ---------------------------------------------------------------------

def test_anonymous_cannot_upload_delete_download_or_preview(app, admin, indicator_id):
    row = stored(app, admin, indicator_id, samples.pdf(), "a.pdf")
    anon = anonymous(app)
    for url in ("/barito-selatan"
                f"/bukti/{row.id}/unduh", f"/barito-selatan/bukti/{row.id}/pratinjau"):
        response = anon.get(url)
        assert response.status_code == 302 and response.location.startswith("/masuk")
    plain = anon.post(f"/barito-selatan/2023/indikator/{indicator_id}/bukti/1",
                      data={"csrf_token": anon.token})
    assert plain.status_code == 302 and plain.location.startswith("/masuk")
    # an htmx write gets a 401 with the reason (shown in the page alert), not a redirect
    response = upload(anon, indicator_id, [(samples.pdf("lain"), "b.pdf")])
    assert response.status_code == 401 and "masuk" in response.text
    response = htmx_post(anon, f"/barito-selatan/bukti/{row.id}/hapus")
    assert response.status_code == 401 and "masuk" in response.text
    assert [r.id for r in rows(app)] == [row.id] and len(files_on_disk(app)) == 1


def test_anonymous_sees_the_list_only_when_the_office_allows_it(app, admin, indicator_id):
    stored(app, admin, indicator_id, samples.pdf(), "laporan-rahasia.pdf")
    anon = anonymous(app)
    url = f"/barito-selatan/2023/indikator/{indicator_id}/bukti"
    page = anon.get(url)
    assert page.status_code == 302 and page.location.startswith("/masuk")
    fragment = anon.get(url, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Masuk</a> untuk melihat bukti dukung" in fragment
    assert "laporan-rahasia" not in fragment
    put_setting(app, "evidence_public", "1")
    html = anon.get(url).get_data(as_text=True)
    assert "laporan-rahasia.pdf" in html
    assert "/unduh" not in html and "/pratinjau" not in html and "Unggah" not in html


def test_staff_not_in_charge_gets_403(app, client, indicator_id):
    with app.app_context():
        row = Evidence(indicator_id=indicator_id, quarter=1, original_name="a.pdf",
                       stored_name="0" * 32 + ".pdf", content_type=storage.PDF, size=1,
                       sha256="0" * 64)
        db.session.add(row)
        db.session.commit()
        row_id = row.id
    assert login(client, "staf", STAFF_PASSWORD).status_code == 302
    client.token = csrf_token(client)
    assert upload(client, indicator_id, [(samples.pdf(), "a.pdf")], 2).status_code == 403
    assert htmx_post(client, f"/barito-selatan/bukti/{row_id}/hapus").status_code == 403
    html = client.get(f"/barito-selatan/2023/indikator/{indicator_id}/bukti").get_data(as_text=True)
    assert "a.pdf" in html and "Unggah" not in html and "/hapus" not in html
    assert len(rows(app)) == 1


def test_staff_in_charge_uploads_and_deletes(app, staff, indicator_id):
    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        db.session.get(Indicator, indicator_id).pic_user_id = staff_id
        db.session.commit()
    row = stored(app, staff, indicator_id, samples.pdf(), "milik-staf.pdf")
    assert row.uploaded_by_id == staff_id
    assert "dihapus" in htmx_post(staff, f"/barito-selatan/bukti/{row.id}/hapus").text
    assert rows(app) == [] and files_on_disk(app) == []


def test_viewer_sees_and_downloads_but_cannot_upload(app, client, indicator_id):
    with app.app_context():
        viewer = User(username="ketua", role="viewer", full_name="Ketua")
        viewer.set_password("ketua-rahasia-1")
        db.session.add(viewer)
        db.session.commit()
    login(client, "ketua", "ketua-rahasia-1")
    client.token = csrf_token(client)
    assert upload(client, indicator_id, [(samples.pdf(), "a.pdf")]).status_code == 403
    assert client.get(f"/barito-selatan/2023/indikator/{indicator_id}/bukti").status_code == 200


def test_posts_without_csrf_token_are_refused(app, admin, indicator_id):
    row = stored(app, admin, indicator_id, samples.pdf(), "a.pdf")
    response = upload(admin, indicator_id, [(samples.pdf("b"), "b.pdf")],
                      headers={"HX-Request": "true"})
    assert response.status_code == 400 and "kedaluwarsa" in response.text
    response = admin.post(f"/barito-selatan/bukti/{row.id}/hapus", headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert len(rows(app)) == 1 and len(files_on_disk(app)) == 1


# --- atomicity ---------------------------------------------------------------------------

def test_failed_commit_after_the_file_is_written_leaves_no_orphan(app, admin, indicator_id,
                                                                  monkeypatch):
    written = []
    real_place, real_commit = storage.place, db.session.commit

    def place_and_remember(*args):
        written.append(real_place(*args))
        return written[-1]

    def commit_fails_once_the_file_is_in_place():
        if written:
            boom()
        real_commit()

    monkeypatch.setattr(storage, "place", place_and_remember)
    monkeypatch.setattr(db.session, "commit", commit_fails_once_the_file_is_in_place)
    response = upload(admin, indicator_id, [(samples.pdf(), "gagal.pdf")])
    assert "Berkas gagal disimpan karena kesalahan server" in response.text
    assert len(written) == 1 and not written[0].exists()  # the file was there, then removed
    monkeypatch.undo()
    assert rows(app) == [] and files_on_disk(app) == []


def test_delete_removes_row_and_file_and_is_logged(app, admin, indicator_id):
    row = stored(app, admin, indicator_id, samples.pdf(), "hapus-saya.pdf", quarter=3)
    html = admin.get(f"/barito-selatan/2023/indikator/{indicator_id}/bukti").get_data(as_text=True)
    assert 'hx-confirm="Hapus berkas hapus-saya.pdf dari Triwulan III?"' in html
    response = htmx_post(admin, f"/barito-selatan/bukti/{row.id}/hapus")
    assert 'id="bukti-tw-3"' in response.text
    assert "hapus-saya.pdf</strong>: dihapus" in response.text
    assert rows(app) == [] and files_on_disk(app) == []
    with app.app_context():
        log = db.session.scalars(sa.select(ChangeLog).where(ChangeLog.entity == "evidence")
                                 .order_by(ChangeLog.id)).all()
        assert [(e.field, e.old_value, e.new_value, e.quarter) for e in log] == [
            ("upload", None, "hapus-saya.pdf", 3), ("delete", "hapus-saya.pdf", None, 3)]


def test_failed_delete_keeps_both_row_and_file(app, admin, indicator_id, monkeypatch):
    row = stored(app, admin, indicator_id, samples.pdf(), "tetap.pdf")
    real_commit = db.session.commit

    def commit_fails_after_the_delete():
        if db.session.deleted:
            boom()
        real_commit()

    monkeypatch.setattr(db.session, "commit", commit_fails_after_the_delete)
    with pytest.raises(OperationalError):
        htmx_post(admin, f"/barito-selatan/bukti/{row.id}/hapus")
    monkeypatch.undo()
    assert [r.id for r in rows(app)] == [row.id]
    assert files_on_disk(app) == [row.stored_name]


# --- page, fragment, settings, cleanup -----------------------------------------------------

class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


def test_page_includes_the_fragment_and_htmx_gets_it_alone(app, admin, indicator_id):
    stored(app, admin, indicator_id, samples.pdf(), "a.pdf", quarter=2)
    url = f"/barito-selatan/2023/indikator/{indicator_id}/bukti"
    page = admin.get(url)
    fragment = admin.get(url, headers={"HX-Request": "true"})
    assert "<html" in page.text and "<html" not in fragment.text
    assert "HX-Request" in fragment.headers["Vary"]
    for html in (page.text, fragment.text):
        for quarter in ("I", "II", "III", "IV"):
            assert f">Triwulan {quarter}</h3>" in html
        collector = IdCollector()
        collector.feed(html)
        assert len(collector.ids) == len(set(collector.ids))
    assert fragment.text.count('hx-encoding="multipart/form-data"') == 4
    assert "js/evidence.js" in fragment.text


def test_settings_page_is_for_admins_and_logs_changes(app, admin):
    page = admin.get("/pengaturan/bukti")
    assert page.status_code == 200 and 'value="20"' in page.text
    bad = admin.post("/pengaturan/bukti", data={"max_mb": "0", "csrf_token": admin.token})
    assert "Ukuran maksimal harus antara 1 dan 200 MB." in bad.text
    saved = admin.post("/pengaturan/bukti", data={"public": "y", "max_mb": "5",
                                                  "csrf_token": admin.token},
                       follow_redirects=True)
    assert "Pengaturan bukti dukung disimpan." in saved.text
    with app.app_context():
        assert (settings.get("evidence_public"), settings.get("evidence_max_mb")) == ("1", "5")
        log = db.session.scalars(sa.select(ChangeLog).where(ChangeLog.entity == "setting"))
        assert {(e.field, e.old_value, e.new_value) for e in log} == {
            ("evidence_public", "0", "1"), ("evidence_max_mb", "20", "5")}


def test_settings_page_refuses_staff_and_anonymous(app, staff):
    assert staff.get("/pengaturan/bukti").status_code == 403
    anon = app.test_client().get("/pengaturan/bukti")
    assert anon.status_code == 302 and anon.location.startswith("/masuk")


def test_cleanup_command_removes_only_old_orphans_of_ours(app, admin, indicator_id):
    row = stored(app, admin, indicator_id, samples.pdf(), "a.pdf")
    folder = Path(app.config["UPLOAD_DIR"])
    orphan, fresh = folder / ("a" * 32 + ".pdf"), folder / ("b" * 32 + ".pdf")
    foreign = folder / "logo.png"  # not a name of ours: maybe another feature's file
    for path in (orphan, fresh, foreign):
        path.write_bytes(b"x")
    old = time.time() - 2 * 3600
    for path in (orphan, foreign, folder / row.stored_name):
        os.utime(path, (old, old))
    result = app.test_cli_runner().invoke(args=["evidence", "cleanup"])
    assert result.exit_code == 0 and "1 berkas tanpa data." in result.output
    assert sorted(files_on_disk(app)) == sorted([row.stored_name, fresh.name, foreign.name])


def test_same_file_uploaded_concurrently_is_stored_once(app, indicator_id):
    clients = []
    for _ in range(4):
        client = app.test_client()
        login(client)
        client.token = csrf_token(client)
        clients.append(client)
    content = samples.pdf("bersamaan")
    with ThreadPoolExecutor(len(clients)) as pool:
        answers = list(pool.map(
            lambda c: upload(c, indicator_id, [(content, "sama.pdf")]).text, clients))
    assert sum("berhasil diunggah" in a for a in answers) == 1
    assert sum("Berkas yang sama sudah diunggah" in a for a in answers) == len(clients) - 1
    assert len(rows(app)) == 1 and len(files_on_disk(app)) == 1
