"""Login throttling kept in the database (login_event), so it holds across gunicorn workers
and restarts: after FREE_FAILURES failed logins for one username from one address, each
further attempt from there waits, twice as long after every new failure."""
import math
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..database import begin_write
from ..extensions import db
from ..models import LoginEvent, User

FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=30)
WINDOW = timedelta(hours=24)  # failures older than this are forgotten


def delay_after(failures: int) -> timedelta:
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** (failures - FREE_FAILURES), MAX_DELAY)


def seconds_to_wait(username: str, address: str, now: datetime | None = None) -> int:
    """0 when this username may be tried from this address now, else the seconds left."""
    now = now or datetime.now()
    pair = (LoginEvent.username == username[:64], LoginEvent.address == address)
    last_success = db.session.scalar(sa.select(sa.func.max(LoginEvent.at)).where(
        *pair, LoginEvent.outcome == "success"))
    since = max(last_success or now - WINDOW, now - WINDOW)
    failures = db.session.scalars(
        sa.select(LoginEvent.at).where(*pair, LoginEvent.outcome == "failure",
                                       LoginEvent.at > since)
        .order_by(LoginEvent.at.desc()).limit(32)).all()
    remaining = (failures[0] + delay_after(len(failures)) - now) if failures else timedelta(0)
    return max(math.ceil(remaining.total_seconds()), 0)


def wait_message(seconds: int) -> str:
    amount = f"{seconds} detik" if seconds < 60 else f"{math.ceil(seconds / 60)} menit"
    return (f"Terlalu banyak percobaan masuk yang gagal. Tunggu {amount}, lalu coba lagi.")


def event(username: str, address: str, outcome: str, user: User | None = None) -> LoginEvent:
    return LoginEvent(username=username[:64], address=address, outcome=outcome,
                      user_id=user.id if user else None)


def record(username: str, address: str, outcome: str) -> None:
    """Store a failed or held-back attempt in its own committed transaction (a failure must
    count even though the request answers with the form again). A success is written with
    the new session (sessions.start)."""
    db.session.rollback()
    begin_write(db.session)
    db.session.add(event(username, address, outcome))
    db.session.commit()
