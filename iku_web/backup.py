"""`flask --app wsgi backup [DEST]` and `flask --app wsgi restore ARCHIVE`.

One archive (.tar.gz) holds a consistent copy of the database (SQLite's online backup API, or
pg_dump for PostgreSQL), the files of UPLOAD_DIR (evidence, report logo) and manifest.json
with the SHA-256 of every file. Restore checks the whole archive before touching anything,
keeps the current state aside in instance/sebelum-pemulihan-<time>/, and puts the database
and the files back together (or, when a step fails, puts the state before back).
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from .extensions import db

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database/iku.sqlite3"
PG_NAME = "database/iku.pgdump"
SKIPPED = (".upload-",)  # uploads in progress are not evidence yet


class BackupError(click.ClickException):
    """A refusal with an Indonesian message; nothing was changed."""


def init_app(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _database_url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _pg_args(url) -> list[str]:
    """libpq's connection URI for pg_dump/pg_restore (without SQLAlchemy's +driver)."""
    return ["--dbname", url.set(drivername="postgresql").render_as_string(hide_password=False)]


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def _staging(near: Path, prefix: str) -> Path:
    """A work folder on the same file system as `near` (hard links and renames work)."""
    near.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=near))


@contextmanager
def _writers_paused(url):
    """Hold SQLite's write lock while the snapshot and the file list are taken, so that the
    files match the rows (a save in that moment waits, as for any other writer)."""
    if url.get_backend_name() != "sqlite":
        yield None
        return
    conn = sqlite3.connect(url.database, isolation_level=None, timeout=30)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def create_backup(dest: Path) -> Path:
    """Write the archive and return its path."""
    url = _database_url()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if dest.is_dir() or not dest.suffix:
        dest.mkdir(parents=True, exist_ok=True)
        dest = dest / f"iku-cadangan-{stamp}.tar.gz"
    uploads = _upload_dir()
    staging = _staging(uploads.parent, ".cadangan-")
    try:
        (staging / "database").mkdir()
        (staging / "uploads").mkdir()
        with _writers_paused(url) as conn:
            for path in sorted(uploads.rglob("*")):  # with sub-folders (issued documents)
                if path.is_file() and not path.name.startswith(SKIPPED):
                    target = staging / "uploads" / path.relative_to(uploads)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    _link_or_copy(path, target)
            if conn is not None:
                # A connection writing cannot be a backup source: a second one reads (WAL
                # lets it while the first holds the write lock).
                _copy_sqlite(url.database, staging / SQLITE_NAME)
            else:
                subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file",
                                str(staging / PG_NAME), *_pg_args(url)],
                               check=True, capture_output=True, timeout=3600)
        files = {str(p.relative_to(staging)): sha256(p)
                 for p in sorted(staging.rglob("*")) if p.is_file()}
        manifest = {"format": FORMAT, "created": datetime.now().isoformat(timespec="seconds"),
                    "database": url.get_backend_name(), "files": files}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1))
        partial = dest.with_name(dest.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(staging / MANIFEST, MANIFEST)
            for name in files:
                tar.add(staging / name, name)
        os.replace(partial, dest)  # a crash never leaves a half archive under the real name
        return dest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _refuse(reason: str):
    raise BackupError(f"Arsip tidak dipulihkan: {reason} Tidak ada yang diubah.")


def verify_archive(archive: Path, into: Path) -> dict:
    """Unpack into `into` and check it against its manifest; refuse anything else."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                name = member.name
                if not (member.isfile() or member.isdir()) or name.startswith("/") \
                        or ".." in Path(name).parts:
                    _refuse(f"isi arsip tidak wajar ({name}).")
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        _refuse(f"arsip rusak atau terpotong ({exc}).")
    try:
        manifest = json.loads((into / MANIFEST).read_text())
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError):
        _refuse("manifest.json tidak ada atau rusak.")
    if manifest.get("format") != FORMAT:
        _refuse("format arsip tidak dikenal.")
    present = {str(p.relative_to(into)) for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if missing := sorted(set(files) - present):
        _refuse(f"arsip tidak lengkap, berkas hilang: {', '.join(missing[:5])}.")
    if extra := sorted(present - set(files)):
        _refuse(f"berkas di luar manifest: {', '.join(extra[:5])}.")
    for name, digest in files.items():
        if sha256(into / name) != digest:
            _refuse(f"isi berkas {name} tidak cocok dengan manifest (rusak).")
    database = SQLITE_NAME if manifest.get("database") == "sqlite" else PG_NAME
    if database not in files:
        _refuse("salinan basis data tidak ada di arsip.")
    if manifest["database"] != _database_url().get_backend_name():
        _refuse(f"arsip dari basis data {manifest['database']}, aplikasi memakai "
                f"{_database_url().get_backend_name()}.")
    if database == SQLITE_NAME:
        with sqlite3.connect(into / SQLITE_NAME) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                _refuse("salinan basis data gagal diperiksa (integrity_check).")
    return manifest


def _copy_sqlite(source: Path | str, target: Path | str) -> None:
    """Copy a whole SQLite database into another (through the backup API: the target file
    stays the same file, so a WAL-mode database is replaced in one step)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def restore_archive(archive: Path) -> Path:
    """Verify, keep the current state aside, restore; returns the folder with the old state."""
    url = _database_url()
    uploads = _upload_dir()
    staging = _staging(uploads.parent, ".pemulihan-")
    try:
        manifest = verify_archive(archive, staging)
        db.session.remove()
        db.engine.dispose()
        aside = uploads.parent / f"sebelum-pemulihan-{datetime.now():%Y%m%d-%H%M%S}"
        aside.mkdir()
        if manifest["database"] == "sqlite":
            _copy_sqlite(url.database, aside / "iku.sqlite3")
        else:
            subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file",
                            str(aside / "iku.pgdump"), *_pg_args(url)],
                           check=True, capture_output=True, timeout=3600)
        os.replace(uploads, aside / "uploads")
        try:
            os.replace(staging / "uploads", uploads)
            _restore_database(url, staging, manifest["database"])
        except Exception:
            if uploads.exists():
                shutil.rmtree(uploads)
            os.replace(aside / "uploads", uploads)
            _restore_database(url, aside, manifest["database"], from_aside=True)
            raise
        return aside
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _restore_database(url, folder: Path, kind: str, from_aside: bool = False) -> None:
    if kind == "sqlite":
        _copy_sqlite(folder / ("iku.sqlite3" if from_aside else SQLITE_NAME), url.database)
        return
    dump = folder / ("iku.pgdump" if from_aside else PG_NAME)
    subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    *_pg_args(url), str(dump)], check=True, capture_output=True, timeout=3600)


@click.command("backup")
@click.argument("dest", required=False, type=click.Path(path_type=Path))
@with_appcontext
def backup_command(dest: Path | None):
    """Write a backup archive (database, uploaded files, manifest) to DEST (a folder or a
    .tar.gz name; default instance/cadangan/)."""
    dest = dest or Path(current_app.instance_path) / "cadangan"
    try:
        path = create_backup(dest)
    except (OSError, subprocess.SubprocessError, sqlite3.Error) as exc:
        raise BackupError(f"Cadangan gagal dibuat: {exc}") from exc
    click.echo(f"Cadangan dibuat: {path}")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Pulihkan tanpa bertanya lagi.")
@with_appcontext
def restore_command(archive: Path, yes: bool):
    """Restore the database and the uploaded files from a backup archive (stop the app
    first). The state before is kept in instance/sebelum-pemulihan-<time>/."""
    if not yes:
        click.confirm("Basis data dan berkas saat ini akan diganti isi arsip. Lanjutkan?",
                      abort=True)
    try:
        aside = restore_archive(archive)
    except (OSError, subprocess.SubprocessError, sqlite3.Error) as exc:
        raise BackupError(f"Pemulihan gagal, keadaan sebelumnya dikembalikan: {exc}") from exc
    click.echo(f"Dipulihkan dari {archive}. Keadaan sebelumnya disimpan di {aside}.")
