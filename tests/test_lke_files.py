"""Files attached as evidence to an LKE criterion's answer, through HTTP with real files: the
realisasi evidence's checks (type sniffed, size limit, safe names), list, download, delete with
a confirmation naming what goes, and the same rights and lock as editing the answer."""
import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage, MultiDict

from iku_web import settings
from iku_web.evidence import storage
from iku_web.extensions import db
from iku_web.models import LkeFile, User
from tests import evidence_samples as samples
from tests.conftest import csrf_token, htmx_post, login
from tests.test_evidence_access import fetch
from tests.test_lke_page import VERIFIER_PASSWORD, _check, _ids

BASE = "/barito-selatan/2023/lke"


def attach(client, app, code, files, side="mandiri", headers=None):
    data = MultiDict([("berkas", FileStorage(io.BytesIO(content), filename=name))
                      for content, name in files])
    if headers is None:
        headers = {"HX-Request": "true", "X-CSRFToken": getattr(client, "token", "")}
    return client.post(f"{BASE}/kriteria/{_ids(app, code)}/{side}/berkas", headers=headers,
                       **samples.multipart(data))


def stored(app) -> list[LkeFile]:
    with app.app_context():
        return list(db.session.scalars(sa.select(LkeFile).order_by(LkeFile.id)))


def lke_dir(app) -> Path:
    return Path(app.config["UPLOAD_DIR"]) / "lke"


def on_disk(app) -> list[str]:
    folder = lke_dir(app)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_attach_list_download_and_delete(app, admin):
    content = samples.pdf("pedoman")
    html = attach(admin, app, "1.a.1", [(content, "Pedoman teknis.pdf"),
                                        (samples.png(), "foto rapat.png")]).text
    assert "Pedoman teknis.pdf: berhasil dilampirkan." in html
    assert "foto rapat.png: berhasil dilampirkan." in html
    block = f'id="lke-files-mandiri-{_ids(app, "1.a.1")}"'
    assert html.startswith(f'<div class="lke-files mt-1" {block}>')
    rows = stored(app)
    assert [(r.original_name, r.side, r.content_type) for r in rows] == [
        ("Pedoman teknis.pdf", "mandiri", storage.PDF), ("foto rapat.png", "mandiri", storage.PNG)]
    assert on_disk(app) == sorted(r.stored_name for r in rows)

    page = admin.get(BASE).text
    link = f'href="{BASE}/berkas/{rows[0].id}/unduh">Pedoman teknis.pdf</a>'
    assert link in page
    confirm = re.search(r'hx-confirm="(Hapus berkas Pedoman teknis\.pdf[^"]*)"', page).group(1)
    assert confirm == ("Hapus berkas Pedoman teknis.pdf dari bukti kriteria 1.a.1? Berkas dihapus "
                       "dari server dan tidak dapat dikembalikan.")
    download = fetch(admin, f"{BASE}/berkas/{rows[0].id}/unduh")
    assert download.status_code == 200 and download.data == content
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"

    gone = htmx_post(admin, f"{BASE}/berkas/{rows[0].id}/mandiri/hapus").text
    assert "Pedoman teknis.pdf: dihapus." in gone and "foto rapat.png" in gone
    assert [r.original_name for r in stored(app)] == ["foto rapat.png"]
    assert on_disk(app) == [stored(app)[0].stored_name]
    assert fetch(admin, f"{BASE}/berkas/{rows[0].id}/unduh").status_code == 404


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"<html><script>alert(1)</script></html>", "bukti.pdf", "Jenis berkas tidak diizinkan"),
    (b"MZ\x90\x00", "program.exe", "Jenis berkas tidak diizinkan"),
    (b"", "kosong.pdf", "Berkas kosong"),
    (samples.png(), "foto.pdf", "Isi berkas (PNG) tidak sesuai dengan ekstensi .pdf"),
])
def test_the_evidence_checks_refuse_and_leave_nothing(app, admin, content, name, message):
    html = attach(admin, app, "1.a.1", [(content, name)]).text
    assert message in html and "lke-file-outcome" in html
    assert stored(app) == [] and on_disk(app) == []


def test_size_limit_duplicate_and_safe_names(app, admin):
    with app.app_context():
        settings.put("evidence_max_mb", "1")
        db.session.commit()
    over = b"%PDF-1.4\n" + b"1" * (storage.MB - 8)
    assert "Berkas melebihi batas 1 MB" in attach(admin, app, "1.a.1", [(over, "besar.pdf")]).text
    attach(admin, app, "1.a.1", [(samples.pdf(), "..\\..\\etc/CON.pdf")])
    again = attach(admin, app, "1.a.1", [(samples.pdf(), "lagi.pdf")]).text
    assert "Berkas yang sama sudah dilampirkan pada kriteria ini" in again
    rows = stored(app)
    assert [r.original_name for r in rows] == ["CON.pdf"]
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", rows[0].stored_name)
    download = fetch(admin, f"{BASE}/berkas/{rows[0].id}/unduh")
    assert 'filename=CON_.pdf' in download.headers["Content-Disposition"]


