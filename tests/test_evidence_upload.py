"""Evidence uploads through HTTP with real files: what is accepted, what is refused, and how
names are cleaned."""
import hashlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from iku_web import settings
from iku_web.evidence import storage
from iku_web.extensions import db
from iku_web.models import ChangeLog
from tests import evidence_samples as samples
from tests.conftest import STAFF_PASSWORD, csrf_token, htmx_post, login
from tests.evidence_samples import files_on_disk, first_indicator_id, rows, upload

NOT_ALLOWED = "Jenis berkas tidak diizinkan"


@pytest.fixture
def indicator_id(app) -> int:
    return first_indicator_id(app)


@pytest.mark.parametrize(("name", "make", "content_type"), [
    ("laporan.pdf", samples.pdf, storage.PDF),
    ("foto kegiatan.jpg", samples.jpeg, storage.JPEG),
    ("FOTO.JPEG", samples.jpeg, storage.JPEG),
    ("grafik.png", samples.png, storage.PNG),
    ("rekap.xlsx", samples.xlsx, storage.XLSX),
    ("sk.docx", samples.docx, storage.DOCX),
    ("rekap.ods", samples.ods, storage.ODS),
    ("notulen.odt", samples.odt, storage.ODT),
])
def test_each_allowed_type_is_stored_with_hash_and_size(app, admin, indicator_id, name, make,
                                                        content_type):
    content = make()
    response = upload(admin, indicator_id, [(content, name)], quarter=2)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "berhasil diunggah" in html and 'id="bukti-tw-2"' in html
    [row] = rows(app)
    assert (row.original_name, row.quarter, row.content_type) == (name, 2, content_type)
    assert row.size == len(content)
    assert row.sha256 == hashlib.sha256(content).hexdigest()
    assert row.stored_name != name and files_on_disk(app) == [row.stored_name]
    stored = Path(app.config["UPLOAD_DIR"], row.stored_name).read_bytes()
    assert stored == content
    with app.app_context():
        log = db.session.scalar(sa.select(ChangeLog).where(ChangeLog.entity == "evidence"))
        assert (log.field, log.new_value, log.quarter) == ("upload", name, 2)


@pytest.mark.parametrize(("content", "name", "message"), [
    (samples.ELF, "laporan.pdf", NOT_ALLOWED),
    (samples.MZ, "laporan.pdf", NOT_ALLOWED),
    (samples.HTML, "foto.jpg", NOT_ALLOWED),
    (samples.HTML, "halaman.html", NOT_ALLOWED),
    (samples.SVG, "logo.svg", NOT_ALLOWED),
    (samples.SVG, "logo.png", NOT_ALLOWED),
    (samples.SHELL, "skrip.sh", NOT_ALLOWED),
    (samples.SHELL, "skrip.pdf", NOT_ALLOWED),
    (samples.MZ, "program.exe", NOT_ALLOWED),
    (b"", "kosong.pdf", "Berkas kosong"),
    (samples.png(), "foto.jpg", "Isi berkas (PNG) tidak sesuai dengan ekstensi .jpg"),
    (samples.pdf(), "laporan.docx", "Isi berkas (PDF) tidak sesuai dengan ekstensi .docx"),
    (samples.xlsx(), "rekap.docx", "Isi berkas (Excel) tidak sesuai dengan ekstensi .docx"),
    (samples.docx(macros=True), "makro.docx", NOT_ALLOWED),
    (samples.plain_zip(), "arsip.docx", NOT_ALLOWED),
    (samples.pdf(), "../../etc/passwd", NOT_ALLOWED),
    (samples.pdf(), "tanpa-ekstensi", NOT_ALLOWED),
])
def test_refused_files_leave_nothing_behind(app, admin, indicator_id, content, name, message):
    response = upload(admin, indicator_id, [(content, name)])
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert rows(app) == []
    assert files_on_disk(app) == []


def test_file_over_the_limit_gets_a_clear_message(app, admin, indicator_id):
    with app.app_context():
        settings.put("evidence_max_mb", "1")
        db.session.commit()
    exactly = b"%PDF-1.4\n" + b"0" * (storage.MB - 9)
    over = b"%PDF-1.4\n" + b"1" * (storage.MB - 8)
    response = upload(admin, indicator_id, [(over, "besar.pdf"), (exactly, "pas.pdf")])
    html = response.get_data(as_text=True)
    assert "Berkas melebihi batas 1 MB" in html
    assert [r.original_name for r in rows(app)] == ["pas.pdf"]
    assert len(files_on_disk(app)) == 1
    assert "maksimal 1 MB per berkas" in html


