"""The LKE page and its autosaving checks (htmx), submission and return."""
from flask import Response, abort, render_template, request, url_for
from flask_login import current_user, login_required

from ..guards import PLAIN, login_needed
from ..htmx import redirect_to
from ..indicators.service import get_year
from ..models import LkeCriterion, LkeSubcomponent
from ..models.lke import FOLLOW_UP
from ..reports.excel import XLSX_MIME
from . import bp, documents, evidence, service, viewmodel
from .scoring import LETTERS, override_error
from .service import Refused

MAX_TEXT = 5000
CHECK_VALUES = {"1": True, "0": False, "": None}


def _page_view(year_obj):
    return viewmodel.build(year_obj, evidence.suggest(year_obj))


def criterion_of(year: int, criterion_id: int):
    """The year and one criterion of its LKE's criteria set, else 404."""
    year_obj = get_year(year)
    criterion = service.in_set(LkeCriterion, criterion_id, service.evaluation_of(year_obj))
    if criterion is None:
        abort(404)
    return year_obj, criterion


def refuse_unless(side: str):
    """None when the current user may write this side, else the answer to give."""
    if not current_user.is_authenticated:
        return login_needed()
    if not service.may_edit(current_user, side):
        return "Anda tidak berhak mengisi penilaian ini.", 403, PLAIN
    return None


@bp.route("/<int:year>/lke")
@login_required
def page(year: int):
    """The LKE, component by sub-component, each criterion with both sides' checks."""
    year_obj = get_year(year)
    vm = _page_view(year_obj)
    return render_template("lke/index.html", year=year_obj, vm=vm, letters=LETTERS,
                           follow_up_statuses=FOLLOW_UP,
                           can_follow_up=service.may_edit(current_user, "mandiri"),
                           can_self=service.may_edit(current_user, "mandiri") and not vm.locked,
                           can_eval=service.may_edit(current_user, "evaluator") and vm.locked)


def _answer(year_obj, state: dict, sub_id: int, refresh: int | None = None):
    """The state beside the field, and out of band the sub-component's, its component's and
    the overall totals (the field being typed in is never swapped)."""
    vm = _page_view(year_obj)
    comp, sub = viewmodel.find_sub(vm, sub_id)
    row = next((r for r in sub.criteria if r.criterion.id == refresh), None)
    return render_template("lke/_saved.html", vm=vm, comp=comp, sub=sub, state=state,
                           refresh_row=row, year=year_obj,
                           can_self=service.may_edit(current_user, "mandiri") and not vm.locked,
                           can_eval=service.may_edit(current_user, "evaluator") and vm.locked)


@bp.route("/<int:year>/lke/kriteria/<int:criterion_id>/mandiri", methods=["POST"],
          endpoint="check_mandiri", defaults={"side": "mandiri"})
@bp.route("/<int:year>/lke/kriteria/<int:criterion_id>/evaluator", methods=["POST"],
          endpoint="check_evaluator", defaults={"side": "evaluator"})
def save_check(year: int, criterion_id: int, side: str):
    """Save what was sent of one criterion's check (met, note, evidence) on one side."""
    refused = refuse_unless(side)
    if refused:
        return refused
    year_obj, criterion = criterion_of(year, criterion_id)
    key = f"{side}-{criterion_id}"
    fields = {}
    if "met" in request.form:
        if request.form["met"] not in CHECK_VALUES:
            return _answer(year_obj, {"key": key, "error": "Pilih Ya, Tidak atau Belum."},
                           criterion.subcomponent_id)
        fields["met"] = CHECK_VALUES[request.form["met"]]
    for name in ("note", "evidence"):
        if name in request.form:
            value = request.form[name].replace("\r\n", "\n").strip()
            if len(value) > MAX_TEXT:
                return _answer(year_obj, {"key": key, "error": f"Teks terlalu panjang (maksimal "
                                          f"{MAX_TEXT} karakter). Belum disimpan."},
                               criterion.subcomponent_id)
            fields[name] = value
    try:
        service.save_check(year_obj, criterion.id, side, fields, current_user)
    except Refused as refusal:
        return str(refusal), 409, PLAIN
    refresh = criterion.id if request.form.get("pakai_saran") else None
    return _answer(year_obj, {"key": key, "message": "Tersimpan"}, criterion.subcomponent_id,
                   refresh)


@bp.route("/<int:year>/lke/sub/<int:sub_id>/mandiri", methods=["POST"],
          endpoint="letter_mandiri", defaults={"side": "mandiri"})
@bp.route("/<int:year>/lke/sub/<int:sub_id>/evaluator", methods=["POST"],
          endpoint="letter_evaluator", defaults={"side": "evaluator"})
def save_letter(year: int, sub_id: int, side: str):
    """Save the letter chosen for a sub-component with its reason (sent together), or the
    evaluator's note on it."""
    refused = refuse_unless(side)
    if refused:
        return refused
    year_obj = get_year(year)
    sub = service.in_set(LkeSubcomponent, sub_id, service.evaluation_of(year_obj))
    if sub is None:
        abort(404)
    key = f"{side}-sub-{sub_id}"
    fields = {}
    if "note" in request.form:
        fields["note"] = request.form["note"].strip()[:MAX_TEXT]
    if "letter" in request.form:
        letter = request.form["letter"]
        reason = (request.form.get("reason") or "").strip()
        if letter:
            vm = _page_view(year_obj)
            score = viewmodel.find_sub(vm, sub_id)[1].scores[side]
            error = override_error(letter, reason, score.met, score.total) \
                if letter != score.suggested else None
            if error:
                return _answer(year_obj, {"key": key, "error": error + " Belum disimpan."},
                               sub_id)
        fields.update(letter=letter or None, reason=reason if letter else "")
    try:
        service.save_letter(year_obj, sub.id, side, fields)
    except Refused as refusal:
        return str(refusal), 409, PLAIN
    return _answer(year_obj, {"key": key, "message": "Tersimpan"}, sub_id)


@bp.route("/<int:year>/lke/ajukan", methods=["POST"])
def submit(year: int):
    """Submit the self-evaluation to the evaluator; it is locked until returned."""
    refused = refuse_unless("mandiri")
    if refused:
        return refused
    try:
        service.submit(get_year(year), current_user)
    except Refused as refusal:
        return str(refusal), 409, PLAIN
    return redirect_to(url_for(".page", year=year))


@bp.route("/<int:year>/lke/kembalikan", methods=["POST"])
def give_back(year: int):
    """The evaluator returns the self-evaluation, with a comment, for changes."""
    refused = refuse_unless("evaluator")
    if refused:
        return refused
    comment = (request.form.get("comment") or "").strip()
    if not comment:
        return render_template("lke/_field_error.html", id="lke-return-error",
                               message="Tuliskan alasan pengembalian.")
    try:
        service.give_back(get_year(year), comment[:MAX_TEXT])
    except Refused as refusal:
        return str(refusal), 409, PLAIN
    return redirect_to(url_for(".page", year=year))


@bp.route("/<int:year>/lke.xlsx")
@login_required
def xlsx(year: int):
    """The worksheet as Excel, from the page's view-model."""
    vm = _page_view(get_year(year))
    return Response(documents.xlsx(vm), mimetype=XLSX_MIME, headers={
        "Content-Disposition": f'attachment; filename="lke-{year}.xlsx"'})


@bp.route("/<int:year>/lke.pdf")
@login_required
def pdf(year: int):
    """The summary for signing, from the page's view-model."""
    vm = _page_view(get_year(year))
    return Response(documents.pdf(vm), mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="lke-{year}.pdf"'})
