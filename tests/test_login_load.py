"""Many people logging in at the same moment under gunicorn: every login succeeds (none is
answered "database busy"). The timings are measured by bench/login_bench.py."""
import re
import shutil
import socket
import threading

from iku_web.extensions import db
from iku_web.models import LoginEvent, User, UserSession
from tests.conftest import make_app
from tests.live_gunicorn import gunicorn

CLIENTS = 50
PASSWORD = "serentak-rahasia-1"
TOKEN_RE = re.compile(rb'"X-CSRFToken": "([^"]+)"')
COOKIE_RE = re.compile(rb"Set-Cookie: (session=[^;]+)")


def _exchange(port: int, raw: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=120) as sock:
        sock.sendall(raw.encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _login_request(port: int, k: int) -> str:
    form = _exchange(port, "GET /masuk HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    cookie = COOKIE_RE.search(form).group(1).decode()
    token = TOKEN_RE.search(form).group(1).decode()
    body = f"username=serentak{k}&password={PASSWORD}&csrf_token={token}"
    return ("POST /masuk HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n{body}")


def test_fifty_simultaneous_logins_all_succeed(tmp_path, migrated_db):
    database = tmp_path / "iku.sqlite3"
    shutil.copy(migrated_db, database)
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}")
    with app.app_context():
        for k in range(CLIENTS):
            user = User(username=f"serentak{k}", role="verifier", full_name=f"Serentak {k}")
            user.set_password(PASSWORD)  # a cheap hash (conftest): the test is about the locks
            db.session.add(user)
        db.session.commit()
        db.engine.dispose()
    with gunicorn(database, tmp_path / "uploads", workers=3) as port:
        requests = [_login_request(port, k) for k in range(CLIENTS)]
        gate = threading.Barrier(CLIENTS)
        answers = [b""] * CLIENTS

        def log_in(k: int) -> None:
            gate.wait()
            answers[k] = _exchange(port, requests[k])

        threads = [threading.Thread(target=log_in, args=(k,)) for k in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    statuses = [answer.split(b" ", 2)[1].decode() if answer else "none" for answer in answers]
    assert statuses == ["302"] * CLIENTS, f"not every login succeeded: {statuses}"
    with app.app_context():
        assert db.session.query(UserSession).count() == CLIENTS
        assert db.session.query(LoginEvent).filter_by(outcome="success").count() == CLIENTS
        db.engine.dispose()