def test_request_over_max_content_length_answers_next_to_the_form(app, admin, indicator_id):
    app.config["MAX_CONTENT_LENGTH"] = 2000
    response = upload(admin, indicator_id, [(samples.pdf() * 10, "besar.pdf")], quarter=3)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Unggahan terlalu besar" in html and 'id="bukti-tw-3"' in html
    plain = admin.post(f"/barito-selatan/2023/indikator/{indicator_id}/bukti/3",
                       data={"berkas": (io.BytesIO(samples.pdf() * 10), "besar.pdf"),
                             "csrf_token": admin.token})
    assert plain.status_code == 413
    assert "Unggahan terlalu besar" in plain.get_data(as_text=True)
    assert rows(app) == [] and files_on_disk(app) == []


@pytest.mark.parametrize(("raw", "clean"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("lap\x00or\x1fan\u202egpj.pdf", "laporangpj.pdf"),
    # A browser sends '"' as %22 in a multipart file name.
    ("Laporan %22Triwulan%22 I: 報告 – Ünïcödé.pdf", "Laporan 'Triwulan' I_ 報告 – Ünïcödé.pdf"),
    ("  ..tersembunyi.pdf  ", "tersembunyi.pdf"),
])
def test_names_are_cleaned_and_never_used_on_disk(app, admin, indicator_id, raw, clean):
    assert "berhasil diunggah" in upload(admin, indicator_id, [(samples.pdf(), raw)]).text
    [row] = rows(app)
    assert row.original_name == clean
    assert files_on_disk(app) == [row.stored_name]
    assert not Path(app.config["UPLOAD_DIR"]).parent.joinpath("etc").exists()


def test_name_of_300_characters_is_cut_to_255_keeping_the_extension(app, admin, indicator_id):
    upload(admin, indicator_id, [(samples.pdf(), "a" * 296 + ".pdf")])
    [row] = rows(app)
    assert len(row.original_name) == 255
    assert row.original_name == "a" * 251 + ".pdf"


def test_same_file_twice_in_a_quarter_is_reported_not_stored(app, admin, indicator_id):
    content = samples.pdf("sama")
    upload(admin, indicator_id, [(content, "a.pdf")])
    again = upload(admin, indicator_id, [(content, "b.pdf"), (content, "c.pdf")])
    html = again.get_data(as_text=True)
    assert html.count("Berkas yang sama sudah diunggah untuk triwulan ini") == 2
    other_quarter = upload(admin, indicator_id, [(content, "a.pdf")], quarter=4)
    assert "berhasil diunggah" in other_quarter.text
    assert [(r.original_name, r.quarter) for r in rows(app)] == [("a.pdf", 1), ("a.pdf", 4)]
    assert len(files_on_disk(app)) == 2


def test_several_files_at_once_each_get_their_own_answer(app, admin, indicator_id):
    response = upload(admin, indicator_id, [
        (samples.pdf(), "satu.pdf"), (samples.HTML, "dua.jpg"), (samples.png(), "tiga.png")])
    html = response.get_data(as_text=True)
    assert html.count("berhasil diunggah") == 2 and NOT_ALLOWED in html
    assert [r.original_name for r in rows(app)] == ["satu.pdf", "tiga.png"]
    assert "2 berkas" in html


def test_no_file_chosen_asks_for_one(app, admin, indicator_id):
    response = htmx_post(admin, f"/barito-selatan/2023/indikator/{indicator_id}/bukti/1",
                         {"berkas": (io.BytesIO(b""), "")})
    assert "Pilih berkas yang akan diunggah." in response.get_data(as_text=True)


def test_plain_form_post_redirects_with_messages(app, admin, indicator_id):
    url = f"/barito-selatan/2023/indikator/{indicator_id}/bukti/1"
    response = admin.post(url, data={"berkas": (io.BytesIO(samples.pdf()), "tanpa-js.pdf"),
                                     "csrf_token": admin.token}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.request.path == f"/barito-selatan/2023/indikator/{indicator_id}/bukti"
    assert "tanpa-js.pdf: berhasil diunggah" in html and "<html" in html


def test_unknown_quarter_or_indicator_of_another_year_is_404(admin, indicator_id):
    assert upload(admin, indicator_id, [(samples.pdf(), "a.pdf")], quarter=5).status_code == 404
    assert admin.get(f"/barito-selatan/2024/indikator/{indicator_id}/bukti").status_code == 404


def test_request_over_max_content_length_for_someone_without_rights_is_403(app, client,
                                                                         indicator_id):
    login(client, "staf", STAFF_PASSWORD)
    client.token = csrf_token(client)
    app.config["MAX_CONTENT_LENGTH"] = 2000
    response = upload(client, indicator_id, [(samples.pdf() * 10, "besar.pdf")])
    assert response.status_code == 403
