"""Evidence (bukti dukung) of an indicator per quarter: list, upload, download, preview, delete,
and the office settings that govern them."""
from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import Forbidden, HTTPException, RequestEntityTooLarge

from .. import errors, settings
from ..auth.permissions import install_admin_required, reader_required
from ..changelog import log_change
from ..database import begin_write, lock_cell
from ..extensions import db, login_manager
from ..guards import (
    LOCKED_MESSAGE,
    can_edit_indicator,
    indicator_of_year,
    is_locked,
    login_needed,
    refuse_unless_editor,
)
from ..htmx import is_htmx, render
from ..models import Evidence, Indicator
from ..queries import locked_quarters_of
from ..scope import scoped_or_404
from . import bp, service, storage
from .forms import EvidenceSettingsForm
from .service import Outcome

SAVE_FAILED = "Berkas gagal disimpan karena kesalahan server. Coba lagi."
FORM_TOO_LARGE = ("Isian formulir selain berkas terlalu besar atau terlalu banyak; berkas belum "
                  "diunggah. Muat ulang halaman lalu coba lagi.")


def _context(indicator: Indicator, outcomes: dict | None = None) -> dict:
    mb = service.max_mb()
    return {
        "indicator": indicator, "year": indicator.year_ref,
        "files": service.by_quarter(indicator), "outcomes": outcomes or {},
        "can_edit": can_edit_indicator(current_user, indicator),
        "locked_quarters": locked_quarters_of(indicator),
        "max_mb": mb, "max_bytes": mb * storage.MB, "accept": storage.ACCEPT,
        "allowed_text": storage.ALLOWED_TEXT, "previewable": storage.PREVIEWABLE,
        "labels": storage.LABELS, "human_size": storage.human_size,
    }


def _answer(indicator: Indicator, quarter: int, outcomes: list[Outcome], status: int = 200):
    """The quarter's card with the messages for htmx; for a plain form post, the messages as
    flashes and a redirect back to the evidence page."""
    if is_htmx():
        # The counts elsewhere on the page (the indicator page's Bukti column, the Tugas saya
        # badge) follow out of band.
        return render_template("evidence/_quarter.html", quarter=quarter, counts_oob=True,
                               **_context(indicator, {quarter: outcomes})), status
    if status != 200:
        return render_template("evidence/index.html",
                               **_context(indicator, {quarter: outcomes})), status
    for outcome in outcomes:
        flash(f"{outcome.name}: {outcome.sentence}" if outcome.name else outcome.sentence,
              "success" if outcome.ok else "error")
    return redirect(url_for(".panel", year=indicator.year_ref.year, indicator_id=indicator.id))


def _locked(indicator: Indicator, quarter: int):
    """An approved quarter keeps its evidence as the verifier saw it: the refusal is shown in
    the quarter's card (200 for htmx, which does not swap error answers)."""
    return _answer(indicator, quarter, [Outcome("", False, LOCKED_MESSAGE)],
                   200 if is_htmx() else 409)


@bp.route("/<int:year>/indikator/<int:indicator_id>/bukti")
def panel(year: int, indicator_id: int):
    """The evidence of TW I..IV; the fragment alone when htmx asks (the indicator page loads it
    lazily). Anonymous visitors see it only when the office made evidence lists public."""
    indicator = indicator_of_year(year, indicator_id)
    if not (current_user.is_authenticated or service.is_public()):
        if is_htmx():
            return render_template("evidence/_login_needed.html")
        return login_manager.unauthorized()
    return render("evidence/index.html", "evidence/_panel.html", **_context(indicator))


