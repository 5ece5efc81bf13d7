"""The lock guard used by every view that changes a quarter (realisasi, narrative, evidence).

Kept free of imports from those blueprints, so each of them can import it without a cycle.
"""
from flask import flash, redirect, url_for

from ..htmx import is_htmx
from ..models import Indicator
from . import bp
from .service import LOCKED_MESSAGE, is_locked, quarter_locked, reviews_of

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}


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


bp.add_app_template_global(quarter_locked, "quarter_locked")
bp.add_app_template_global(reviews_of, "reviews_of")
