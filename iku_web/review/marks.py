"""The review state of each realisasi cell as a small mark with a text alternative.

Read once per request for the whole year (one query), like the locks. An approved cell shows
the lock of table.py; the mark adds the word for screen readers only.
"""
import sqlalchemy as sa
from flask import g
from markupsafe import Markup

from ..extensions import db
from ..icons import LOCK
from ..models import Indicator, Review


def _mark(status: str, icon: str, title: str, word: str) -> str:
    # One element: role="img" with aria-label is the text alternative of the icon.
    return (f' <span class="rl-review" data-status="{status}" role="img" aria-label="{word}" '
            f'title="{title}">{icon}</span>')


# status -> (icon, title): the same words in the cell's tooltip and in the page's legend.
SIGNS = {"draft": ("&#9675;", "Draf: belum diajukan untuk verifikasi"),
         "submitted": ("&#9680;", "Diajukan, menunggu verifikasi"),
         "returned": ("&#8617;", "Dikembalikan verifikator")}
# The visible key under the realisasi table: a sighted user must not need the tooltip.
LEGEND = tuple((Markup(icon), title) for icon, title in SIGNS.values()) + (
    (LOCK, "Disetujui dan dikunci verifikator"),)
DRAFT = _mark("draft", *SIGNS["draft"], "draf")
MARKS = {
    "draft": DRAFT,
    "submitted": _mark("submitted", *SIGNS["submitted"], "diajukan"),
    "returned": _mark("returned", *SIGNS["returned"], "dikembalikan"),
    # the lock beside the value is the visible sign; the word is for screen readers
    "approved": (' <span class="rl-review visually-hidden" data-status="approved" role="img" '
                 'aria-label="disetujui"></span>'),
}


def year_statuses(year_id: int) -> dict[tuple[int, int], str]:
    """(indicator id, quarter) -> review status of every reviewed cell of a year, per request."""
    cache = g.setdefault("review_statuses", {})
    if year_id not in cache:
        cache[year_id] = {(iid, q): status for iid, q, status in db.session.execute(
            sa.select(Review.indicator_id, Review.quarter, Review.status).join(Indicator)
            .where(Indicator.year_id == year_id)).tuples()}
        # The approved ones are the year's locks: saves queries.year_locks its query.
        g.setdefault("review_locked", {}).setdefault(year_id, {
            key for key, status in cache[year_id].items() if status == "approved"})
    return cache[year_id]


def year_marks(year_id: int) -> dict[tuple[int, int], str]:
    """(indicator id, quarter) -> the mark of every cell under review (not draft). A cell not
    in it shows DRAFT when filled and nothing when empty; table.py does that inline (800
    function calls on a 200-indicator table were measurable)."""
    cache = g.setdefault("review_marks", {})
    if year_id not in cache:
        cache[year_id] = {key: MARKS[status] for key, status in year_statuses(year_id).items()
                          if status != "draft" and status in MARKS}
    return cache[year_id]
