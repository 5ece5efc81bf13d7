"""The SAKIP chain of a year, read-only view-model side: indicators grouped under their
sasaran and an indicator's earlier years (through its lineage and typed past realisasi); its
Renstra targets are in renstra_targets.py. Screens, PDFs, Excel, the dashboard and the LKjIP
all read these.

(The rule that every indicator has a sasaran is enforced in models/sakip.py.)
"""
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

import sqlalchemy as sa

from . import capaian, settings
from .extensions import db
from .formatting import format_percent
from .models import Indicator, PastRealisasi, Sasaran, Year
from .presenters import value_with_unit
from .queries import realisasi_rows

R = TypeVar("R")
MAX_LINEAGE = 30  # years followed back; guards against a cycle typed into the database


# --- order ------------------------------------------------------------------------------


def renumber(year: Year) -> None:
    """Number sasaran 1..n and the indicators so that the year's flat order (Indicator.position)
    is the grouped order: sasaran by position, indicators by position inside each."""
    sasaran = sorted(year.sasaran, key=lambda s: (s.position, s.id or 0))
    for position, item in enumerate(sasaran, start=1):
        item.position = position
    rank = {id(s): s.position for s in sasaran}
    ordered = sorted(year.indicators,
                     key=lambda i: (rank.get(id(i.sasaran), 10 ** 6), i.position, i.id or 0))
    for position, indicator in enumerate(ordered, start=1):
        indicator.position = position
    year.indicators.sort(key=lambda i: i.position)


def move_sasaran(year: Year, sasaran: Sasaran, step: int) -> None:
    """Move a sasaran (with its indicators) one place up (-1) or down (+1)."""
    items = sorted(year.sasaran, key=lambda s: (s.position, s.id or 0))
    i = items.index(sasaran)
    j = i + step
    if 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
        for position, item in enumerate(items, start=1):
            item.position = position
        year.sasaran.sort(key=lambda s: s.position)
    renumber(year)


def move_indicator_to(year: Year, indicator: Indicator, sasaran: Sasaran) -> None:
    """Put an indicator under another sasaran of the same year, last in it."""
    if sasaran.year_id != year.id and sasaran.year_ref is not year:
        raise ValueError("sasaran of another year")
    indicator.sasaran = sasaran
    indicator.position = 10 ** 6
    renumber(year)


# --- grouping -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Group(Generic[R]):
    """One sasaran and the rows (register rows, measurement rows, ...) of its indicators."""

    number: int
    sasaran: Sasaran | None  # None only for an indicator never given one (not flushed yet)
    rows: tuple[R, ...]
    # One indicator whose name is the sasaran's text (a flat IKU such as the seed): screens
    # need no heading row for it, the indicator row already says it.
    plain: bool = False

    @property
    def name(self) -> str:
        return self.sasaran.name if self.sasaran is not None else ""


def group(year: Year, rows, indicator_of=lambda row: row.indicator,
          include_empty: bool = False) -> list[Group]:
    """Rows grouped by their indicator's sasaran, in sasaran order. Rows keep their order
    inside a group; with include_empty, sasaran without indicators appear with no rows."""
    sasaran = list(year.sasaran)  # one query; indicator.sasaran then comes from the session
    buckets: dict[int | None, list] = {s.id: [] for s in sasaran}
    for row in rows:
        buckets.setdefault(indicator_of(row).sasaran_id, []).append(row)
    groups, number = [], 0
    for s in sasaran:
        rows_of = buckets[s.id]
        if rows_of or include_empty:
            number += 1
            plain = len(rows_of) == 1 and \
                indicator_of(rows_of[0]).name.strip() == s.name.strip()
            groups.append(Group(number, s, tuple(rows_of), plain))
    if buckets.get(None):
        groups.append(Group(number + 1, None, tuple(buckets[None])))
    return groups


def empty_sasaran(year: Year) -> list[Sasaran]:
    """Sasaran with no indicator: the PK refuses to print while there is one."""
    used = {i.sasaran_id for i in year.indicators}
    return [s for s in year.sasaran if s.id not in used]


def indicator_text(indicator: Indicator) -> str:
    """The INDIKATOR KINERJA column of the PK and Pengukuran: the indicator's name, or its
    formula when the name only repeats its sasaran (as in indicators migrated from a flat IKU,
    whose IKU column became the sasaran and whose PERHITUNGAN is the indicator)."""
    name = indicator.name.strip()
    sasaran = indicator.sasaran
    if sasaran is not None and name == sasaran.name.strip() and indicator.formula.strip():
        return indicator.formula.strip()
    return name


# --- earlier years ------------------------------------------------------------------------


