"""The evaluator's recommendations and the unit's tindak lanjut of them."""
from datetime import date

from flask import abort, render_template, request, url_for
from flask_login import current_user

from ..guards import PLAIN, login_needed
from ..htmx import redirect_to
from ..indicators.service import get_year
from ..models.lke import FOLLOW_UP
from . import bp, service
from .routes import MAX_TEXT, refuse_unless


@bp.route("/<int:year>/lke/rekomendasi", methods=["POST"])
def add_recommendation(year: int):
    """The evaluator records a recommendation on the submitted evaluation."""
    refused = refuse_unless("evaluator")
    if refused:
        return refused
    text = (request.form.get("text") or "").strip()
    if not text:
        return render_template("lke/_field_error.html", id="lke-rec-error",
                               message="Tuliskan isi rekomendasi.")
    try:
        service.add_recommendation(get_year(year), text[:MAX_TEXT])
    except service.Refused as refusal:
        return str(refusal), 409, PLAIN
    return redirect_to(url_for(".page", year=year) + "#lke-recommendations")


@bp.route("/<int:year>/lke/rekomendasi/<int:rec_id>/tindak-lanjut", methods=["POST"])
def follow_up(year: int, rec_id: int):
    """The unit reports what it did about a recommendation, by when, and its status."""
    if not current_user.is_authenticated:
        return login_needed()
    if not service.may_edit(current_user, "mandiri"):
        return "Anda tidak berhak mengisi tindak lanjut.", 403, PLAIN
    rec = service.recommendation_for(get_year(year), rec_id)
    if rec is None:
        abort(404)
    status = request.form.get("status", "")
    error = None
    due = None
    if status not in FOLLOW_UP:
        error = "Pilih status tindak lanjut."
    elif request.form.get("due"):
        try:
            due = date.fromisoformat(request.form["due"])
        except ValueError:
            error = "Tanggal tidak valid (gunakan pemilih tanggal)."
    if error:
        return render_template("lke/_rec_state.html", rec=rec, error=error)
    service.save_follow_up(rec, (request.form.get("follow_up") or "").strip()[:MAX_TEXT], due,
                           status)
    return render_template("lke/_rec_state.html", rec=rec, error=None)
