"""Signers of the documents (per year) and the optional logo (office-wide), admin only."""
import hashlib
import re
from pathlib import Path

import filetype
import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_wtf.file import FileField
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from .. import settings
from ..access import current_unit
from ..auth.permissions import admin_required, install_admin_required
from ..extensions import db
from ..fields import EmptyForm, Form
from ..models import Signer, Year
from ..scope import get_year, latest_year, scoped_or_404
from . import bp

LOGO_SETTING = "report_logo"
LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpg"}
LOGO_MAX_BYTES = 1024 * 1024
_LOGO_NAME = re.compile(r"report-logo-[0-9a-f]{16}\.(png|jpg)")


def format_nip(nip: str) -> str:
    """19860926201505 1001 -> "19860926 201505 1 001" (born, appointed, sex, number)."""
    digits = re.sub(r"\D", "", nip or "")
    if len(digits) != 18:
        return (nip or "").strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


bp.add_app_template_filter(format_nip, "nip")


def _nip(_form, field):
    digits = re.sub(r"[\s.]", "", field.data or "")
    if digits and not (digits.isdigit() and len(digits) == 18):
        raise ValidationError("NIP harus 18 angka, misalnya 19860926 201505 1 001.")


class SignerForm(Form):
    title = StringField("Jabatan", validators=[DataRequired("Jabatan wajib diisi."),
                                               Length(max=200)])
    name = StringField("Nama (kosongkan untuk ditulis tangan)", validators=[Length(max=200)])
    nip = StringField("NIP (opsional)", validators=[Length(max=32), _nip])
    rank = StringField("Pangkat/golongan (opsional)", validators=[Length(max=100)])
    position = IntegerField("Urutan", validators=[Optional(), NumberRange(0, 999)])

    def apply_to(self, signer: Signer) -> None:
        signer.title = self.title.data.strip()
        signer.name = (self.name.data or "").strip()
        signer.nip = re.sub(r"\D", "", self.nip.data or "")
        signer.rank = (self.rank.data or "").strip()
        signer.position = self.position.data or 0


class LogoForm(Form):
    logo = FileField("Logo (PNG atau JPEG, paling besar 1 MB)")


def logo_path() -> Path | None:
    """The stored logo file, or None when there is none (or its setting is not ours)."""
    name = settings.get(LOGO_SETTING)
    if not _LOGO_NAME.fullmatch(name or ""):
        return None
    path = Path(current_app.config["UPLOAD_DIR"]) / name
    return path if path.is_file() else None


def _year() -> Year:
    """The year whose signers are edited: `?tahun=`, else the most recent year."""
    return get_year(request.args.get("tahun", type=int) or latest_year() or 0)


def _back(year: int):
    return redirect(url_for(".signer_settings", tahun=year))


def _page(year: Year, new_form=None, logo_form=None, edit_forms=None):
    signers = list(year.signers)
    forms = {s.id: SignerForm(obj=s, prefix=f"s{s.id}", formdata=None) for s in signers}
    forms.update(edit_forms or {})
    years = db.session.scalars(sa.select(Year.year).where(Year.unit_id == current_unit().id)
                               .order_by(Year.year.desc())).all()
    return render_template("reports/signers.html", signers=signers, forms=forms,
                           signer_year=year, signer_years=years,
                           new_form=new_form or SignerForm(prefix="new", formdata=None),
                           logo_form=logo_form or LogoForm(formdata=None),
                           has_logo=logo_path() is not None, empty=EmptyForm())


@bp.route("/pengaturan/penandatangan")
@admin_required
def signer_settings():
    """Signers of a year's documents (jabatan, name, NIP, pangkat) and the logo."""
    if latest_year() is None:
        flash("Penandatangan dicatat per tahun anggaran: buat tahun anggaran dulu.", "warning")
        return redirect(url_for("indicators.new_year"))
    return _page(_year())


@bp.route("/pengaturan/penandatangan/baru", methods=["POST"])
@admin_required
def signer_create():
    """Add a signer to a year; on errors the page comes back with the messages, nothing saved."""
    year = _year()
    form = SignerForm(prefix="new")
    if not form.validate():
        return _page(year, new_form=form), 200
    signer = Signer()
    form.apply_to(signer)
    year.signers.append(signer)
    db.session.commit()
    flash(f"Penandatangan TA {year.year} ditambahkan.", "success")
    return _back(year.year)


@bp.route("/pengaturan/penandatangan/<int:signer_id>", methods=["POST"])
@admin_required
def signer_update(signer_id: int):
    """Save one signer."""
    signer = scoped_or_404(Signer, signer_id)
    form = SignerForm(prefix=f"s{signer.id}")
    year = db.session.get(Year, signer.year_id)
    if not form.validate():
        return _page(year, edit_forms={signer.id: form}), 200
    form.apply_to(signer)
    db.session.commit()
    flash(f"Penandatangan TA {year.year} disimpan.", "success")
    return _back(year.year)


@bp.route("/pengaturan/penandatangan/<int:signer_id>/hapus", methods=["POST"])
@admin_required
def signer_delete(signer_id: int):
    """Remove a signer from the choices of the reports page."""
    signer = scoped_or_404(Signer, signer_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    year = db.session.get(Year, signer.year_id)
    db.session.delete(signer)
    db.session.commit()
    flash("Penandatangan dihapus.", "success")
    return _back(year.year)


@bp.route("/pengaturan/logo", methods=["POST"])
@install_admin_required
def logo_upload():
    """Store a PNG/JPEG logo printed at the top of every document (checked by its bytes)."""
    form = LogoForm()
    if not form.validate():
        abort(400)
    data = form.logo.data.read(LOGO_MAX_BYTES + 1) if form.logo.data else b""
    kind = filetype.guess(data) if data else None
    if not data or len(data) > LOGO_MAX_BYTES or kind is None or kind.mime not in LOGO_TYPES:
        form.logo.errors.append("Pilih berkas PNG atau JPEG paling besar 1 MB.")
        return _page(_year(), logo_form=form), 200
    name = f"report-logo-{hashlib.sha256(data).hexdigest()[:16]}.{LOGO_TYPES[kind.mime]}"
    old = logo_path()
    (Path(current_app.config["UPLOAD_DIR"]) / name).write_bytes(data)
    if old is not None and old.name != name:
        old.unlink(missing_ok=True)
    settings.put(LOGO_SETTING, name)
    db.session.commit()
    flash("Logo disimpan.", "success")
    return redirect(url_for(".signer_settings"))


@bp.route("/pengaturan/logo/hapus", methods=["POST"])
@install_admin_required
def logo_delete():
    """Print the documents without a logo again."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    _remove_logo_file()
    settings.put(LOGO_SETTING, "")
    db.session.commit()
    flash("Logo dihapus.", "success")
    return redirect(url_for(".signer_settings"))


@bp.route("/laporan/logo")
def logo():
    """The logo for the HTML previews (public, like the documents)."""
    path = logo_path()
    if path is None:
        abort(404)
    return send_file(path, max_age=300)


def _remove_logo_file() -> None:
    path = logo_path()
    if path is not None:
        path.unlink(missing_ok=True)