@dataclass(frozen=True)
class PastYear:
    """An indicator's result in an earlier year: from the application (typed=False, computed
    exactly as that year's Pengukuran) or typed by hand from an old report (typed=True)."""

    year: int
    target_text: str
    realisasi: Decimal | str | None
    realisasi_text: str
    capaian: Decimal | None  # percent, cap of the office applied
    capaian_text: str
    typed: bool
    source: str  # for typed years: where the numbers come from
    indicator_id: int | None  # the indicator of that year in the application, if any


def lineage(indicator: Indicator) -> list[Indicator]:
    """The indicators this one was copied from, newest first (not including itself)."""
    chain, seen, current = [], {indicator.id}, indicator
    while current.source_indicator_id and len(chain) < MAX_LINEAGE:
        if current.source_indicator_id in seen:
            break
        current = db.session.get(Indicator, current.source_indicator_id)
        if current is None:
            break
        seen.add(current.id)
        chain.append(current)
    return chain


def _lineages(indicators: list[Indicator]) -> dict[int, list[Indicator]]:
    """lineage() of many indicators with one query per generation, not one per ancestor."""
    known = {ind.id: ind for ind in indicators}
    frontier = {ind.source_indicator_id for ind in indicators} - {None} - set(known)
    for _ in range(MAX_LINEAGE):
        if not frontier:
            break
        found = db.session.scalars(sa.select(Indicator).where(Indicator.id.in_(frontier))).all()
        known.update((ind.id, ind) for ind in found)
        frontier = {ind.source_indicator_id for ind in found} - {None} - set(known)
    chains = {}
    for ind in indicators:
        chain, seen, current = [], {ind.id}, ind
        while current.source_indicator_id in known and len(chain) < MAX_LINEAGE:
            if current.source_indicator_id in seen:
                break
            current = known[current.source_indicator_id]
            seen.add(current.id)
            chain.append(current)
        chains[ind.id] = chain
    return chains


def history(indicators) -> dict[int, tuple[PastYear, ...]]:
    """Earlier years of each indicator, newest first: {indicator id: (PastYear, ...)}.

    Years held in the application come from the lineage; typed past realisasi of the indicator
    or any of its ancestors fill the years before. A few queries for a whole year.
    """
    from .measurement import build_row  # measurement imports this module

    indicators = list(indicators)
    chains = _lineages(indicators)
    ancestor_ids = {a.id for chain in chains.values() for a in chain}
    entries = realisasi_rows(ancestor_ids)
    owners = {ind.id for ind in indicators} | ancestor_ids
    typed: dict[int, list[PastRealisasi]] = {}
    for past in db.session.scalars(sa.select(PastRealisasi).where(
            PastRealisasi.indicator_id.in_(owners))):
        typed.setdefault(past.indicator_id, []).append(past)
    cap, categories = settings.capaian_cap(), settings.categories()
    result = {}
    for ind in indicators:
        years: dict[int, PastYear] = {}
        for ancestor in chains[ind.id]:
            row = build_row(0, ancestor, entries.get(ancestor.id, {}), {}, 4, cap, categories)
            years[ancestor.year_ref.year] = PastYear(
                ancestor.year_ref.year, row.target_text, row.progress.realisasi,
                row.realisasi_text, row.full_year.percent, row.full_year_text, False, "",
                ancestor.id)
        own_year = ind.year_ref.year
        for owner in [ind, *chains[ind.id]]:
            for past in typed.get(owner.id, ()):
                if past.year not in years and past.year < own_year:
                    years[past.year] = typed_year(ind, past, cap)
        result[ind.id] = tuple(years[y] for y in sorted(years, reverse=True))
    return result


def typed_year(indicator: Indicator, past: PastRealisasi, cap: int | None = None) -> PastYear:
    """A typed past realisasi as a PastYear; capaian as typed, else computed against the
    target typed with it, using the indicator's polarity."""
    grade = indicator.target_kind == "grade"
    kind = "percent" if indicator.target_kind == "percent" or indicator.target_unit == "%" \
        else "number"
    realisasi = past.grade if grade else past.value
    real_text = (realisasi or "") if grade else value_with_unit(past.value, kind,
                                                               indicator.target_unit)
    if grade:
        target = capaian.Target("grade", grade=past.target_grade) if past.target_grade \
            else capaian.Target("none")
        target_text = f"minimal {past.target_grade}" if past.target_grade else ""
    else:
        target = capaian.Target("number", past.target_value) if past.target_value is not None \
            else capaian.Target("none")
        target_text = value_with_unit(past.target_value, kind, indicator.target_unit)
    if past.capaian is not None:
        percent, text = capaian.apply_cap(past.capaian, cap), None
    elif realisasi is None:
        percent, text = None, "-"
    else:
        result = capaian.achievement(target, realisasi, indicator.polarity)
        percent = capaian.apply_cap(result.percent, cap) if result.ok else None
        text = None if result.ok else result.message
    if text is None:
        text = format_percent(capaian.round_percent(percent))
    return PastYear(past.year, target_text, realisasi, real_text, percent, text, True,
                    past.source, None)
