"""SQLite connection settings and BEGIN IMMEDIATE (why: docs/architecture.md, section SQLite).

The listeners are registered on the Engine class, so every engine the app creates gets them;
they do nothing for other databases (PostgreSQL).
"""
import sqlite3

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import scoped_session

_IMMEDIATE = "iku_sqlite_immediate"
# How long a writer waits for SQLite's write lock before the request is answered "coba lagi".
BUSY_TIMEOUT_MS = 5000


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
