"""`flask --app wsgi evidence cleanup`: remove files in UPLOAD_DIR (and its issued/ and lke/
folders) that no row refers to.

They appear only when the process dies between the rename and the commit of an upload or a
delete, or when an indicator is deleted with its evidence rows (the database cascade cannot
remove files)."""
import re
import time
from pathlib import Path

import click
import sqlalchemy as sa

from ..extensions import db
from ..models import Evidence, IssuedDocument, LkeFile
from . import bp, service

GRACE_SECONDS = 3600  # leave uploads in progress alone
# Only names this package makes: stored files, temporary uploads, files moved aside on delete.
OURS = re.compile(
    r"[0-9a-f]{32}\.[a-z]{3,4}|\.upload-\w+\.part|\.[0-9a-f]{32}\.[a-z]{3,4}\.deleted")


@bp.cli.command("cleanup")
@click.option("--dry-run", is_flag=True, help="Hanya tampilkan yang akan dihapus.")
def cleanup(dry_run: bool):
    """Remove evidence files and issued documents without a database row (older than one
    hour); issued documents and LKE files are stored the same way, in the issued/ and lke/
    folders."""
    from ..issued.service import ISSUED_FOLDER
    from ..lke.files import LKE_FOLDER

    known = set(db.session.scalars(sa.select(Evidence.stored_name)))
    issued = set(db.session.scalars(sa.select(IssuedDocument.stored_name)))
    removed = _sweep(service.upload_dir(), known, dry_run)
    issued_dir = service.upload_dir() / ISSUED_FOLDER
    if issued_dir.is_dir():
        removed += _sweep(issued_dir, issued, dry_run, prefix=f"{ISSUED_FOLDER}/")
    lke_dir = service.upload_dir() / LKE_FOLDER
    if lke_dir.is_dir():
        lke = set(db.session.scalars(sa.select(LkeFile.stored_name)))
        removed += _sweep(lke_dir, lke, dry_run, prefix=f"{LKE_FOLDER}/")
    click.echo(f"{removed} berkas tanpa data.")


def _sweep(directory: Path, known: set[str], dry_run: bool, prefix: str = "") -> int:
    limit = time.time() - GRACE_SECONDS
    removed = 0
    for path in sorted(directory.iterdir()):
        if (not path.is_file() or path.name in known or not OURS.fullmatch(path.name)
                or path.stat().st_mtime > limit):
            continue
        click.echo(f"{'akan dihapus' if dry_run else 'dihapus'}: {prefix}{path.name}")
        if not dry_run:
            path.unlink(missing_ok=True)
        removed += 1
    return removed
