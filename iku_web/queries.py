"""Queries shared by several screens and documents."""
import sqlalchemy as sa

from .extensions import db
from .models import Evidence, Indicator


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
