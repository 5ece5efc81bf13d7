"""Queries shared by several screens and documents."""
import sqlalchemy as sa
from flask import g

from .domain import QUARTERS
from .extensions import db
from .models import Evidence, Indicator, Realisasi, Review


def evidence_counts(year_id: int, indicator_id: int | None = None) -> dict[tuple[int, int], int]:
    """Number of evidence files per (indicator id, quarter) of a year (or of one indicator of
    it), in one query."""
    query = (sa.select(Evidence.indicator_id, Evidence.quarter, sa.func.count(Evidence.id))
             .join(Indicator, Indicator.id == Evidence.indicator_id)
             .where(Indicator.year_id == year_id)
             .group_by(Evidence.indicator_id, Evidence.quarter))
    if indicator_id is not None:
        query = query.where(Evidence.indicator_id == indicator_id)
    return {(ind, q): n for ind, q, n in db.session.execute(query)}


def realisasi_rows(indicator_ids) -> dict[int, dict[int, Realisasi]]:
    """The stored realisasi of these indicators in one query, as rows of columns (no ORM
    objects): {indicator id: {quarter: row}}; no query without ids."""
    entries: dict[int, dict[int, Realisasi]] = {}
    if indicator_ids:
        for entry in db.session.execute(sa.select(Realisasi.__table__).where(
                Realisasi.indicator_id.in_(indicator_ids))):
            entries.setdefault(entry.indicator_id, {})[entry.quarter] = entry
    return entries


def approved_quarters(year_id: int, indicator_id: int | None = None) -> dict[int, set[int]]:
    """The quarters a verifier approved, per indicator of a year (or of one indicator of it),
    in one query: {indicator id: {quarter, ...}}."""
    query = (sa.select(Review.indicator_id, Review.quarter).join(Indicator)
             .where(Indicator.year_id == year_id, Review.status == "approved"))
    if indicator_id is not None:
        query = query.where(Review.indicator_id == indicator_id)
    approved: dict[int, set[int]] = {}
    for iid, quarter in db.session.execute(query):
        approved.setdefault(iid, set()).add(quarter)
    return approved


def year_approved(year_id: int) -> set[tuple[int, int]]:
    """Every approved (indicator id, quarter) of a year, once per request: the cache that
    year_locks reads, filled by the query review.marks.year_statuses would make
    (so a page that shows both the numbers and the review marks asks once)."""
    locked = g.setdefault("review_locked", {})
    if year_id in locked:
        return locked[year_id]
    statuses = g.setdefault("review_statuses", {})
    if year_id not in statuses:
        statuses[year_id] = {(iid, q): status for iid, q, status in db.session.execute(
            sa.select(Review.indicator_id, Review.quarter, Review.status).join(Indicator)
            .where(Indicator.year_id == year_id)).tuples()}
        locked[year_id] = {key for key, status in statuses[year_id].items()
                           if status == "approved"}
    else:  # the statuses were read before a decision of this request: ask again
        locked[year_id] = set(db.session.execute(
            sa.select(Review.indicator_id, Review.quarter).join(Indicator)
            .where(Indicator.year_id == year_id, Review.status == "approved")).tuples())
    return locked[year_id]


def locked_quarters(year_id: int) -> set[tuple[int, int]]:
    """Every approved (indicator id, quarter) of a year, in one query (the realisasi table)."""
    return set(db.session.execute(
        sa.select(Review.indicator_id, Review.quarter).join(Indicator)
        .where(Indicator.year_id == year_id, Review.status == "approved")).tuples())


def year_locks(year_id: int) -> set[tuple[int, int]]:
    """locked_quarters of a year, loaded once per request and reused, so a 200-indicator table
    costs one query, not 800."""
    cache = g.setdefault("review_locked", {})
    if year_id not in cache:
        cache[year_id] = locked_quarters(year_id)
    return cache[year_id]


def locked_quarters_of(indicator: Indicator) -> set[int]:
    """The locked quarters of one indicator, from the year's locks of this request
    (year_locks); views pass it to their templates."""
    locks = year_locks(indicator.year_id)
    return {quarter for quarter in QUARTERS if (indicator.id, quarter) in locks}
