"""A writer that cannot get a lock in time is answered "coba lagi" (503), never a 500 and never
an endless wait, on SQLite (busy_timeout) and on PostgreSQL (lock_timeout); what was saved
before stays, and the same save goes through once the lock is free.

Runs on the database of the suite: SQLite by default, PostgreSQL with
IKU_TEST_DATABASE=postgresql (part of the Makefile's PostgreSQL subset).
"""
import sqlite3
import threading
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from iku_web import database
from iku_web.config import from_environment
from iku_web.errors import BUSY_MESSAGE, BUSY_READ_MESSAGE
from iku_web.extensions import db
from tests import pg_mode
from tests.conftest import csrf_token, login, make_app
from tests.test_realisasi import save, stored

WAIT_MS = 300  # the lock wait of the app under test
# Without a bounded wait the save would block for good; the holder lets go after this long, so
# such a build fails (the late save answers 200) instead of hanging the suite.
RELEASE_ANYWAY_S = 20
# Who holds a lock the save needs: on PostgreSQL a row lock on the cell's realisasi row, a
# table lock, or another writer of the same cell (the app's own lock_cell); on SQLite the
# database write lock.
HOLDERS = ["row", "table", "cell"] if pg_mode.ENABLED else ["write"]


class Holder:
    """A second connection that takes a lock and lets it go (once)."""

    def __init__(self, url: str, kind: str):
        self.kind, self._lock, self._done = kind, threading.Lock(), False
        if kind == "write":
            self._conn = sqlite3.connect(sa.engine.make_url(url).database, isolation_level=None)
        else:
            self._engine = sa.create_engine(url, poolclass=NullPool)
            self._session = Session(self._engine)
        self._timer = threading.Timer(RELEASE_ANYWAY_S, self.release)
        self._timer.daemon = True

    def hold(self) -> None:
        if self.kind == "write":
            self._conn.execute("BEGIN IMMEDIATE")
        elif self.kind == "row":
            self._session.execute(sa.text(
                "SELECT id FROM realisasi WHERE indicator_id = 6 AND quarter = 1 FOR UPDATE"))
        elif self.kind == "table":
            self._session.execute(sa.text("LOCK TABLE realisasi IN EXCLUSIVE MODE"))
        elif self.kind == "migration":  # what ALTER TABLE takes: readers wait too
            self._session.execute(sa.text("LOCK TABLE realisasi IN ACCESS EXCLUSIVE MODE"))
        else:
            database.lock_cell(self._session, 6, 1)
        self._timer.start()

    def release(self) -> None:
        with self._lock:
            self._timer.cancel()
            if self._done:
                return
            self._done = True
            if self.kind == "write":
                self._conn.close()  # ends its transaction
            else:
                self._session.close()
                self._engine.dispose()


@pytest.fixture
def quick_app(app, tmp_path, monkeypatch):
    """The same database as `app`, served by an app that waits WAIT_MS for a lock."""
    if pg_mode.ENABLED:
        quick = make_app(tmp_path, PG_LOCK_TIMEOUT_MS=WAIT_MS)
    else:
        monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", WAIT_MS)
        quick = make_app(tmp_path)
    yield quick
    with quick.app_context():
        db.engine.dispose()


@pytest.fixture
def quick_admin(quick_app):
    client = quick_app.test_client()
    assert login(client).status_code == 302
    client.token = csrf_token(client)
    return client


@pytest.fixture(params=HOLDERS)
def holder(request, quick_app):
    holder = Holder(quick_app.config["SQLALCHEMY_DATABASE_URI"], request.param)
    yield holder
    holder.release()


def test_a_writer_that_cannot_get_the_lock_is_told_to_try_again(quick_app, quick_admin,
                                                                holder):
    assert save(quick_admin, "90", indicator=6, version=0, base="").status_code == 200
    holder.hold()
    response = save(quick_admin, "95", indicator=6, version=1, base="90")
    holder.release()
    assert response.status_code == 503, response.text
    assert response.text == BUSY_MESSAGE  # htmx: the text for the page-wide alert
    assert "coba lagi" in response.text and response.headers["Retry-After"] == "2"
    assert stored(quick_app, 6)[0] == Decimal(90)  # what was saved before stays
    # The same save, sent again once the lock is free, goes through.
    response = save(quick_admin, "95", indicator=6, version=1, base="90")
    assert response.status_code == 200
    assert stored(quick_app, 6)[0] == Decimal(95)


