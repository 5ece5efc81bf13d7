"""Shared set-up for the deadline, queue, notification and reminder tests."""
from datetime import datetime

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Evidence, Indicator, Notification, User
from tests.conftest import csrf_token, login

VERIFIER_PASSWORD = "verif-rahasia-123"
# A Friday: TW I 2023 is due on Monday 10 April 2023, three days later.
FRIDAY = datetime(2023, 4, 7, 8, 0)


def set_clock(app, when: datetime) -> None:
    """The injectable clock: everything that asks for "today" sees `when`."""
    app.config["CLOCK"] = lambda: when


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(User.id).where(User.username == username))


def assign(app, username: str, *indicator_ids: int, email: str | None = None) -> None:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == username))
        for iid in indicator_ids:
            db.session.get(Indicator, iid).pic_user_id = user.id
        if email:
            user.email = email
        db.session.commit()


def add_user(app, username: str, role: str, password: str, email: str | None = None) -> int:
    with app.app_context():
        user = User(username=username, role=role, full_name=username.title(), email=email)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        return user.id


def add_evidence(app, indicator_id: int, quarter: int, name: str = "laporan.pdf") -> int:
    """An evidence row (the pages only list it; no file is needed on disk)."""
    with app.app_context():
        row = Evidence(indicator_id=indicator_id, quarter=quarter, original_name=name,
                       stored_name=f"{indicator_id}-{quarter}-{name}",
                       content_type="application/pdf", size=10, sha256=f"{name}{quarter}")
        db.session.add(row)
        db.session.commit()
        return row.id


def notices(app, username: str) -> list[tuple[str, str]]:
    with app.app_context():
        return [(n.kind, n.message) for n in db.session.scalars(
            sa.select(Notification).where(Notification.user_id == user_id(app, username))
            .order_by(Notification.id))]


def client_for(app, username: str, password: str):
    client = app.test_client()
    response = login(client, username, password)
    assert response.status_code == 302
    client.landing = response.headers["Location"]
    client.token = csrf_token(client)
    return client


def friday_clock(app):
    """Body of the `friday` fixture of the test modules (`friday = pytest.fixture(...)`)."""
    set_clock(app, FRIDAY)
    return app
