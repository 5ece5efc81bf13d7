"""Files attached as evidence to a criterion's answer: upload, download, delete. Writing needs
the same right and evaluation state as editing that side's answer (routes.refuse_unless,
service.open_for_write); reading needs a login in the unit, like the page."""
from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import RequestEntityTooLarge

from .. import errors
from ..evidence import service as evidence_service
from ..evidence import storage
from ..htmx import is_htmx
from ..indicators.service import get_year
from . import bp, files, service, viewmodel
from .routes import criterion_of, refuse_unless
from .service import Refused

SAVE_FAILED = "Berkas gagal disimpan karena kesalahan server. Coba lagi."
UPLOADS = ("lke.file_upload_mandiri", "lke.file_upload_evaluator")


def _row(year_obj, criterion_id: int) -> tuple[viewmodel.CriterionRow, viewmodel.LkeView]:
    vm = viewmodel.build(year_obj)
    for sub in vm.subs():
        for row in sub.criteria:
            if row.criterion.id == criterion_id:
                return row, vm
    abort(404)


def _answer(year_obj, criterion_id: int, side: str, message: str, ok: bool,
            status: int = 200):
    """The answer's file list with the message beside it (htmx), or a flash and the page."""
    if not is_htmx():
        flash(message, "success" if ok else "error")
        if status != 200:
            return message, status, {"Content-Type": "text/plain; charset=utf-8"}
        return redirect(url_for(".page", year=year_obj.year) + f"#lke-files-{side}-{criterion_id}")
    row, vm = _row(year_obj, criterion_id)
    editable = service.may_edit(current_user, side) and (
        not vm.locked if side == "mandiri" else vm.locked)
    return render_template("lke/_files.html", row=row, side=side, editable=editable,
                           year=year_obj, outcome={"ok": ok, "message": message})


# One endpoint per side, as for the checks: the unit's side and the evaluator's are different
# rights (tests/test_permissions.py).
@bp.route("/<int:year>/lke/kriteria/<int:criterion_id>/mandiri/berkas", methods=["POST"],
          endpoint="file_upload_mandiri", defaults={"side": "mandiri"})
@bp.route("/<int:year>/lke/kriteria/<int:criterion_id>/evaluator/berkas", methods=["POST"],
          endpoint="file_upload_evaluator", defaults={"side": "evaluator"})
def file_upload(year: int, criterion_id: int, side: str):
    """Attach one or more files to a criterion's answer on one side."""
    refused = refuse_unless(side)
    if refused:
        return refused
    year_obj, criterion = criterion_of(year, criterion_id)
    uploads = [f for f in request.files.getlist("berkas") if f.filename]
    if not uploads:
        return _answer(year_obj, criterion.id, side, "Pilih berkas yang akan dilampirkan.", False)
    messages, ok = [], True
    for upload in uploads:
        name = storage.clean_name(upload.filename)
        try:
            files.save(year_obj, criterion.id, side, upload, current_user)
            messages.append(f"{name}: berhasil dilampirkan.")
        except Refused as refusal:
            return _answer(year_obj, criterion.id, side, str(refusal), False,
                           200 if is_htmx() else 409)
        except storage.Refused as refusal:
            ok = False
            messages.append(f"{name}: {refusal}.")
        except (OSError, SQLAlchemyError):
            current_app.logger.exception("LKE file upload failed: %s", name)
            ok = False
            messages.append(f"{name}: {SAVE_FAILED}")
    return _answer(year_obj, criterion.id, side, " ".join(messages), ok)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge):
    """An upload above MAX_CONTENT_LENGTH, cut before the view runs: the limit beside the form
    (the app's error page for anything else)."""
    args = request.view_args or {}
    if request.endpoint not in UPLOADS or refuse_unless(args["side"]):
        return errors._http_error(error)
    message = (f"Unggahan terlalu besar. Batas per berkas {evidence_service.max_mb()} MB; "
               "unggah berkas besar satu per satu.")
    return _answer(get_year(args["year"]), args["criterion_id"], args["side"], message, False,
                   200 if is_htmx() else 413)


@bp.route("/<int:year>/lke/berkas/<int:file_id>/unduh")
@login_required
def file_download(year: int, file_id: int):
    """The original file under its original name, always as an attachment."""
    row = files.of_year(get_year(year), file_id)
    if row is None:
        abort(404)
    path = files.path_of(row)
    if not path.is_file():
        current_app.logger.error("LKE file missing: %s", path)
        abort(404)
    response = send_file(path, mimetype=row.content_type, as_attachment=True,
                         download_name=storage.download_name(row.original_name),
                         conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.cache_control.private = True
    return response


@bp.route("/<int:year>/lke/berkas/<int:file_id>/mandiri/hapus", methods=["POST"],
          endpoint="file_delete_mandiri", defaults={"side": "mandiri"})
@bp.route("/<int:year>/lke/berkas/<int:file_id>/evaluator/hapus", methods=["POST"],
          endpoint="file_delete_evaluator", defaults={"side": "evaluator"})
def file_delete(year: int, file_id: int, side: str):
    """Delete one attached file of that side (the page asks first, naming the file and the
    criterion)."""
    refused = refuse_unless(side)
    if refused:
        return refused
    year_obj = get_year(year)
    row = files.of_year(year_obj, file_id)
    if row is None or row.side != side:
        abort(404)
    name, criterion_id = row.original_name, row.criterion_id
    try:
        files.delete(year_obj, row)
    except Refused as refusal:
        return _answer(year_obj, criterion_id, side, str(refusal), False,
                       200 if is_htmx() else 409)
    return _answer(year_obj, criterion_id, side, f"{name}: dihapus.", True)