def test_a_plain_form_gets_the_try_again_page(quick_app, quick_admin, holder):
    """Kendala of the same cell, posted without htmx, while another holds the lock."""
    assert save(quick_admin, "90", indicator=6, version=0, base="").status_code == 200
    holder.hold()
    response = quick_admin.post("/barito-selatan/2023/indikator/6/1/catatan", data={
        "csrf_token": quick_admin.token, "obstacles": "Anggaran terlambat.", "solutions": "",
        "follow_up": "", "version": "1", "base_obstacles": "", "base_solutions": "",
        "base_follow_up": ""})
    holder.release()
    assert response.status_code == 503
    assert "coba lagi" in response.text and "<html" in response.text
    with quick_app.app_context():
        assert db.session.scalar(sa.text(
            "SELECT obstacles FROM realisasi WHERE indicator_id = 6 AND quarter = 1")) == ""


@pytest.mark.skipif(not pg_mode.ENABLED, reason="on SQLite a reader never waits for a lock")
def test_a_page_behind_a_migration_lock_says_reload_later(quick_app, quick_admin):
    holder = Holder(quick_app.config["SQLALCHEMY_DATABASE_URI"], "migration")
    holder.hold()
    try:
        page = quick_admin.get("/barito-selatan/2023/realisasi")
        fragment = quick_admin.get("/barito-selatan/2023/realisasi", headers={"HX-Request": "true"})
    finally:
        holder.release()
    assert page.status_code == 503 and "Muat ulang halaman ini" in page.text
    assert "belum disimpan" not in page.text
    assert fragment.status_code == 503 and fragment.text == BUSY_READ_MESSAGE
    assert quick_admin.get("/barito-selatan/2023/realisasi").status_code == 200


@pytest.mark.skipif(not pg_mode.ENABLED, reason="PostgreSQL's lock_timeout")
def test_postgresql_connections_wait_for_a_lock_at_most_the_setting(app, quick_app):
    with app.app_context():
        assert db.session.scalar(sa.text("SHOW lock_timeout")) == "5s"  # the default
    with quick_app.app_context():
        assert db.session.scalar(sa.text("SHOW lock_timeout")) == f"{WAIT_MS}ms"


def test_the_lock_wait_is_read_from_the_environment(tmp_path, monkeypatch):
    assert from_environment(tmp_path)["PG_LOCK_TIMEOUT_MS"] == 5000
    monkeypatch.setenv("PG_LOCK_TIMEOUT_MS", "2500")
    assert from_environment(tmp_path)["PG_LOCK_TIMEOUT_MS"] == 2500


def test_lock_timeout_joins_options_given_in_the_address(tmp_path):
    app = make_app(tmp_path, PG_LOCK_TIMEOUT_MS=1500, SQLALCHEMY_DATABASE_URI=(
        "postgresql://u@/iku?host=/tmp&options=-c%20statement_timeout%3D60000"))
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["options"] == (
        "-c statement_timeout=60000 -c lock_timeout=1500")


class _Orig(Exception):
    def __init__(self, message, pgcode=None):
        super().__init__(message)
        self.pgcode = pgcode


@pytest.mark.parametrize(("orig", "expired"), [
    (_Orig("ERROR: canceling statement due to lock timeout", "55P03"), True),
    # PostgreSQL translates its messages (lc_messages): the code decides, not the text
    (_Orig("FEHLER: storniere Anfrage wegen Zeitüberschreitung einer Sperre", "55P03"), True),
    (_Orig("ERROR: deadlock detected (lock timeout words here)", "40P01"), False),
    (_Orig("server closed the connection unexpectedly"), False),
], ids=["lock-timeout", "translated", "other-code", "no-code"])
def test_lock_wait_expired_reads_the_postgresql_code(orig, expired):
    error = sa.exc.OperationalError("SELECT 1", {}, orig)
    assert database.lock_wait_expired(error) is expired


def test_lock_wait_expired_reads_the_sqlite_code(tmp_path):
    path = tmp_path / "x.sqlite3"
    first = sqlite3.connect(path, isolation_level=None)
    second = sqlite3.connect(path, isolation_level=None, timeout=0)
    first.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError) as busy:
        second.execute("BEGIN IMMEDIATE")
    first.execute("ROLLBACK")
    with pytest.raises(sqlite3.OperationalError) as other:
        second.execute("SELECT * FROM no_such_table")
    first.close()
    second.close()
    assert database.lock_wait_expired(busy.value)
    assert not database.lock_wait_expired(other.value)
