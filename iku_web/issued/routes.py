"""Issuing from the reports page, the register of issued documents, revocation, download."""
import re
from collections import defaultdict

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from .. import settings
from ..auth.permissions import admin_required, install_admin_required, reader_required
from ..extensions import db
from ..fields import Form
from ..htmx import is_htmx
from ..models import IssuedDocument, Year
from ..reports import options
from ..scope import get_year, scoped_or_404, unit_clause
from . import bp, service

STATE_CLASSES = {"berlaku": "success", "diganti": "secondary", "dicabut": "danger"}


class RevokeForm(Form):
    reason = StringField("Alasan pencabutan", validators=[
        DataRequired("Alasan pencabutan wajib diisi."),
        Length(min=5, max=1000, message="Alasan 5 sampai 1000 karakter.")])


def _url(_form, field):
    value = (field.data or "").strip()
    if value and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise ValidationError("Tulis alamat lengkap, misalnya http://iku.kantor.local")


class BaseUrlForm(Form):
    base_url = StringField("Alamat situs untuk kode QR", validators=[
        Length(max=100, message="Paling banyak 100 karakter."), _url])


@bp.route("/<int:year>/laporan/<any(iku,pk,pengukuran):document>/terbitkan", methods=["POST"])
@admin_required
def issue(year: int, document: str):
    """Issue the document with the options chosen on the reports page (paper, quarter, date,
    signers): the PDF is stored as rendered, with its SHA-256 and a verification code."""
    year_obj = get_year(year)
    opt = options.parse(request.form, document, year=year_obj)
    error = None
    try:
        doc = service.issue(document, year_obj, opt)
    except service.AlreadyIssuing:
        doc, error = None, "Dokumen ini baru saja diterbitkan oleh orang lain. Muat ulang halaman."
    if not is_htmx():
        if doc is not None:
            flash(f"{doc.title} versi {doc.version} diterbitkan, kode {doc.code_display}.",
                  "success")
        return redirect(url_for(".register", tahun=year))
    return render_template("documents/_issued_cell.html", document=document, year=year_obj,
                           docs=service.current_for(year_obj, document), just_issued=doc,
                           error=error)


def _register_page(revoke_forms=None, base_form=None):
    docs = db.session.scalars(unit_clause(IssuedDocument, sa.select(IssuedDocument)).order_by(
        Year.year.desc(), IssuedDocument.document, IssuedDocument.quarter,
        IssuedDocument.version.desc())).all()
    by_year: dict[int, list[IssuedDocument]] = defaultdict(list)
    for doc in docs:
        by_year[doc.year_ref.year].append(doc)
    chosen = request.args.get("tahun", type=int)
    if chosen is not None:
        by_year = {chosen: by_year.get(chosen, [])}
    forms = {doc.id: RevokeForm(prefix=f"r{doc.id}", formdata=None) for doc in docs}
    forms.update(revoke_forms or {})
    base_form = base_form or BaseUrlForm(
        formdata=None, data={"base_url": settings.get(service.BASE_URL_SETTING)})
    return render_template("documents/register.html", by_year=by_year, forms=forms,
                           base_form=base_form, state_classes=STATE_CLASSES,
                           details=service.details, chosen=chosen)


@bp.route("/dokumen")
@reader_required
def register():
    """All issued documents by year and kind: version, date, issuer, state, download."""
    return _register_page()


@bp.route("/dokumen/<int:doc_id>.pdf")
@reader_required
def download(doc_id: int):
    """The stored bytes, exactly as issued (never rendered again)."""
    doc = scoped_or_404(IssuedDocument, doc_id)
    path = service.path_of(doc)
    if not path.is_file():
        abort(404)
    name = f"{doc.document}-{doc.year_ref.year}" + (f"-tw{doc.quarter}" if doc.quarter else "")
    return send_file(path, mimetype="application/pdf", download_name=f"{name}-v{doc.version}.pdf")


@bp.route("/dokumen/<int:doc_id>/cabut", methods=["POST"])
@admin_required
def revoke(doc_id: int):
    """Revoke an issued document with a reason; the check page then says "dicabut"."""
    doc = scoped_or_404(IssuedDocument, doc_id)
    form = RevokeForm(prefix=f"r{doc.id}")
    if doc.revoked_at is not None:
        form.reason.errors = ["Dokumen ini sudah dicabut."]
        return _register_page(revoke_forms={doc.id: form}), 200
    if not form.validate():
        return _register_page(revoke_forms={doc.id: form}), 200
    service.revoke(doc, form.reason.data.strip())
    flash(f"{doc.title} versi {doc.version} dicabut.", "success")
    return redirect(url_for(".register"))


@bp.route("/dokumen/alamat", methods=["POST"])
@install_admin_required
def base_url():
    """The site address printed under the QR codes of documents issued from now on."""
    form = BaseUrlForm()
    if not form.validate():
        return _register_page(base_form=form), 200
    settings.put(service.BASE_URL_SETTING, (form.base_url.data or "").strip().rstrip("/"))
    db.session.commit()
    flash("Alamat situs disimpan.", "success")
    return redirect(url_for(".register"))
