"""`flask --app wsgi remind` against a real SMTP server on 127.0.0.1 (aiosmtpd in a thread),
with the date fixed by the injectable clock."""
import socket
from datetime import datetime
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from iku_web.extensions import db
from iku_web.models import MailLog, Notification
from tests.conftest import STAFF_PASSWORD
from tests.reminders_support import (
    FRIDAY,
    add_evidence,
    add_user,
    assign,
    client_for,
    friday_clock,
    set_clock,
)
from tests.test_html import lint
from tests.test_realisasi import save

friday = pytest.fixture(friday_clock)


def free_port() -> int:
    """A port nothing listens on (a connection to it is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def by_recipient(self) -> dict:
        return {rcpt[0]: message for rcpt, message in self.messages}


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def office(app, friday):
    """Staff in charge of indicators 1 and 6 with an e-mail; the admin has one too; a second
    staff member without e-mail in charge of indicator 2."""
    assign(app, "staf", 1, 6, email="staf@kpu-barsel.test")
    assign(app, "admin", email="perencanaan@kpu-barsel.test")
    add_user(app, "tanpa", "staff", STAFF_PASSWORD)
    assign(app, "tanpa", 2)
    return app


def remind(app, *args):
    result = app.test_cli_runner().invoke(args=["remind", *args])
    assert result.exit_code == 0, result.output
    return result.output


def use_server(app, port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                      MAIL_DEFAULT_SENDER="IKU Web <iku@kpu-barsel.test>",
                      IKU_BASE_URL="http://iku.kantor")


def mail_log(app):
    with app.app_context():
        return [(m.kind, m.recipient, m.status, m.day) for m in db.session.scalars(
            sa.select(MailLog).order_by(MailLog.id))]


def test_reminders_and_digest_arrive_once_a_day(office, smtp):
    app = office
    use_server(app, smtp.port)
    output = remind(app)
    assert "2 e-mail terkirim, 0 gagal" in output
    mails = smtp.by_recipient()
    assert set(mails) == {"staf@kpu-barsel.test", "perencanaan@kpu-barsel.test"}
    reminder = mails["staf@kpu-barsel.test"]
    assert reminder["Subject"] == "Pengingat IKU Web: 2 isian belum selesai"
    assert reminder["From"] == "IKU Web <iku@kpu-barsel.test>"
    body = reminder.get_content()
    assert "1. Terwujudnya Penyelenggaraan Pemilu sesuai jadwal: realisasi belum diisi; " \
        "tenggat 10 April 2023 (3 hari lagi)" in body
    assert "6. Persentase Pembentukan Badan Adhoc Seleksi KPPS" in body
    assert "http://iku.kantor/barito-selatan/2023/indikator/1#review-tw-1" in body
    assert "Data Pemilih" not in body  # indicator 3 belongs to nobody
    digest = mails["perencanaan@kpu-barsel.test"]
    assert digest["Subject"] == "Ringkasan mingguan IKU Web: 3 isian belum dilaporkan"
    assert "Staf (" in digest.get_content() and "Tanpa (" in digest.get_content()
    assert mail_log(app) == [("reminder", "staf@kpu-barsel.test", "sent", FRIDAY.date()),
                             ("digest", "perencanaan@kpu-barsel.test", "sent", FRIDAY.date())]

    # the same day again: nothing
    assert "0 e-mail terkirim" in remind(app)
    assert len(smtp.messages) == 2

    # Saturday, same week: the reminder again, no second digest
    set_clock(app, datetime(2023, 4, 8, 7))
    remind(app)
    assert [m[0] for m in smtp.messages[2:]] == [["staf@kpu-barsel.test"]]


def test_person_with_everything_done_gets_nothing(office, smtp):
    app = office
    use_server(app, smtp.port)
    staff = client_for(app, "staf", STAFF_PASSWORD)
    for iid in (1, 6):
        save(staff, "100", indicator=iid)
        add_evidence(app, iid, 1, f"bukti-{iid}.pdf")
    remind(app)
    assert "staf@kpu-barsel.test" not in smtp.by_recipient()
    digest = smtp.by_recipient()["perencanaan@kpu-barsel.test"].get_content()
    assert "Tanpa (" in digest and "Staf (" not in digest


def test_nothing_before_the_reminder_window(office, smtp):
    app = office
    use_server(app, smtp.port)
    set_clock(app, datetime(2023, 4, 2, 7))  # 8 days before the deadline
    assert "0 e-mail terkirim" in remind(app)
    assert smtp.messages == []


def test_refusing_server_leaves_failed_entries_and_keeps_notifications(office, smtp):
    app = office
    use_server(app, free_port())  # nobody listens there
    output = remind(app)
    assert "0 e-mail terkirim, 2 gagal" in output
    log = mail_log(app)
    assert [(kind, status) for kind, _r, status, _d in log] == [("reminder", "failed"),
                                                                ("digest", "failed")]
    with app.app_context():
        error = db.session.scalar(sa.select(MailLog.error))
        assert "ConnectionRefusedError" in error
        kept = db.session.scalar(sa.select(sa.func.count(Notification.id)))
    assert kept == 3  # a deadline notice per open item: staf 2, tanpa 1
    # the next run (same day) retries and succeeds
    use_server(app, smtp.port)
    assert "2 e-mail terkirim" in remind(app)
    assert len(smtp.messages) == 2
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == kept


def test_without_mail_server_says_so_exits_0_and_still_notifies(office):
    app = office
    app.config["MAIL_SERVER"] = ""
    output = remind(app)
    assert "MAIL_SERVER belum diatur: tidak ada e-mail yang dikirim." in output
    assert mail_log(app) == []
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 3


def test_dry_run_prints_and_changes_nothing(office, smtp):
    app = office
    use_server(app, smtp.port)
    output = remind(app, "--dry-run")
    assert "--- reminder untuk staf <staf@kpu-barsel.test>: Pengingat IKU Web: 2 isian" in output
    assert "--- digest untuk admin <perencanaan@kpu-barsel.test>" in output
    assert "2 e-mail akan dikirim." in output
    assert smtp.messages == [] and mail_log(app) == []
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0


def test_admin_reads_the_mail_log(office, admin):
    app = office
    use_server(app, free_port())
    remind(app)
    html = admin.get("/pengaturan/log-email").get_data(as_text=True)
    lint(html)
    assert "staf@kpu-barsel.test" in html and "Gagal" in html
    assert "Pengingat IKU Web: 2 isian belum selesai" in html
    staff = client_for(app, "staf", STAFF_PASSWORD)
    assert staff.get("/pengaturan/log-email").status_code == 403


def test_create_user_with_an_email(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "budi", "--email", "budi@kpu-barsel.test"],
        input="rahasia-budi-1\nrahasia-budi-1\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        from iku_web.models import User
        user = db.session.scalar(sa.select(User).where(User.username == "budi"))
        assert user.email == "budi@kpu-barsel.test"
