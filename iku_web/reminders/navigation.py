"""Top-bar counts: unread notifications (the bell) and entries waiting for verification.
Both come from one query, made once per request and only when the bar shows them."""
import sqlalchemy as sa
from flask import g
from flask_login import current_user

from ..access import allowed, current_unit
from ..extensions import db
from ..models import Indicator, Notification, Review, Year
from . import bp, deadlines


def _waiting(year: int):
    return (sa.select(sa.func.count(Review.id)).join(Indicator).join(Year)
            .where(Year.year == year, Year.unit_id == current_unit().id,
                   Review.status == "submitted"))


def _unread(user_id: int):
    return sa.select(sa.func.count(Notification.id)).where(
        Notification.user_id == user_id, Notification.read_at.is_(None))


def waiting_count(year: int) -> int:
    """Quarters of `year` submitted and not yet decided."""
    return db.session.scalar(_waiting(year))


def _load(year: int | None) -> None:
    """Both counts in one round trip (the waiting count only for verifiers and admins)."""
    wants_queue = year is not None and allowed("verify")
    columns = [_unread(current_user.id).scalar_subquery()]
    if wants_queue:
        columns.append(_waiting(year).scalar_subquery())
    values = db.session.execute(sa.select(*columns)).one()
    g.unread_notifications = values[0]
    g.review_waiting = {year: values[1]} if wants_queue else {}


@bp.app_context_processor
def _counts():
    def unread_notification_count(year=None) -> int:
        if not current_user.is_authenticated:
            return 0
        if "unread_notifications" not in g:
            _load(getattr(year, "year", None))
        return g.unread_notifications

    def review_waiting_count(year: int) -> int:
        cache = g.setdefault("review_waiting", {})
        if year not in cache:
            cache[year] = waiting_count(year)
        return cache[year]

    return {"unread_notification_count": unread_notification_count,
            "review_waiting_count": review_waiting_count, "due_of": deadlines.due_of}
