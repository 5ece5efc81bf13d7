"""In-app notifications: created by a verifier's decision and by the deadline check.

Every notice has a key; a notice whose key the user already has is not created again, so the
deadline check may run on every login and from every `remind` run without duplicates.
"""
from datetime import date

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..database import begin_write
from ..extensions import db
from ..formatting import quarter_name, quarter_short
from ..models import Indicator, Membership, Notification, Review
from . import open_items

DEADLINE_BANDS = (1, 3, 7)  # notices at 7, 3 and 1 days before a deadline


def add(user_id: int, kind: str, key: str, message: str, link: str) -> bool:
    """Add a notice unless the user has one with this key; True when added. The caller
    commits."""
    exists = db.session.scalar(sa.select(Notification.id).where(
        Notification.user_id == user_id, Notification.key == key))
    if exists:
        return False
    db.session.add(Notification(user_id=user_id, kind=kind, key=key, message=message,
                                link=link, created_at=clock.now()))
    return True


def _owner(indicator: Indicator, review: Review) -> int | None:
    """The person in charge, else whoever submitted: the first of them who holds a role in
    the indicator's unit itself (a decision in one unit is never told to another unit's
    user, e.g. a person in charge who has left the unit)."""
    candidates = [uid for uid in (indicator.pic_user_id, review.submitted_by_id) if uid]
    if not candidates:
        return None
    members = set(db.session.scalars(sa.select(Membership.user_id).where(
        Membership.user_id.in_(candidates), Membership.unit_id == indicator.year_ref.unit_id)))
    return next((uid for uid in candidates if uid in members), None)


def review_decided(indicator: Indicator, review: Review, action: str) -> None:
    """Tell the person in charge (else whoever submitted) that a quarter was returned,
    approved or unlocked. Called inside the decision's transaction."""
    user_id = _owner(indicator, review)
    if user_id is None or action not in ("return", "approve", "unlock"):
        return
    where = f"{quarter_name(review.quarter)} {indicator.year_ref.year}, {indicator.name}"
    if action == "approve":
        kind, message = "approved", f"Disetujui verifikator: {where}."
    else:
        kind = "returned"
        message = f"Dikembalikan verifikator: {where}. Komentar: {review.comment}"
    link = url_for("realisasi.indicator", kode=indicator.year_ref.unit.code,
                   year=indicator.year_ref.year, indicator_id=indicator.id,
                   _anchor=f"review-tw-{review.quarter}")
    add(user_id, kind, f"{action}:{review.id}:{clock.now().isoformat()}", message, link)


def batch_approved(decided: list[tuple[Indicator, Review]]) -> int:
    """One notice per owner for a batch of approvals (a bulk approval of 15 quarters of one
    person is one notice naming them, not 15); the caller commits. The number of notices."""
    by_owner: dict[int, list[tuple[Indicator, Review]]] = {}
    for indicator, review in decided:
        if (user_id := _owner(indicator, review)) is not None:
            by_owner.setdefault(user_id, []).append((indicator, review))
    stamp = clock.now().isoformat()
    for user_id, items in by_owner.items():
        if len(items) == 1:
            review_decided(*items[0], "approve")
            continue
        items.sort(key=lambda item: (item[0].year_ref.year, item[1].quarter, item[0].position))
        names = "; ".join(f"{quarter_short(review.quarter)} {indicator.year_ref.year}, "
                          f"{indicator.name}" for indicator, review in items)
        year = items[0][0].year_ref
        add(user_id, "approved", f"approve-batch:{items[0][1].id}:{stamp}",
            f"Disetujui verifikator: {len(items)} isian ({names}).",
            url_for("realisasi.page", kode=year.unit.code, year=year.year))
    return len(by_owner)


def _band(days_left: int) -> int | None:
    return next((band for band in DEADLINE_BANDS if days_left <= band), None)


def deadline_notices(items: list[open_items.Item]) -> list[tuple[str, str, str, str]]:
    """(kind, key, message, link) of the deadline notices due for one person's items: one per
    item and band (7, 3, 1 days left) and one when it is overdue."""
    notices = []
    for item in items:
        if item.reason == "returned":
            continue  # the return itself was notified
        left = item.due.days_left
        where = f"{quarter_name(item.quarter)} {item.year}, {item.number}. {item.name}"
        if left < 0:
            notices.append(("overdue", f"overdue:{item.indicator_id}:{item.quarter}",
                            f"Terlambat {-left} hari: {where} ({item.reason_text}).", item.link))
        elif (band := _band(left)) is not None:
            notices.append(("deadline", f"deadline{band}:{item.indicator_id}:{item.quarter}",
                            f"Tenggat {item.due.date_text} ({item.due.text}): {where} "
                            f"({item.reason_text}).", item.link))
    return notices


def sync_deadlines(on: date, only_user_id: int | None = None,
                   found: dict | None = None) -> int:
    """Create the deadline notices due on `on` (for everyone, or one user) and commit; the
    number created."""
    found = open_items.by_user(on, only_user_id) if found is None else found
    notices = [(user_id, *notice) for user_id, items in found.items()
               if only_user_id is None or user_id == only_user_id
               for notice in deadline_notices(items)]
    if not notices:
        return 0
    # Reading open items takes long; the write lock is taken only for the short check-and-add
    # (a transaction that reads and then writes must hold it from its start: database.py).
    begin_write(db.session)
    created = sum(add(*notice) for notice in notices)
    try:
        db.session.commit()
    except IntegrityError:  # a parallel request created the same notice first
        db.session.rollback()
    return created


def unread_count(user_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(Notification.id)).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)))


def of_user(user_id: int, limit: int = 200) -> list[Notification]:
    return list(db.session.scalars(
        sa.select(Notification).where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)))
