"""Queries shared by several screens and documents."""
import sqlalchemy as sa

from .extensions import db
from .models import Evidence, Indicator


def evidence_counts(year_id: int) -> dict[tuple[int, int], int]:
    """Number of evidence files per (indicator id, quarter) of a year, in one query."""
    rows = db.session.execute(
        sa.select(Evidence.indicator_id, Evidence.quarter, sa.func.count(Evidence.id))
        .join(Indicator, Indicator.id == Evidence.indicator_id)
        .where(Indicator.year_id == year_id)
        .group_by(Evidence.indicator_id, Evidence.quarter)
    )
    return {(ind, q): n for ind, q, n in rows}
