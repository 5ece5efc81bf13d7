"""Command-line tasks: `flask --app wsgi seed-demo | seed-provinsi | create-user |
reset-password | evidence cleanup`."""
import os
import re
import time
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from .evidence import service as evidence_service
from .extensions import db
from .issued.service import ISSUED_FOLDER
from .lke.files import LKE_FOLDER
from .models import Evidence, IssuedDocument, LkeFile, User
from .models.users import ROLES, find_user
from .seed import ensure_admin, load_demo

# `flask evidence cleanup` sweeps the folders of three features (evidence, issued, lke), so it
# lives here, where every feature may be imported, rather than in one of them.
evidence_cli = AppGroup("evidence", help="Berkas bukti dukung.")


def init_app(app: Flask) -> None:
    app.cli.add_command(evidence_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(seed_provinsi)
    app.cli.add_command(create_user)
    app.cli.add_command(reset_password)
    app.cli.add_command(rename_user)
    app.cli.add_command(lke_copy_criteria)
    from .serve_info import address_command

    app.cli.add_command(address_command)
    from .dbcopy import copy_database_command

    app.cli.add_command(copy_database_command)
    from .reminders.remind import remind_command

    app.cli.add_command(remind_command)
    from . import backup
    backup.init_app(app)


def password_option(prompt: str):
    """--password, else asked twice without echo, in Indonesian: click's own confirmation
    ("Repeat for confirmation:", "The two entered values do not match.") is English."""
    def ask(_ctx, _param, value):
        if value is not None:
            return value
        while True:
            first = click.prompt(prompt, hide_input=True)
            if first == click.prompt("Ulangi untuk konfirmasi", hide_input=True):
                return first
            click.echo("Kedua kata sandi tidak sama. Ketik lagi.", err=True)

    return click.option("--password", default=None, callback=ask,
                        help="Kata sandi; bila tidak diberikan, ditanyakan dua kali tanpa "
                             "ditampilkan.")


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Load the demo year (TA 2023) and create the admin account if they are missing."""
    if load_demo():
        click.echo("Data contoh TA 2023 dimuat.")
    from .lke import demo as lke_demo

    if lke_demo.load():
        click.echo("Evaluasi mandiri (LKE) TA 2023 contoh dimuat.")
    _user, generated = ensure_admin(os.environ.get("IKU_ADMIN_PASSWORD"))
    if generated:
        click.echo("=" * 60)
        click.echo("Akun admin dibuat. Simpan kata sandi ini, ia tidak ditampilkan lagi:")
        click.echo(f"  nama pengguna: admin\n  kata sandi:    {generated}")
        click.echo("=" * 60)


@click.command("seed-provinsi")
@with_appcontext
def seed_provinsi():
    """Load the province demo (KPU Provinsi Kalimantan Tengah and its 14 offices, TA 2024) into
    an empty database; accounts admin, admin.<kode>, staf.<kode>, verifikator.<kode>."""
    from .seed_provinsi import load_provinsi

    try:
        built, generated = load_provinsi(os.environ.get("IKU_DEMO_PASSWORD"))
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error
    if not built:
        click.echo("Data contoh provinsi sudah ada.")
        return
    click.echo("Data contoh KPU Provinsi Kalimantan Tengah dan 14 KPU Kabupaten/Kota dimuat.")
    if generated:
        click.echo("=" * 60)
        click.echo("Kata sandi semua akun contoh (admin, admin.<kode>, staf.<kode>, "
                   "verifikator.<kode>); simpan, ia tidak ditampilkan lagi:")
        click.echo(f"  {generated}")
        click.echo("=" * 60)


@click.command("create-user")
@with_appcontext
@click.argument("username")
@click.option("--role", type=click.Choice(sorted(ROLES)), default="staff", show_default=True)
@click.option("--name", "full_name", default="", help="Nama lengkap")
@click.option("--unit", default="", help="Unit kerja / subbagian")
@click.option("--email", default=None, help="Alamat e-mail untuk pengingat")
@password_option("Kata sandi")
def create_user(username, role, full_name, unit, email, password):
    """Create a user account."""
    username = username.strip()
    if find_user(username) is not None:
        raise click.ClickException(f"Pengguna {username} sudah ada.")
    user = User(username=username, role=role, full_name=full_name, unit=unit, email=email)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Pengguna {username} ({ROLES[role]}) dibuat.")


@click.command("reset-password")
@with_appcontext
@click.argument("username")
@password_option("Kata sandi baru")
def reset_password(username, password):
    """Set a new password for a user."""
    user = find_user(username)
    if user is None:
        raise click.ClickException(f"Pengguna {username} tidak ditemukan.")
    user.set_password(password)
    db.session.commit()
    click.echo(f"Kata sandi {user.username} diganti.")


@click.command("rename-user")
@with_appcontext
@click.argument("old")
@click.argument("new")
def rename_user(old, new):
    """Rename an account (e.g. one of two names that differ only by case)."""
    # Exact match first: with two case-duplicates left by an old version, pick the one typed.
    user = db.session.scalar(sa.select(User).where(User.username == old)) or find_user(old)
    if user is None:
        raise click.ClickException(f"Pengguna {old} tidak ditemukan.")
    new = new.strip()
    other = find_user(new)
    if other is not None and other.id != user.id:
        raise click.ClickException(f"Nama pengguna {new} sudah dipakai.")
    user.username = new
    db.session.commit()
    click.echo(f"Pengguna {old} sekarang bernama {new}.")


@click.command("lke-copy-criteria")
@with_appcontext
@click.argument("version")
@click.option("--name", default="", help="Nama perangkat kriteria baru")
@click.option("--from", "source", default="", help="Versi asal (bawaan: yang terbaru)")
def lke_copy_criteria(version, name, source):
    """Copy an LKE criteria set to a new version, which new evaluations then use."""
    import sqlalchemy as sa

    from .extensions import db
    from .lke import criteria
    from .models import LkeCriteriaSet

    query = sa.select(LkeCriteriaSet).order_by(LkeCriteriaSet.id.desc())
    if source:
        query = query.where(LkeCriteriaSet.version == source)
    original = db.session.scalars(query).first()
    if original is None:
        raise click.ClickException(f"Perangkat kriteria versi {source} tidak ditemukan.")
    if db.session.scalar(sa.select(LkeCriteriaSet.id).where(LkeCriteriaSet.version == version)):
        raise click.ClickException(f"Versi {version} sudah ada.")
    criteria.copy_set(db.session, original, version, name or f"{original.name} ({version})")
    db.session.commit()
    click.echo(f"Kriteria versi {original.version} disalin menjadi versi {version}.")


# --- flask evidence cleanup: remove files in UPLOAD_DIR (and its issued/ and lke/ folders)
# that no row refers to. They appear only when the process dies between the rename and the
# commit of an upload or a delete, or when an indicator is deleted with its evidence rows (the
# database cascade cannot remove files).

GRACE_SECONDS = 3600  # leave uploads in progress alone
# Only names the uploads make: stored files, temporary uploads, files moved aside on delete.
OURS = re.compile(
    r"[0-9a-f]{32}\.[a-z]{3,4}|\.upload-\w+\.part|\.[0-9a-f]{32}\.[a-z]{3,4}\.deleted")


@evidence_cli.command("cleanup")
@click.option("--dry-run", is_flag=True, help="Hanya tampilkan yang akan dihapus.")
def cleanup(dry_run: bool):
    """Remove evidence files and issued documents without a database row (older than one
    hour); issued documents and LKE files are stored the same way, in the issued/ and lke/
    folders."""
    known = set(db.session.scalars(sa.select(Evidence.stored_name)))
    issued = set(db.session.scalars(sa.select(IssuedDocument.stored_name)))
    removed = _sweep(evidence_service.upload_dir(), known, dry_run)
    issued_dir = evidence_service.upload_dir() / ISSUED_FOLDER
    if issued_dir.is_dir():
        removed += _sweep(issued_dir, issued, dry_run, prefix=f"{ISSUED_FOLDER}/")
    lke_dir = evidence_service.upload_dir() / LKE_FOLDER
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
