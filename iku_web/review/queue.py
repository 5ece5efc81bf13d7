"""The view-model of the review screens: one item per indicator and quarter under review."""
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from .. import measurement, settings
from ..extensions import db
from ..models import Indicator, Realisasi, Review, Year
from ..queries import evidence_counts
from .service import quarter_row


@dataclass(frozen=True)
class Item:
    review: Review
    row: measurement.Row  # as of the end of the quarter

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def quarter(self) -> int:
        return self.review.quarter

    @property
    def cell(self) -> measurement.QuarterCell:
        return self.row.quarters[self.quarter - 1]

    @property
    def version(self) -> int:
        return self.cell.entry.version if self.cell.entry else 0

    @property
    def edited_after_submit(self) -> bool:
        """Edited after it was submitted: the verifier should know it is not what was sent."""
        entry, submitted = self.cell.entry, self.review.submitted_at
        return bool(entry and entry.updated_at and submitted and entry.updated_at > submitted)


def items(year: Year, statuses: tuple[str, ...], quarter: int | None = None) -> list[Item]:
    """Reviews of the year in the given statuses, in register order, in a constant number of
    queries (reviews, realisasi, evidence counts, settings)."""
    query = (sa.select(Review).join(Indicator)
             .options(joinedload(Review.indicator), joinedload(Review.submitted_by),
                      joinedload(Review.reviewed_by))
             .where(Indicator.year_id == year.id, Review.status.in_(statuses))
             .order_by(Review.quarter, Indicator.position))
    if quarter:
        query = query.where(Review.quarter == quarter)
    reviews = list(db.session.scalars(query))
    entries: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    if reviews:
        ids = {r.indicator_id for r in reviews}
        for entry in db.session.scalars(sa.select(Realisasi).where(
                Realisasi.indicator_id.in_(ids))):
            entries[entry.indicator_id][entry.quarter] = entry
    evidence = evidence_counts(year.id)
    cap, limit = settings.measurement_settings()
    scale = (cap, settings.categories(), limit)
    return [Item(r, quarter_row(r.indicator, r.quarter, entries[r.indicator_id], evidence, scale))
            for r in reviews]


def one(indicator: Indicator, review: Review) -> Item:
    """The item of a single review, after an action on it."""
    return Item(review, quarter_row(indicator, review.quarter))
