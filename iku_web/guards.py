"""The checks every view that reads or changes one indicator's quarter goes through.

One place for: the indicator of a year (else 404), who may edit it, whether a quarter is locked
by an approval, and what an anonymous user gets when they try to change something.
"""
import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from .access import can, current_unit
from .domain import QUARTERS
from .extensions import db, login_manager
from .htmx import is_htmx, redirect_to
from .models import Indicator, Review, Year

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}
LOGIN_MESSAGE = "Silakan masuk terlebih dahulu untuk menyimpan perubahan."
LOCKED_MESSAGE = "Triwulan ini sudah disetujui dan dikunci oleh verifikator."


def indicator_of_year(year: int, indicator_id: int, quarter: int | None = None) -> Indicator:
    """The indicator if it belongs to that year of the current unit (one query) and the
    quarter exists, else 404."""
    if quarter is not None and quarter not in QUARTERS:
        abort(404)
    return db.first_or_404(sa.select(Indicator).join(Year).where(
        Indicator.id == indicator_id, Year.year == year, Year.unit_id == current_unit().id))


def login_needed(message: str = LOGIN_MESSAGE):
    """The one answer to an anonymous user who needs to log in.

    An htmx write gets a plain-text 401: a redirect would be followed silently by the XHR (or
    swap the login form into the fragment's target) and the user would never see why nothing was
    saved; the app's htmx error handlers show text/plain answers beside the input or in the page
    alert. An htmx page load is sent to the login page as a whole page; a plain request gets the
    usual login redirect. The API answers 401 in JSON (docs/api.md).
    """
    from .api import answers

    if answers.is_api_request():
        return answers.unauthorized()
    if is_htmx():
        if request.method != "GET":
            return message, 401, PLAIN
        return redirect_to(url_for("auth.login"))
    return login_manager.unauthorized()


def can_edit_indicator(user, indicator) -> bool:
    """Realisasi, narrative and evidence of an indicator: those who may edit in its unit for
    every indicator, those who may edit what is assigned to them for their own."""
    unit = indicator.year_ref.unit
    return can(user, "edit", unit) or (
        indicator.pic_user_id == getattr(user, "id", None) and can(user, "edit_assigned", unit))


def editable_by_current_user():
    """can_edit_indicator for the current user in the current unit, decided once per request:
    asking the policy per row is slow."""
    user = current_user._get_current_object()
    unit = current_unit()
    if can(user, "edit", unit):
        return lambda indicator: True
    assigned = can(user, "edit_assigned", unit)
    return lambda indicator: assigned and indicator.pic_user_id == user.id


def refuse_unless_editor(indicator: Indicator, message: str = LOGIN_MESSAGE):
    """An error response for users who may not edit this indicator (login or 403), else None."""
    if not current_user.is_authenticated:
        return login_needed(message)
    if not can_edit_indicator(current_user, indicator):
        abort(403)
    return None


def is_locked(indicator_id: int, quarter: int) -> bool:
    """True when the quarter was approved: realisasi, narrative and evidence are read-only."""
    return db.session.scalar(sa.select(sa.func.count(Review.id)).where(
        Review.indicator_id == indicator_id, Review.quarter == quarter,
        Review.status == "approved")) > 0


def refuse_if_locked(indicator: Indicator, quarter: int):
    """An error response when the quarter is approved and locked, else None.

    htmx gets a plain-text 409: the app's error handlers show text/plain answers next to the
    input (realisasi) or in the page alert (narrative). A plain form post gets the message as a
    flash on the indicator page.
    """
    if not is_locked(indicator.id, quarter):
        return None
    if is_htmx():
        return f"{LOCKED_MESSAGE} Perubahan tidak disimpan.", 409, PLAIN
    flash(LOCKED_MESSAGE, "danger")
    return redirect(url_for("realisasi.indicator", year=indicator.year_ref.year,
                            indicator_id=indicator.id))
