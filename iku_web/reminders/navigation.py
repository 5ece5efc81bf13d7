"""Top-bar counts: unread notifications (the bell) and entries waiting for verification.
Each is one query, made once per request and only when the bar shows it."""
import sqlalchemy as sa
from flask import g
from flask_login import current_user

from ..extensions import db
from ..models import Indicator, Review, Year
from . import bp, deadlines, notifications


def waiting_count(year: int) -> int:
    """Quarters of `year` submitted and not yet decided."""
    return db.session.scalar(
        sa.select(sa.func.count(Review.id)).join(Indicator).join(Year)
        .where(Year.year == year, Review.status == "submitted"))


@bp.app_context_processor
def _counts():
    def unread_notification_count() -> int:
        if not current_user.is_authenticated:
            return 0
        if "unread_notifications" not in g:
            g.unread_notifications = notifications.unread_count(current_user.id)
        return g.unread_notifications

    def review_waiting_count(year: int) -> int:
        cache = g.setdefault("review_waiting", {})
        if year not in cache:
            cache[year] = waiting_count(year)
        return cache[year]

    return {"unread_notification_count": unread_notification_count,
            "review_waiting_count": review_waiting_count, "due_of": deadlines.due_of}
