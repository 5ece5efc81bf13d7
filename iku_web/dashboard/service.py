"""The dashboard of a year: the measurement view-model (the very rows of the realisasi screen
and the Pengukuran report) plus what leaders look at: the trend over TW I-IV, the reporting
progress per quarter and the capaian of earlier years. A constant number of queries."""
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from .. import measurement, settings
from ..capaian import Result
from ..extensions import db
from ..formatting import roman
from ..models import Indicator, Review, Year
from ..queries import evidence_counts
from . import charts, history, memo

QUARTERS = measurement.QUARTERS


@dataclass(frozen=True)
class Bar:
    """One indicator on the dashboard."""

    row: measurement.Row
    trend: tuple[Result | None, ...]  # capaian to date at the end of TW I..IV; None: not filled
    history: tuple[tuple[int, str], ...]  # (earlier year, its capaian text), oldest first
    text: str  # the capaian to date as the realisasi screen writes it
    trend_texts: tuple[str, ...]  # each point of the trend as text ("-" when not filled)

    @property
    def trend_text(self) -> str:
        """The trend in words, for the text alternative of the sparkline."""
        return ", ".join(f"TW {roman(q)} " + (text if text != "-" else "belum diisi")
                         for q, text in enumerate(self.trend_texts, start=1))

    @property
    def percent(self) -> Decimal | None:
        """None while the value is in doubt: the bar then shows the marked text instead."""
        return None if self.row.doubt else self.row.to_date.percent


@dataclass(frozen=True)
class QuarterProgress:
    quarter: int
    total: int
    filled: int
    with_evidence: int
    approved: int


@dataclass(frozen=True)
class Dashboard:
    year: Year
    quarter: int  # capaian to date as it stood at the end of this quarter
    measurement: measurement.Measurement
    bars: tuple[Bar, ...]
    progress: tuple[QuarterProgress, ...]
    scale: int  # the percent at the right end of every bar
    history_years: tuple[int, ...]

    @property
    def summary(self) -> measurement.Summary:
        return self.measurement.summary


def latest_quarter(year_id: int) -> int | None:
    """The latest quarter of the year in which any indicator has a realisasi."""
    from ..models import Realisasi

    return db.session.scalar(
        sa.select(sa.func.max(Realisasi.quarter)).join(Indicator)
        .where(Indicator.year_id == year_id,
               sa.or_(Realisasi.value.is_not(None), Realisasi.grade.is_not(None))))


def approved_counts(year_id: int) -> dict[int, int]:
    """Approved (locked) entries per quarter of a year, in one query."""
    query = (sa.select(Review.quarter, sa.func.count(Review.id)).join(Indicator)
             .where(Indicator.year_id == year_id, Review.status == "approved")
             .group_by(Review.quarter))
    return dict(db.session.execute(query).tuples().all())


def scale_for(percents) -> int:
    """120% at least, else the largest capaian rounded up to 20, at most 200 (an outlier of
    900% would flatten every other bar; its label still says 900%)."""
    top = max((p for p in percents if p is not None and p.is_finite()), default=Decimal(0))
    steps = int((top + 19) // 20)
    return min(max(120, steps * 20), 200)


def build(year: Year, quarter: int | None = None, rolled_up: int | None = None,
          computed: dict | None = None) -> Dashboard:
    """rolled_up: the latest quarter a computed indicator has a figure for (a province whose
    indicators are all computed types no realisasi of its own). computed: the roll-up of the
    year's indicators, when the caller has it (measurement.build)."""
    if quarter is None:
        quarter = max((q for q in (latest_quarter(year.id), rolled_up) if q), default=4)
    cap, categories = settings.capaian_cap(), settings.categories()
    result = measurement.build(year, upto=quarter, computed=computed)
    earlier = history.earlier_capaian(year, (row.indicator for row in result.rows), cap,
                                      categories)
    evidence = evidence_counts(year.id)
    approved = approved_counts(year.id)
    bars = []
    for row in result.rows:
        trend = memo.trend(row, cap, categories)
        bars.append(Bar(row, trend, earlier.get(row.indicator.id, ()), row.to_date_text,
                        tuple(charts.point_text(point) for point in trend)))
    bars = tuple(bars)
    total = len(result.rows)
    progress = tuple(
        QuarterProgress(
            q, total,
            sum(1 for row in result.rows if row.quarters[q - 1].filled),
            sum(1 for row in result.rows if row.quarters[q - 1].filled
                and evidence.get((row.indicator.id, q), 0)),
            approved.get(q, 0))
        for q in QUARTERS)
    history_years = tuple(sorted({y for bar in bars for y, _ in bar.history}))
    return Dashboard(year, quarter, result, bars, progress,
                     scale_for(bar.percent for bar in bars), history_years)
