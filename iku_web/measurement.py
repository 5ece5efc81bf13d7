"""The measurement of a year: one view-model for the realisasi screen, the Pengukuran Kinerja
PDF and the Excel export, so that paper and screen can never show different numbers."""
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from . import capaian, settings
from .extensions import db
from .formatting import format_number, format_percent
from .models import Indicator, Realisasi, Year
from .presenters import quarter_target_label, target_label, value_with_unit
from .queries import evidence_counts

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class QuarterCell:
    quarter: int
    entry: Realisasi | None
    value: Decimal | str | None  # number or grade; None means not filled (never 0)
    text: str  # "85,5%", "B", "" ; numerator/denominator appended when given
    target_text: str
    evidence: int

    @property
    def filled(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Row:
    number: int
    indicator: Indicator
    target_text: str
    quarters: tuple[QuarterCell, ...]
    progress: capaian.Progress
    realisasi_text: str
    to_date: capaian.Result  # percent already capped by the office setting
    full_year: capaian.Result
    category: capaian.Category | None

    @property
    def to_date_text(self) -> str:
        return result_text(self.to_date)

    @property
    def full_year_text(self) -> str:
        return result_text(self.full_year)

    @property
    def evidence_total(self) -> int:
        return sum(cell.evidence for cell in self.quarters)


@dataclass(frozen=True)
class Summary:
    indicators: int
    average: Decimal | None  # mean capaian to date over indicators that have one
    categories: tuple[tuple[capaian.Category, int], ...]
    without_capaian: int
    filled: tuple[int, ...]  # filled indicators per quarter, TW I..IV

    @property
    def average_text(self) -> str:
        return format_percent(capaian.round_percent(self.average)) if self.average is not None \
            else "-"


@dataclass(frozen=True)
class Measurement:
    year: Year
    upto: int  # last quarter taken into account (4 = whole year)
    rows: tuple[Row, ...]
    summary: Summary


def result_text(result: capaian.Result) -> str:
    """"93,75%" when computable; otherwise the engine's Indonesian message."""
    if result.status == "ok" and result.percent is not None:
        return format_percent(capaian.round_percent(result.percent))
    return result.message


def target_of(indicator: Indicator) -> capaian.Target:
    if not indicator.has_target:
        return capaian.Target("none")
    return capaian.Target(indicator.target_kind, indicator.target_value,
                          indicator.target_upper, indicator.target_grade)


def entry_value(indicator: Indicator, entry: Realisasi | None) -> Decimal | str | None:
    if entry is None:
        return None
    return entry.grade if indicator.target_kind == "grade" else entry.value


def value_text(indicator: Indicator, value: Decimal | str | None) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    kind = "percent" if indicator.target_kind == "percent" or indicator.target_unit == "%" \
        else "number"
    return value_with_unit(value, kind, indicator.target_unit)


def _cell(indicator: Indicator, quarter: int, entry: Realisasi | None, evidence: int):
    value = entry_value(indicator, entry)
    text = value_text(indicator, value)
    if value is not None and entry.numerator is not None and entry.denominator is not None:
        text += f" ({format_number(entry.numerator)}/{format_number(entry.denominator)})"
    return QuarterCell(quarter, entry, value, text, quarter_target_label(indicator, quarter),
                       evidence)


def _capped(result: capaian.Result, cap: int | None) -> capaian.Result:
    if result.percent is None or cap is None:
        return result
    return capaian.Result(result.status, capaian.apply_cap(result.percent, cap), result.message)


def build_row(number: int, indicator: Indicator, entries: dict[int, Realisasi],
              evidence: dict[tuple[int, int], int], upto: int = 4,
              cap: int | None = None, categories=capaian.DEFAULT_CATEGORIES) -> Row:
    cells = tuple(_cell(indicator, q, entries.get(q), evidence.get((indicator.id, q), 0))
                  for q in QUARTERS)
    values = [cell.value if cell.quarter <= upto else None for cell in cells]
    progress = capaian.progress(target_of(indicator), values, indicator.quarter_targets,
                                indicator.polarity, indicator.aggregation)
    to_date = _capped(progress.to_date, cap)
    return Row(
        number=number, indicator=indicator, target_text=target_label(indicator), quarters=cells,
        progress=progress, realisasi_text=value_text(indicator, progress.realisasi),
        to_date=to_date, full_year=_capped(progress.full_year, cap),
        category=capaian.categorize(to_date.percent, categories),
    )


def summarize(rows, categories) -> Summary:
    percents = [row.to_date.percent for row in rows if row.to_date.percent is not None]
    counts = Counter(row.category.label for row in rows if row.category is not None)
    return Summary(
        indicators=len(rows),
        average=sum(percents, Decimal(0)) / len(percents) if percents else None,
        categories=tuple((c, counts.get(c.label, 0)) for c in categories),
        without_capaian=sum(1 for row in rows if row.category is None),
        filled=tuple(sum(1 for row in rows if row.quarters[q - 1].filled) for q in QUARTERS),
    )


def load_entries(year: Year) -> dict[int, dict[int, Realisasi]]:
    """All realisasi of a year in one query: {indicator id: {quarter: row}}."""
    entries: dict[int, dict[int, Realisasi]] = {}
    query = sa.select(Realisasi).join(Indicator).where(Indicator.year_id == year.id)
    for entry in db.session.scalars(query):
        entries.setdefault(entry.indicator_id, {})[entry.quarter] = entry
    return entries


def build(year: Year, upto: int = 4) -> Measurement:
    """The whole year (or the quarters up to `upto`) in a constant number of queries."""
    cap, categories = settings.capaian_cap(), settings.categories()
    entries, evidence = load_entries(year), evidence_counts(year.id)
    rows = tuple(
        build_row(number, indicator, entries.get(indicator.id, {}), evidence, upto, cap,
                  categories)
        for number, indicator in enumerate(year.indicators, start=1)
    )
    return Measurement(year, upto, rows, summarize(rows, categories))
