"""Reporting deadlines: defaults, the admin's edits, and days left or overdue on the lists."""
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, Deadline
from iku_web.reminders.deadlines import days_text, default_due
from tests import pg_mode
from tests.conftest import STAFF_PASSWORD
from tests.reminders_support import add_evidence, assign, client_for, friday_clock, set_clock
from tests.test_html import lint
from tests.test_realisasi import save

URL = "/barito-selatan/2023/tenggat"

friday = pytest.fixture(friday_clock)


@pytest.mark.parametrize(("quarter", "due"), [
    (1, date(2023, 4, 10)), (2, date(2023, 7, 10)), (3, date(2023, 10, 10)),
    (4, date(2024, 1, 10)),
])
def test_default_deadline_is_the_tenth_of_the_next_month(quarter, due):
    assert default_due(2023, quarter) == due


@pytest.mark.parametrize(("on", "text"), [
    (date(2023, 4, 7), "3 hari lagi"), (date(2023, 4, 9), "1 hari lagi"),
    (date(2023, 4, 10), "hari ini"), (date(2023, 4, 15), "terlambat 5 hari"),
])
def test_days_left_or_overdue(on, text):
    assert days_text(date(2023, 4, 10), on) == text


def test_my_tasks_show_deadline_and_days_left(app, friday):
    assign(app, "staf", 1)
    staff = client_for(app, "staf", STAFF_PASSWORD)
    html = staff.get("/barito-selatan/saya").get_data(as_text=True)
    assert "tenggat 10 April 2023, 3 hari lagi" in html
    lint(html)


def test_admin_edits_a_deadline_and_pantauan_shows_overdue(app, admin, friday):
    page = admin.get(URL).get_data(as_text=True)
    assert 'value="2023-04-10"' in page and "Bawaan: 10 April 2023" in page
    lint(page)
    response = admin.post(URL, data={"csrf_token": admin.token, "tw1": "2023-04-02",
                                     "tw2": "2023-07-10", "tw3": "2023-10-10",
                                     "tw4": "2024-01-10"})
    assert response.status_code == 302
    with app.app_context():
        rows = db.session.scalars(sa.select(Deadline)).all()
        assert [(d.quarter, d.due) for d in rows] == [(1, date(2023, 4, 2))]
        log = db.session.scalar(sa.select(ChangeLog).where(ChangeLog.entity == "deadline"))
        assert (log.old_value, log.new_value) == ("10 April 2023", "2 April 2023")
    html = admin.get("/barito-selatan/2023/pantauan").get_data(as_text=True)
    assert "tenggat 2 April 2023, terlambat 5 hari" in html


def test_invalid_date_is_refused_with_a_message_and_nothing_saved(app, admin, friday):
    response = admin.post(URL, data={"csrf_token": admin.token, "tw1": "bukan tanggal",
                                     "tw2": "2023-07-20", "tw3": "", "tw4": "2024-01-10"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Tanggal tidak valid" in html and "Tanggal wajib diisi." in html
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Deadline.id))) == 0


def test_deadline_page_is_for_admins_only(app, staff):
    assert staff.get(URL).status_code == 403
    assert staff.post(URL, data={"csrf_token": staff.token, "tw1": "2023-04-01"}).status_code \
        == 403


def test_done_quarter_shows_the_date_without_nagging(app, admin):
    """Pantauan after every indicator of TW I is complete: the date, no days count."""
    set_clock(app, datetime(2023, 4, 12, 8))
    for iid in range(1, 7):
        save(admin, "100", indicator=iid)
    for iid in range(1, 7):
        add_evidence(app, iid, 1, f"b{iid}.pdf")
    html = admin.get("/barito-selatan/2023/pantauan").get_data(as_text=True)
    assert "tenggat 10 April 2023</span>" in html and "terlambat 2 hari" not in html


@pytest.mark.skipif(pg_mode.ENABLED, reason="a test of SQLite itself")
def test_migration_keeps_users_of_the_previous_version(tmp_path):
    """A database made by the version before 0005_reminders: upgraded, its users stay and get
    no e-mail address; the new tables are there and empty."""
    import sqlite3

    from tests.migration_support import app_with_old_user, upgrade_to_head

    app, path = app_with_old_user(tmp_path, "0005_reminders")
    upgrade_to_head(app)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT username, email FROM user").fetchall() == [("lama", None)]
        for table in ("deadline", "notification", "mail_log"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
