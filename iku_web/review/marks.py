"""The review state of each realisasi cell as a small mark with a text alternative.

Read once per request for the whole year (one query), like the locks. An approved cell shows
the lock of table.py; the mark adds the word for screen readers only.
"""
import sqlalchemy as sa
from flask import g

from ..extensions import db
from ..models import Indicator, Review


def _mark(status: str, icon: str, title: str, word: str) -> str:
    return (f' <span class="rl-review" data-status="{status}" title="{title}">'
            f'<span aria-hidden="true">{icon}</span><span class="visually-hidden">{word}'
            '</span></span>')


MARKS = {
    "draft": _mark("draft", "&#9675;", "Draf: belum diajukan untuk verifikasi", "draf"),
    "submitted": _mark("submitted", "&#9203;", "Diajukan, menunggu verifikasi", "diajukan"),
    "returned": _mark("returned", "&#8617;", "Dikembalikan verifikator", "dikembalikan"),
    "approved": (' <span class="rl-review" data-status="approved" title="Disetujui verifikator">'
                 '<span class="visually-hidden">disetujui</span></span>'),
}


def year_statuses(year_id: int) -> dict[tuple[int, int], str]:
    """(indicator id, quarter) -> review status of every reviewed cell of a year, per request."""
    cache = g.setdefault("review_statuses", {})
    if year_id not in cache:
        cache[year_id] = {(iid, q): status for iid, q, status in db.session.execute(
            sa.select(Review.indicator_id, Review.quarter, Review.status).join(Indicator)
            .where(Indicator.year_id == year_id)).tuples()}
        # The approved ones are the year's locks: saves review.service.year_locks its query.
        g.setdefault("review_locked", {}).setdefault(year_id, {
            key for key, status in cache[year_id].items() if status == "approved"})
    return cache[year_id]


def mark(statuses: dict, iid: int, quarter: int, filled: bool) -> str:
    """The mark of one cell: its review status, "draft" for a filled cell never submitted,
    nothing for an empty one."""
    status = statuses.get((iid, quarter))
    if status is None or status == "draft":
        return MARKS["draft"] if filled else ""
    return MARKS.get(status, "")
