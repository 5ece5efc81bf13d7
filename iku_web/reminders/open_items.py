"""What each person still owes: the items reminders, notifications and digests talk about.

An item is one indicator's quarter, assigned to a user (the indicator's person in charge), that
is open on a day:
- returned by the verifier (until submitted again), whatever the deadline; or
- without realisasi, or with realisasi but no evidence file (as Pantauan counts them), once the
  reminder window of its deadline has opened (7 days before) and until it is done.
Only the current and the previous calendar year are considered, so a forgotten old year does
not nag forever.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from .. import measurement
from ..extensions import db
from ..formatting import quarter_name
from ..models import Indicator, Membership, Review, User, Year
from ..models.users import TASK_ROLES
from . import deadlines

REASONS = {"returned": "dikembalikan verifikator", "missing": "realisasi belum diisi",
           "no_evidence": "bukti dukung belum diunggah"}


@dataclass(frozen=True)
class Item:
    year: int
    indicator_id: int
    number: int
    name: str
    quarter: int
    reason: str  # returned, missing, no_evidence
    due: deadlines.Due
    comment: str = ""
    unit_code: str = ""

    @property
    def link(self) -> str:
        # Written by hand: the reminder command runs outside a request, where url_for has no
        # host to build with.
        return (f"/{self.unit_code}/{self.year}/indikator/{self.indicator_id}"
                f"#review-tw-{self.quarter}")

    @property
    def reason_text(self) -> str:
        return REASONS[self.reason]

    @property
    def line(self) -> str:
        """One line of an e-mail or of the log."""
        return (f"{quarter_name(self.quarter)} {self.year}, {self.number}. {self.name}: "
                f"{self.reason_text}; tenggat {self.due.date_text} ({self.due.text})")


def _years(on: date, only_user_id: int | None) -> list[Year]:
    query = sa.select(Year).where(Year.year >= on.year - 1, Year.year <= on.year)
    if only_user_id is not None:  # only the units where that person can owe anything
        query = query.where(Year.unit_id.in_(
            sa.select(Membership.unit_id).where(Membership.user_id == only_user_id,
                                                Membership.role.in_(TASK_ROLES))))
    return list(db.session.scalars(query.order_by(Year.unit_id, Year.year)))


def task_holders() -> set[tuple[int, int]]:
    """(user id, unit id) of every role that can be in charge of an indicator: a person is
    reminded of a unit's items only while they hold such a role in that unit itself (a
    person in charge who left the unit, or a province user, hears nothing about it)."""
    return set(db.session.execute(sa.select(Membership.user_id, Membership.unit_id).where(
        Membership.role.in_(TASK_ROLES))).tuples())


def _returned(year: Year) -> dict[tuple[int, int], str]:
    return {(iid, q): comment for iid, q, comment in db.session.execute(
        sa.select(Review.indicator_id, Review.quarter, Review.comment).join(Indicator)
        .where(Indicator.year_id == year.id, Review.status == "returned")).tuples()}


def by_user(on: date, only_user_id: int | None = None) -> dict[int, list[Item]]:
    """Open items per user id (of every person, or of one), oldest deadline first; each
    person's items come only from the units where they hold a task role."""
    found: dict[int, list[Item]] = defaultdict(list)
    holders = task_holders()
    for year in _years(on, only_user_id):
        dues = deadlines.of_year(year, on)
        returned = _returned(year)
        for row in measurement.build(year).rows:
            user_id = row.indicator.pic_user_id
            if user_id is None or (user_id, year.unit_id) not in holders:
                continue
            if only_user_id is not None and user_id != only_user_id:
                continue
            for cell in row.quarters:
                q, due = cell.quarter, dues[cell.quarter]
                key = (row.indicator.id, q)
                if key in returned:
                    reason = "returned"
                elif not due.in_window:
                    continue
                elif not cell.filled:
                    reason = "missing"
                elif cell.evidence == 0:
                    reason = "no_evidence"
                else:
                    continue
                found[user_id].append(Item(year.year, row.indicator.id, row.number,
                                           row.indicator.name, q, reason, due,
                                           returned.get(key, ""), year.unit.code))
    for items in found.values():
        items.sort(key=lambda i: (i.reason != "returned", i.due.date, i.number))
    return dict(found)


def returned_to(user: User, year: Year) -> list[Item]:
    """Tugas saya: the quarters of `user`'s indicators the verifier sent back, with the
    verifier's comment, in register order."""
    dues = deadlines.of_year(year)
    rows = db.session.execute(
        sa.select(Indicator, Review.quarter, Review.comment).join(Review)
        .where(Indicator.year_id == year.id, Indicator.pic_user_id == user.id,
               Review.status == "returned")
        .order_by(Indicator.position, Review.quarter)).tuples()
    numbers = {iid: n for n, iid in enumerate(db.session.scalars(
        sa.select(Indicator.id).where(Indicator.year_id == year.id)
        .order_by(Indicator.position)), start=1)}
    return [Item(year.year, ind.id, numbers[ind.id], ind.name, q, "returned", dues[q], comment,
                 year.unit.code) for ind, q, comment in rows]


def returned_count(user: User) -> int:
    """Quarters of `user`'s indicators (any year) waiting for them after a return."""
    return db.session.scalar(sa.select(sa.func.count(Review.id)).join(Indicator).where(
        Indicator.pic_user_id == user.id, Review.status == "returned"))
