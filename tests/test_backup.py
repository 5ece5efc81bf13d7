"""`flask backup` and `flask restore`: one archive with a manifest, checked before anything is
touched; a damaged or incomplete archive is refused and changes nothing."""
import io
import json
import tarfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Evidence, Realisasi
from tests import evidence_samples as samples
from tests import pg_mode
from tests.evidence_samples import first_indicator_id, rows
from tests.test_realisasi import save


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def state(app) -> tuple:
    with app.app_context():
        values = db.session.execute(sa.select(Realisasi.indicator_id, Realisasi.quarter,
                                              Realisasi.value).order_by(Realisasi.id)).all()
        names = sorted(db.session.scalars(sa.select(Evidence.stored_name)))
    folder = Path(app.config["UPLOAD_DIR"])
    files = sorted((str(p.relative_to(folder)), p.read_bytes()) for p in folder.rglob("*")
                   if p.is_file())
    return values, names, files


@pytest.fixture
def archive(app, admin, tmp_path) -> Path:
    save(admin, "75", indicator=1)
    samples.upload(admin, first_indicator_id(app), [(samples.pdf("asli"), "asli.pdf")])
    issued = Path(app.config["UPLOAD_DIR"]) / "issued"  # files in sub-folders are kept too
    issued.mkdir(exist_ok=True)
    (issued / "dokumen.pdf").write_bytes(samples.pdf("terbit"))
    result = run(app, "backup", str(tmp_path / "cadangan"))
    assert result.exit_code == 0, result.output
    (path,) = (tmp_path / "cadangan").glob("iku-cadangan-*.tar.gz")
    return path


def test_backup_has_database_files_and_a_manifest_of_their_hashes(app, archive):
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[0] == "manifest.json"
    if pg_mode.ENABLED:
        assert manifest["database"] == "postgresql" and "database/iku.pgdump" in names
    else:
        assert manifest["database"] == "sqlite" and "database/iku.sqlite3" in names
    stored = rows(app)[0].stored_name
    assert f"uploads/{stored}" in manifest["files"]
    assert set(manifest["files"]) == set(names[1:])
    assert "uploads/issued/dokumen.pdf" in manifest["files"]
    assert all(len(digest) == 64 for digest in manifest["files"].values())


def test_restore_brings_back_database_and_files_together(app, admin, archive):
    before = state(app)
    save(admin, "99", indicator=1)
    samples.upload(admin, first_indicator_id(app), [(samples.png(), "baru.png")])
    assert state(app) != before
    result = run(app, "restore", "--yes", str(archive))
    assert result.exit_code == 0, result.output
    assert state(app) == before
    assert "Keadaan sebelumnya disimpan" in result.output
    aside = next(Path(app.instance_path if False else app.config["UPLOAD_DIR"]).parent
                 .glob("sebelum-pemulihan-*"))
    assert len(list((aside / "uploads").glob("*.p*"))) == 2  # the state before, kept aside
    page = admin.get("/barito-selatan/2023/realisasi")  # the app works on the restored database
    assert page.status_code == 200


def _rewrite(archive: Path, target: Path, change):
    """Copy the archive member by member, letting change(name, data) alter or drop one."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            data = change(member.name, data)
            if data is None:
                continue
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return target


@pytest.mark.parametrize(("damage", "message"), [
    (lambda name, data: data[:-1] + b"X" if name.startswith("uploads/") else data,
     "tidak cocok dengan manifest"),
    (lambda name, data: None if name.startswith("uploads/") else data, "tidak lengkap"),
    (lambda name, data: None if name == "manifest.json" else data, "manifest.json"),
])
def test_a_damaged_or_incomplete_archive_is_refused_and_nothing_changes(app, admin, archive,
                                                                      tmp_path, damage, message):
    broken = _rewrite(archive, tmp_path / "rusak.tar.gz", damage)
    save(admin, "42", indicator=1)
    before = state(app)
    result = run(app, "restore", "--yes", str(broken))
    assert result.exit_code != 0
    assert message in result.output and "Tidak ada yang diubah" in result.output
    assert state(app) == before


def test_a_truncated_archive_is_refused(app, archive, tmp_path):
    cut = tmp_path / "terpotong.tar.gz"
    cut.write_bytes(archive.read_bytes()[:-2000])
    before = state(app)
    result = run(app, "restore", "--yes", str(cut))
    assert result.exit_code != 0 and "Tidak ada yang diubah" in result.output
    assert state(app) == before


def test_an_archive_with_a_path_outside_is_refused(app, archive, tmp_path):
    evil = tmp_path / "jahat.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../luar.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    result = run(app, "restore", "--yes", str(evil))
    assert result.exit_code != 0 and "tidak wajar" in result.output
    assert not (tmp_path.parent / "luar.txt").exists()