def test_rights_csrf_and_the_submission_lock(app, client, admin):
    with app.app_context():
        user = User(username="verif", role="verifier", full_name="Verif")
        user.set_password(VERIFIER_PASSWORD)
        db.session.add(user)
        db.session.commit()
    no_csrf = attach(admin, app, "1.a.1", [(samples.pdf(), "a.pdf")],
                     headers={"HX-Request": "true"})
    assert no_csrf.status_code == 400 and stored(app) == []
    attach(admin, app, "1.a.1", [(samples.pdf(), "a.pdf")])
    # The verifier may not write the self-evaluation's side, nor the evaluator's before submission.
    client.post("/keluar", data={"csrf_token": admin.token})
    login(client, "verif", VERIFIER_PASSWORD)
    client.token = csrf_token(client)
    assert attach(client, app, "1.a.1", [(samples.pdf("v"), "v.pdf")]).status_code == 403
    file_id = stored(app)[0].id
    assert htmx_post(client, f"{BASE}/berkas/{file_id}/mandiri/hapus").status_code == 403
    early = attach(client, app, "1.a.1", [(samples.pdf("v"), "v.pdf")], side="evaluator").text
    assert "setelah penilaian mandiri diajukan" in early
    assert fetch(client, f"{BASE}/berkas/{file_id}/unduh").status_code == 200  # may read
    # Submitted: the unit's side is locked, the evaluator's open.
    client.post("/keluar", data={"csrf_token": client.token})
    login(client)
    client.token = csrf_token(client)
    htmx_post(client, f"{BASE}/ajukan")
    locked = attach(client, app, "1.a.1", [(samples.pdf("b"), "b.pdf")]).text
    assert "terkunci" in locked
    assert "terkunci" in htmx_post(client, f"{BASE}/berkas/{file_id}/mandiri/hapus").text
    assert len(stored(app)) == 1 and len(on_disk(app)) == 1
    assert 'Lampirkan berkas' not in client.get(BASE).text.split('id="lke-files-mandiri-')[1][:600]
    client.post("/keluar", data={"csrf_token": client.token})
    login(client, "verif", VERIFIER_PASSWORD)
    client.token = csrf_token(client)
    ok = attach(client, app, "1.a.1", [(samples.pdf("v"), "v.pdf")], side="evaluator").text
    assert "v.pdf: berhasil dilampirkan." in ok
    assert [r.side for r in stored(app)] == ["mandiri", "evaluator"]
    # Logged out: nothing to read.
    client.post("/keluar", data={"csrf_token": client.token})
    assert fetch(client, f"{BASE}/berkas/{file_id}/unduh").status_code in (302, 401)


def test_a_file_of_another_year_or_unknown_is_404(app, admin):
    attach(admin, app, "1.a.1", [(samples.pdf(), "a.pdf")])
    file_id = stored(app)[0].id
    admin.post("/barito-selatan/tahun", data={"csrf_token": admin.token, "year": "2024",
                                               "source": "0"})
    assert admin.get("/barito-selatan/2024/lke").status_code == 200
    assert fetch(admin, f"/barito-selatan/2024/lke/berkas/{file_id}/unduh").status_code == 404
    assert fetch(admin, f"{BASE}/berkas/{file_id + 99}/unduh").status_code == 404


def test_cleanup_keeps_lke_files_and_removes_leftovers(app, admin):
    import os
    import time
    attach(admin, app, "1.a.1", [(samples.pdf(), "a.pdf")])
    leftover = lke_dir(app) / ("0" * 32 + ".pdf")
    leftover.write_bytes(samples.pdf("sisa"))
    old = time.time() - 7200
    for path in lke_dir(app).iterdir():
        os.utime(path, (old, old))
    result = app.test_cli_runner().invoke(args=["evidence", "cleanup"])
    assert "1 berkas tanpa data" in result.output
    assert on_disk(app) == [stored(app)[0].stored_name]


def test_a_check_keeps_its_files(app, admin):
    attach(admin, app, "1.a.1", [(samples.pdf(), "a.pdf")])
    assert _check(admin, app, "1.a.1", "1").status_code == 200
    assert "a.pdf" in admin.get(BASE).text