@bp.route("/<int:year>/indikator/<int:indicator_id>/bukti/<int:quarter>", methods=["POST"])
def upload(year: int, indicator_id: int, quarter: int):
    """Upload one or more files to a quarter; each is accepted or refused on its own."""
    indicator = indicator_of_year(year, indicator_id, quarter)
    refused = refuse_unless_editor(indicator)
    if refused:
        return refused
    if is_locked(indicator.id, quarter):
        return _locked(indicator, quarter)
    files = [f for f in request.files.getlist("berkas") if f.filename]
    if not files:
        return _answer(indicator, quarter, [Outcome("", False, "Pilih berkas yang akan diunggah.")])
    outcomes = []
    for file in files:
        name = storage.clean_name(file.filename)
        try:
            service.save(indicator, quarter, file)
            outcomes.append(Outcome(name, True, "berhasil diunggah"))
        except storage.Refused as refused:
            outcomes.append(Outcome(name, False, str(refused)))
        except (OSError, SQLAlchemyError):
            current_app.logger.exception("evidence upload failed: %s", name)
            outcomes.append(Outcome(name, False, SAVE_FAILED))
    return _answer(indicator, quarter, outcomes)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge):
    """A request above MAX_CONTENT_LENGTH is cut by Werkzeug before any view runs; answer an
    upload with the limit next to its form instead of a bare 413."""
    args = request.view_args or {}
    if request.endpoint != "evidence.upload" or not current_user.is_authenticated:
        return errors._http_error(error)  # the app's usual error page
    try:  # an abort() raised inside an error handler would become a 500
        indicator = indicator_of_year(args["year"], args["indicator_id"], args["quarter"])
        quarter = args["quarter"]
        if not can_edit_indicator(current_user, indicator):
            raise Forbidden()
    except HTTPException as refused:
        return errors._http_error(refused)
    if (request.content_length or 0) <= (current_app.config.get("MAX_CONTENT_LENGTH") or 0):
        # The body is within the limit: what overflowed is a text field of the form
        # (MAX_FORM_MEMORY_SIZE) or the number of parts, not a file.
        message = FORM_TOO_LARGE
    else:
        message = (f"Unggahan terlalu besar. Batas per berkas {service.max_mb()} MB; unggah "
                   "berkas besar satu per satu.")
    return _answer(indicator, quarter, [Outcome("", False, message)],
                   200 if is_htmx() else 413)


@bp.route("/bukti/<int:evidence_id>/hapus", methods=["POST"])
def delete(evidence_id: int):
    """Delete one file (the page asks for confirmation first); recorded in the change log."""
    if not current_user.is_authenticated:
        return login_needed()
    evidence = scoped_or_404(Evidence, evidence_id)
    indicator = db.session.get(Indicator, evidence.indicator_id)
    refused = refuse_unless_editor(indicator)
    if refused:
        return refused
    lock_cell(db.session, indicator.id, evidence.quarter)  # lock check and delete together
    if is_locked(indicator.id, evidence.quarter):
        return _locked(indicator, evidence.quarter)
    name, quarter = evidence.original_name, evidence.quarter
    service.delete(evidence)
    return _answer(indicator, quarter, [Outcome(name, True, "dihapus")])


def _send(evidence: Evidence, inline: bool):
    path = service.path_of(evidence)
    if not path.is_file():
        current_app.logger.error("evidence file missing: %s", path)
        abort(404)
    response = send_file(path, mimetype=evidence.content_type, as_attachment=not inline,
                         download_name=storage.download_name(evidence.original_name),
                         conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.cache_control.private = True
    return response


@bp.route("/bukti/<int:evidence_id>/unduh")
@reader_required
def download(evidence_id: int):
    """The original file under its original name, always as an attachment."""
    return _send(scoped_or_404(Evidence, evidence_id), inline=False)


@bp.route("/bukti/<int:evidence_id>/pratinjau")
@reader_required
def preview(evidence_id: int):
    """PDFs and images inline for the in-page preview; anything else as an attachment."""
    evidence = scoped_or_404(Evidence, evidence_id)
    return _send(evidence, inline=evidence.content_type in storage.PREVIEWABLE)


@bp.route("/pengaturan/bukti", methods=["GET", "POST"])
@install_admin_required
def settings_page():
    """Office settings: whether anonymous visitors see evidence lists, and the size limit."""
    form = EvidenceSettingsForm()
    if request.method == "GET":
        form.public.data = service.is_public()
        form.max_mb.data = service.max_mb()
    if form.validate_on_submit():
        begin_write(db.session())
        for key, new in (("evidence_public", "1" if form.public.data else "0"),
                         ("evidence_max_mb", str(form.max_mb.data))):
            old = settings.get(key)
            if old != new:
                log_change("setting", key, old, new)
                settings.put(key, new)
        db.session.commit()
        flash("Pengaturan bukti dukung disimpan.", "success")
        return redirect(url_for(".settings_page"))
    return render_template("evidence/settings.html", form=form)
