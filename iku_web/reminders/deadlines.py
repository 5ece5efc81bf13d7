"""Reporting deadlines: when each quarter's realisasi must be in, and how far away that is.

Default: the 10th day of the month after the quarter (TW IV of 2023: 10 January 2024). The
admin may set another date per year and quarter (a Deadline row).
"""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import g, has_app_context

from .. import clock
from ..domain import QUARTERS
from ..extensions import db
from ..formatting import format_date
from ..models import Deadline, Year

REMIND_DAYS = 7  # reminders start this many days before a deadline


def default_due(year: int, quarter: int) -> date:
    month = quarter * 3 + 1
    return date(year + 1, 1, 10) if month > 12 else date(year, month, 10)


def days_text(due: date, on: date) -> str:
    """'3 hari lagi', 'hari ini', 'terlambat 5 hari'."""
    left = (due - on).days
    if left > 0:
        return f"{left} hari lagi"
    if left == 0:
        return "hari ini"
    return f"terlambat {-left} hari"


@dataclass(frozen=True)
class Due:
    """A quarter's deadline as seen on a given day."""

    quarter: int
    date: date
    on: date

    @property
    def days_left(self) -> int:
        return (self.date - self.on).days

    @property
    def text(self) -> str:
        return days_text(self.date, self.on)

    @property
    def date_text(self) -> str:
        return format_date(self.date)

    @property
    def state(self) -> str:
        """overdue, soon (within the reminder window) or later: picks the badge colour."""
        if self.days_left < 0:
            return "overdue"
        return "soon" if self.days_left <= REMIND_DAYS else "later"

    @property
    def in_window(self) -> bool:
        return self.days_left <= REMIND_DAYS


def stored(year_id: int) -> dict[int, date]:
    return {q: d for q, d in db.session.execute(
        sa.select(Deadline.quarter, Deadline.due).where(Deadline.year_id == year_id)).tuples()}


def of_year(year: Year, on: date | None = None) -> dict[int, Due]:
    """The four deadlines of a year; read once per request (templates ask per quarter)."""
    on = on or clock.today()
    cache = g.setdefault("deadlines", {}) if has_app_context() else {}
    if (year.id, on) not in cache:
        saved = stored(year.id)
        cache[(year.id, on)] = {q: Due(q, saved.get(q) or default_due(year.year, q), on)
                                for q in QUARTERS}
    return cache[(year.id, on)]


def due_of(year: Year, quarter: int) -> Due:
    """Template global: the deadline of one quarter of a year, as of today."""
    return of_year(year)[quarter]
