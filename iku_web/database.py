"""SQLite connection settings and BEGIN IMMEDIATE, PostgreSQL's bounded lock wait, and the one
test of "gave up waiting for a lock" (why: docs/architecture.md, sections SQLite and
Concurrent writers).

The SQLite listeners are registered on the Engine class, so every engine the app creates gets
them; they do nothing for other databases (PostgreSQL).
"""
import sqlite3

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import scoped_session

_IMMEDIATE = "iku_sqlite_immediate"
# How long a writer waits for SQLite's write lock before the request is answered "coba lagi".
BUSY_TIMEOUT_MS = 5000
# PostgreSQL's answer when lock_timeout ran out (lock_not_available); the SQLite result codes
# of a busy or locked database.
LOCK_NOT_AVAILABLE = "55P03"
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def configure_engine(app: Flask) -> None:
    """On PostgreSQL, give every connection of the app `lock_timeout` = PG_LOCK_TIMEOUT_MS, so
    a statement waiting for a row, table or advisory lock gives up (SQLSTATE 55P03) instead of
    waiting forever; the request is then answered "coba lagi" like SQLite's busy timeout.
    Set as a connection option (no extra round trip); call before db.init_app."""
    url = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        return
    timeout = int(app.config.get("PG_LOCK_TIMEOUT_MS", BUSY_TIMEOUT_MS))
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    connect_args = dict(options.get("connect_args") or {})
    given = connect_args.get("options", url.query.get("options", ""))
    connect_args["options"] = f"{given} -c lock_timeout={timeout}".strip()
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "connect_args": connect_args}


def lock_wait_expired(error: BaseException) -> bool:
    """Whether a database error means "waited for a lock and gave up": SQLite busy or locked
    after busy_timeout, PostgreSQL lock_not_available after lock_timeout. The transaction did
    not happen, so the user may simply try again. Decided on the error codes, not the text
    (PostgreSQL translates its messages)."""
    orig = getattr(error, "orig", None) or error
    if isinstance(orig, sqlite3.Error):
        return (getattr(orig, "sqlite_errorcode", 0) & 0xFF) in (SQLITE_BUSY, SQLITE_LOCKED)
    code = getattr(orig, "pgcode", None) or getattr(orig, "sqlstate", None)
    return code == LOCK_NOT_AVAILABLE


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_conn, _record):
    if not isinstance(dbapi_conn, sqlite3.Connection):
        return
    # pysqlite defers BEGIN on its own; we emit BEGIN ourselves (below) to be able to ask
    # for BEGIN IMMEDIATE.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    if conn.dialect.name != "sqlite":
        return
    immediate = conn.get_execution_options().get(_IMMEDIATE)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def begin_write(session) -> None:
    """Start the session's transaction holding the write lock, for read-then-write requests.

    Under SQLite a deferred transaction that reads and then writes fails with "database is
    locked" when another writer got in between; BEGIN IMMEDIATE waits (busy_timeout) instead.
    On PostgreSQL this just starts a normal transaction.
    """
    session = session() if isinstance(session, scoped_session) else session
    if session.in_transaction():
        if session.connection().get_execution_options().get(_IMMEDIATE):
            return  # already holding the write lock: a check and its write stay together
        session.commit()
    session.connection(execution_options={_IMMEDIATE: True})


def lock_cell(session, indicator_id: int, quarter: int) -> None:
    """Serialise everything that checks and then changes one indicator's quarter: its review
    lock, its realisasi and narrative, its evidence.

    SQLite: the database write lock of begin_write already does it. PostgreSQL runs writers
    side by side, so a transaction-scoped advisory lock on the cell stops a verifier's approval
    from landing between another request's lock check and its save.
    """
    begin_write(session)
    session = session() if isinstance(session, scoped_session) else session
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                        {"key": indicator_id * 8 + quarter})
