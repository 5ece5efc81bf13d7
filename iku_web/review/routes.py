"""Submitting a quarter for verification, and the verifier's page: approve, return, unlock."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.permissions import verifier_required
from ..domain import QUARTERS
from ..guards import PLAIN, can_edit_indicator, indicator_of_year, refuse_unless_editor
from ..htmx import is_htmx
from ..models import Indicator
from ..scope import get_year
from . import bp, queue, service  # noqa: F401
from .forms import CONFIRM_FIELD, CONFIRM_PARAM, ReviewForm

WAITING, DONE = ("submitted",), ("approved", "returned")


def _flash(outcome: service.Outcome) -> None:
    flash(outcome.message, "success" if outcome.ok else "danger")


def panel_context(indicator: Indicator, outcome=None, quarter: int | None = None) -> dict:
    """What templates/review/_panel.html needs; the indicator page passes the same names
    (confirm_quarter: the quarter whose button is replaced by the "tanpa bukti" question)."""
    return {"indicator": indicator, "year": indicator.year_ref,
            "row": service.quarter_row(indicator, 4),
            "reviews": service.reviews_of(indicator.id),
            "can_edit": can_edit_indicator(current_user, indicator),
            "outcome": outcome, "outcome_quarter": quarter,
            "confirm_quarter": quarter if outcome is not None and outcome.confirm else None}


@bp.route("/<int:year>/indikator/<int:indicator_id>/<int:quarter>/ajukan", methods=["POST"])
def submit(year: int, indicator_id: int, quarter: int):
    """The person in charge submits a filled quarter; a capaian far below target needs a
    kendala first, a quarter without evidence the answer "Ajukan tanpa bukti" (the field
    without_evidence=1) to the question put in place of the button. htmx gets the review panel
    back, a plain post a flash (or the question) and a redirect."""
    indicator = indicator_of_year(year, indicator_id, quarter)
    refused = refuse_unless_editor(indicator)
    if refused:
        return refused
    confirmed = request.form.get(CONFIRM_FIELD) == "1"
    outcome = service.submit(indicator, quarter, current_user, without_evidence=confirmed)
    if is_htmx():
        return render_template("review/_panel.html",
                               **panel_context(indicator, outcome, quarter))
    if outcome.confirm:  # the indicator page puts the question in place of the button
        return redirect(url_for("realisasi.indicator", year=year, indicator_id=indicator.id,
                                **{CONFIRM_PARAM: quarter}, _anchor=f"review-tw-{quarter}"),
                        303)
    _flash(outcome)
    return redirect(url_for("realisasi.indicator", year=year, indicator_id=indicator.id))


@bp.route("/<int:year>/verifikasi")
@verifier_required
def index(year: int):
    """Entries waiting for verification per quarter, then those already decided."""
    year_obj = get_year(year)
    quarter = request.args.get("triwulan", type=int)
    quarter = quarter if quarter in QUARTERS else None
    waiting = queue.items(year_obj, WAITING, quarter)
    by_quarter = {q: [i for i in waiting if i.quarter == q] for q in QUARTERS}
    return render_template(
        "review/index.html", year=year_obj, quarter=quarter, waiting=waiting,
        by_quarter={q: items for q, items in by_quarter.items() if items},
        decided=queue.items(year_obj, DONE, quarter), form=ReviewForm())


@bp.route("/<int:year>/verifikasi/<int:indicator_id>/<int:quarter>/"
          "<any(setujui, kembalikan, 'buka-kunci'):action>", methods=["POST"])
@verifier_required
def decide(year: int, indicator_id: int, quarter: int, action: str):
    """Approve (and lock), return with a comment, or unlock with a reason. htmx gets the
    entry's card back with the outcome; a plain post a flash and the verification page."""
    indicator = indicator_of_year(year, indicator_id, quarter)
    form = ReviewForm()
    if not form.validate():
        outcome = service.Outcome(False, "; ".join(form.comment.errors or ["Isian tidak valid."]))
    elif action == "setujui":
        outcome = service.approve(indicator, quarter, form.version.data, form.text,
                                  current_user)
    elif action == "kembalikan":
        outcome = service.return_entry(indicator, quarter, form.text, current_user)
    else:
        outcome = service.unlock(indicator, quarter, form.text, current_user)
    if not is_htmx():
        _flash(outcome)
        return redirect(url_for(".index", year=year))
    review = service.get_review(indicator.id, quarter)
    if review is None:  # nothing was ever submitted: there is no card to show
        return outcome.message, 409, PLAIN
    if not outcome.ok:  # keep what the verifier typed, so a refused return is not retyped
        form.comment.data = form.text
    else:
        form = ReviewForm(formdata=None)
    return render_template("review/_entry.html", item=queue.one(indicator, review),
                           outcome=outcome, form=form)
