"""The province dashboard (docs/rollup.md, "Province dashboard"): per computed indicator of a
parent unit, its children's standing in one quarter as a sortable table, and the reminder to
the admins of the children that have not reported."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import url_for

from ..extensions import db
from ..formatting import quarter_name
from ..models import Indicator, Membership
from ..reminders import notifications
from . import presenter, service
from .figures import ChildFigure

# ?urut=... : the orders a table can take; the first is the default.
SORTS = {"status": "Status", "unit": "Unit", "capaian": "Capaian"}
# Worst first: who has not reported is what a province chases.
_STANDING_ORDER = ("not_reported", "unverified", "not_met", "met", "exempt")


@dataclass(frozen=True)
class ChildRow:
    line: ChildFigure
    standing: str  # presenter.STANDINGS
    value_text: str
    capaian_text: str

    @property
    def standing_label(self) -> str:
        return presenter.STANDINGS[self.standing]


@dataclass(frozen=True)
class ChildTable:
    indicator: Indicator
    quarter: int
    sort: str
    rows: tuple[ChildRow, ...]
    printed: presenter.Printed

    @property
    def not_reported(self) -> int:
        return sum(1 for row in self.rows if row.standing == "not_reported")

    def count(self, standing: str) -> int:
        return sum(1 for row in self.rows if row.standing == standing)


def _percent(row: ChildRow) -> Decimal | None:
    result = row.line.result
    return result.percent if result is not None and result.percent is not None else None


def _key(sort: str):
    if sort == "unit":
        return lambda row: row.line.unit.name.casefold()
    if sort == "capaian":  # lowest first, those without a capaian last
        return lambda row: (_percent(row) is None, _percent(row) or 0,
                            row.line.unit.name.casefold())
    return lambda row: (_STANDING_ORDER.index(row.standing), row.line.unit.name.casefold())


def child_table(indicator: Indicator, computed: service.Computation, quarter: int,
                sort: str = "status") -> ChildTable:
    """The children of a computed indicator as they stand (verified) at the end of `quarter`."""
    sort = sort if sort in SORTS else next(iter(SORTS))
    figure = computed.verified.quarters[quarter - 1]
    rows = [ChildRow(line, presenter.standing(line), service.value_text(computed.spec, line.value),
                     service.capaian_text(line)) for line in figure.children]
    rows.sort(key=_key(sort))
    return ChildTable(indicator, quarter, sort, tuple(rows),
                      presenter.printed(computed, quarter))


def child_tables(indicators, computed: dict[int, service.Computation], quarter: int,
                 sort: str = "status") -> list[ChildTable]:
    """A table per computed indicator among `indicators` (computed: service.computations of
    them), in their order."""
    return [child_table(ind, computed[ind.id], quarter, sort) for ind in indicators
            if ind.id in computed]


def latest_quarter(computed: dict[int, service.Computation]) -> int | None:
    """The latest quarter any of these computed indicators has a figure for, sementara
    included (as the dashboard's default quarter counts unverified realisasi too)."""
    return max((f.quarter for found in computed.values() for f in found.provisional.quarters
                if f.value is not None), default=None)


def _reminder(table: ChildTable, line: ChildFigure, year: int,
              parent: str) -> tuple[str, str, str]:
    """(link, message, key without the day) of the reminder to one silent child. Under
    persentase_huruf what is missing is the child's LKE of the year, not a quarter's
    realisasi: the link opens its LKE, and the key leaves the quarter out (the LKE is yearly:
    the tables of TW I-IV remind of the same thing)."""
    key = f"rollup-remind:{table.indicator.id}:{line.unit.id}"
    if line.from_lke:
        return (url_for("lke.page", kode=line.unit.code, year=year),
                f"Pengingat dari {parent}: {line.unit.name} belum mengisi LKE {year}; tanpa "
                f"nilai LKE yang final, unit ini dihitung tidak memenuhi pada "
                f"{table.indicator.name}.", f"{key}:lke")
    if line.indicator_id is not None:
        link = url_for("realisasi.indicator", kode=line.unit.code, year=year,
                       indicator_id=line.indicator_id, _anchor=f"review-tw-{table.quarter}")
    else:
        link = url_for("realisasi.page", kode=line.unit.code, year=year)
    return (link, f"Pengingat dari {parent}: {line.unit.name} belum melaporkan "
                  f"{quarter_name(table.quarter)} {year}, {table.indicator.name}.",
            f"{key}:{table.quarter}")


def remind(table: ChildTable, year: int, on: date) -> tuple[int, int]:
    """Notify the admins of every child unit that has not reported the table's quarter (under
    persentase_huruf: has not filled its LKE of the year) through the app's notifications
    (docs/reminders.md); once a day per indicator, quarter (the year for the LKE) and unit.
    (units reminded, notices created). The caller commits."""
    silent = [row.line for row in table.rows if row.standing == "not_reported"]
    if not silent:
        return 0, 0
    admins = db.session.execute(sa.select(Membership.unit_id, Membership.user_id).where(
        Membership.unit_id.in_([line.unit.id for line in silent]),
        Membership.role == "admin")).all()
    by_unit: dict[int, list[int]] = {}
    for unit_id, user_id in admins:
        by_unit.setdefault(unit_id, []).append(user_id)
    parent = table.indicator.year_ref.unit.name
    created = 0
    for line in silent:
        link, message, key = _reminder(table, line, year, parent)
        key += f":{on.isoformat()}"
        created += sum(notifications.add(user_id, "rollup_reminder", key, message, link)
                       for user_id in by_unit.get(line.unit.id, ()))
    return len(silent), created
