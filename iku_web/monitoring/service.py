"""Open work per indicator: due quarters without realisasi, or with realisasi but no evidence.

Everything here reads `measurement` rows (or `indicator_measure.entry_value` for the navbar
count), so "filled" means exactly what the realisasi screen shows: 0 is a value, blank is not.
"""
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from .. import clock, indicator_measure, measurement
from ..access import current_unit_id
from ..domain import QUARTERS
from ..extensions import db
from ..models import Evidence, Indicator, Realisasi, Review, Year

QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
NO_PIC = "Belum ada penanggung jawab"


def today() -> date:
    """The date that decides which quarters are due; tests replace it to fix the clock."""
    return clock.today()


def due_quarters(year: int, on: date) -> tuple[int, ...]:
    """Quarters whose last day has passed on `on`: all four for a past year, none for a
    future one, and for the current year those that ended before today."""
    return tuple(q for q in QUARTERS if date(year, *QUARTER_END[q]) < on)


@dataclass(frozen=True)
class Gap:
    """One indicator's open work in the due quarters."""

    row: measurement.Row
    missing: tuple[int, ...]  # due quarters without realisasi
    no_evidence: tuple[int, ...]  # due quarters with realisasi but no evidence file

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def open(self) -> int:
        return len(self.missing) + len(self.no_evidence)

    def state(self, quarter: int) -> str:
        """"missing", "no_evidence" or "done" (the template picks a badge from it)."""
        if quarter in self.missing:
            return "missing"
        return "no_evidence" if quarter in self.no_evidence else "done"


def gap_of(row: measurement.Row, due: tuple[int, ...]) -> Gap:
    cells = {cell.quarter: cell for cell in row.quarters}
    return Gap(
        row=row,
        missing=tuple(q for q in due if not cells[q].filled),
        no_evidence=tuple(q for q in due if cells[q].filled and cells[q].evidence == 0),
    )


@dataclass
class Group:
    """The indicators of one person in charge, with counts per due quarter."""

    label: str
    detail: str
    gaps: list[Gap] = field(default_factory=list)

    @property
    def open(self) -> int:
        return sum(gap.open for gap in self.gaps)

    @property
    def open_gaps(self) -> list[Gap]:
        return [gap for gap in self.gaps if gap.open]

    def missing(self, quarter: int) -> int:
        return sum(1 for gap in self.gaps if quarter in gap.missing)

    def no_evidence(self, quarter: int) -> int:
        return sum(1 for gap in self.gaps if quarter in gap.no_evidence)


@dataclass(frozen=True)
class Overview:
    year: Year
    on: date
    due: tuple[int, ...]
    groups: list[Group]
    # (row, quarter cell) of every value flagged "Periksa" (probably mistyped) in a quarter
    # not approved yet.
    checks: tuple = ()

    @property
    def open(self) -> int:
        return sum(group.open for group in self.groups)

    def missing(self, quarter: int) -> int:
        return sum(group.missing(quarter) for group in self.groups)

    def no_evidence(self, quarter: int) -> int:
        return sum(group.no_evidence(quarter) for group in self.groups)


def _group_key(indicator: Indicator) -> tuple:
    # A person first: the same user may be named with different unit spellings.
    if indicator.pic_user is not None:
        return ("user", indicator.pic_user.id)
    if indicator.pic_unit.strip():
        return ("unit", indicator.pic_unit.strip().casefold())
    return ("none",)


def _new_group(indicator: Indicator) -> Group:
    user = indicator.pic_user
    if user is not None:
        return Group(user.display_name, user.unit or indicator.pic_unit)
    if indicator.pic_unit.strip():
        return Group(indicator.pic_unit.strip(), "unit kerja, belum ada nama penanggung jawab")
    return Group(NO_PIC, "")


def overview(year: Year, on: date | None = None) -> Overview:
    """The "who has not reported" view of a year, people with most open work first; people
    with nothing open stay listed so the page also shows who is complete."""
    on = on or today()
    due = due_quarters(year.year, on)
    groups: dict[tuple, Group] = {}
    rows = measurement.build(year).rows
    for row in rows:
        group = groups.setdefault(_group_key(row.indicator), _new_group(row.indicator))
        group.gaps.append(gap_of(row, due))
    ordered = sorted(groups.values(),
                     key=lambda g: (g.label == NO_PIC, -g.open, g.label.casefold()))
    checks = tuple((row, cell) for row in rows for cell in row.quarters if cell.check)
    return Overview(year, on, due, ordered, checks)


def tasks_of(user, year: Year, on: date | None = None) -> tuple[tuple[int, ...], list[Gap]]:
    """The due quarters and the gaps of every indicator assigned to `user` in `year`."""
    due = due_quarters(year.year, on or today())
    rows = measurement.build(year).rows
    return due, [gap_of(row, due) for row in rows if row.indicator.pic_user_id == user.id]


def _returned(quarter: int):
    return sa.exists().where(Review.indicator_id == Indicator.id, Review.quarter == quarter,
                             Review.status == "returned")


def open_count(user, on: date | None = None) -> int:
    """Open items of `user` in the most recent year, for the navbar badge: two queries.

    An item is a quarter returned by the verifier (whatever its deadline) or a due quarter
    without realisasi or evidence, counted once when it is both. Must agree with the Tugas
    saya page (`tasks_of` plus the returned list; a test checks it); it avoids
    measurement.build, which computes capaian for the whole year on every page view.
    """
    on = on or today()
    unit_id = current_unit_id(user)
    latest = (sa.select(sa.func.max(Year.year))
              .join(Indicator, Indicator.year_id == Year.id).where(Year.unit_id == unit_id)
              .scalar_subquery())
    indicators = db.session.execute(
        sa.select(Indicator, Year.year, *(_returned(q) for q in QUARTERS))
        .join(Year, Year.id == Indicator.year_id)
        .where(Indicator.pic_user_id == user.id, Year.year == latest,
               Year.unit_id == unit_id)).all()
    if not indicators:
        return 0
    evidence = (sa.select(sa.func.count(Evidence.id))
                .where(Evidence.indicator_id == Realisasi.indicator_id,
                       Evidence.quarter == Realisasi.quarter).scalar_subquery())
    # Only filled quarters need the evidence count, and every filled quarter has a row.
    entries = {(entry.indicator_id, entry.quarter): (entry, files) for entry, files in
               db.session.execute(sa.select(Realisasi, evidence).where(
                   Realisasi.indicator_id.in_([ind.id for ind, *_ in indicators])))}
    count = 0
    for indicator, year, *returned in indicators:
        due = due_quarters(year, on)
        for quarter in QUARTERS:
            if returned[quarter - 1]:
                count += 1
            elif quarter in due:
                entry, files = entries.get((indicator.id, quarter), (None, 0))
                if indicator_measure.entry_value(indicator, entry) is None or files == 0:
                    count += 1
    return count
