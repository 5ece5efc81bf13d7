"""Load test: N clients for T seconds against gunicorn on 127.0.0.1, then an audit of the data.

    python bench/load.py [--clients 50] [--seconds 60] [--workers 3]

Seeds a scratch SQLite database (year 2050, 60 indicators, one verifier account per client),
starts gunicorn on a free loopback port and runs the clients as threads. Each logs in, then
mixes page reads, PDF downloads, realisasi saves on a cell of its own and on one cell shared by
all (following the version/base protocol of the page: a conflict answer gives the current
version, which the next save starts from) and evidence uploads. At the end it stops the server
and checks in the database that every acknowledged write and upload is there with the right
value and bytes. Prints requests, errors (5xx, resets, timeouts), p50/p95/p99 per kind,
throughput, lost writes and orphans. Loopback only; bounded in time and in requests.
"""
import argparse
import hashlib
import os
import random
import re
import socket
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from realisasi_bench import build, free_port  # noqa: E402

PASSWORD = "bench-password-1"
YEAR = 2050
INDICATORS = 60
MAX_REQUESTS_PER_CLIENT = 5000
WEIGHTS = {"page": 35, "pdf": 4, "save_own": 30, "save_shared": 16, "upload": 15}
TOKEN_RE = re.compile(rb'"X-CSRFToken": "([^"]+)"')
COOKIE_RE = re.compile(rb"Set-Cookie: (session=[^;]+)")


def seed(directory: Path, clients: int) -> None:
    os.environ["BENCH_DIR"] = str(directory)
    from bench_apps import iku
    from flask_migrate import upgrade

    from iku_web.extensions import db
    from iku_web.models import Indicator, User, Year

    with iku.app_context():
        upgrade()
        year = Year(year=YEAR, institution_name="KPU Beban")
        for i in range(1, INDICATORS + 1):
            year.indicators.append(Indicator(
                position=i, name=f"Indikator {i}", target_kind="percent",
                target_value=Decimal(100), target_unit="%"))
        db.session.add(year)
        for k in range(clients):
            user = User(username=f"v{k}", role="verifier", full_name=f"Verifikator {k}")
            user.password_hash = _hash()
            db.session.add(user)
        db.session.commit()
        db.engine.dispose()


_HASH = {}


def _hash() -> str:
    from werkzeug.security import generate_password_hash

    if "h" not in _HASH:
        _HASH["h"] = generate_password_hash(PASSWORD)
    return _HASH["h"]


def exchange(port: int, raw: bytes, timeout: float = 30) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status(answer: bytes) -> int:
    try:
        return int(answer.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def multipart(fields: dict, file_name: str, content: bytes) -> tuple[str, bytes]:
    boundary = "beban" + os.urandom(8).hex()
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; '
                 f'filename="{file_name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                 + content + b"\r\n")
    return boundary, b"".join(parts) + f"--{boundary}--\r\n".encode()


class Client:
    def __init__(self, k: int, port: int, ids: list[int], stats, deadline: float):
        self.k, self.port, self.ids, self.stats, self.deadline = k, port, ids, stats, deadline
        self.rng = random.Random(k)
        cells = [(i, q) for q in (1, 2, 3) for i in ids]
        self.own = cells[k % len(cells)]
        self.shared = (ids[0], 4)
        self.state = {}  # cell -> (version, base)
        self.counter = 0
        self.acked_own = None  # last acknowledged value of the own cell
        self.pending_own = []  # values sent since then whose answer did not (yet) say saved
        self.acked_shared = None  # last acknowledged value of the shared cell
        self.uploads = []  # sha256 of acknowledged uploads
        self.weights = WEIGHTS
        self.upload_size = 2048

    def timed(self, kind: str, raw: bytes) -> bytes | None:
        start = time.perf_counter()
        try:
            answer = exchange(self.port, raw)
        except TimeoutError:
            self.stats.error(kind, "timeout")
            return None
        except OSError:
            self.stats.error(kind, "reset")
            return None
        self.stats.record(kind, time.perf_counter() - start)
        if status(answer) >= 500 or status(answer) == 0:
            self.stats.error(kind, f"http {status(answer)}")
            return None
        return answer

    def login(self) -> bool:
        answer = self.timed("login_page", build("GET", "/masuk"))
        if not answer:
            return False
        cookie = COOKIE_RE.search(answer).group(1).decode()
        token = TOKEN_RE.search(answer).group(1).decode()
        body = f"username=v{self.k}&password={PASSWORD}&csrf_token={token}"
        answer = self.timed("login", build("POST", "/masuk", {"Cookie": cookie}, body))
        if not answer or status(answer) != 302:
            return False
        self.cookie = COOKIE_RE.search(answer).group(1).decode()
        page = self.timed("page", build("GET", f"/{YEAR}/realisasi", {"Cookie": self.cookie}))
        self.token = TOKEN_RE.search(page).group(1).decode()
        renewed = COOKIE_RE.search(page)  # the new session got its CSRF token on this page
        if renewed:
            self.cookie = renewed.group(1).decode()
        return True

    def headers(self) -> dict:
        return {"Cookie": self.cookie, "X-CSRFToken": self.token, "HX-Request": "true"}

    def save(self, kind: str, cell: tuple[int, int]) -> None:
        self.counter += 1
        value = str(1000 * self.k + self.counter)
        version, base = self.state.get(cell, (0, ""))
        body = f"value={value}&version={version}&base={base}"
        if kind == "save_own":
            self.pending_own.append(value)  # sent; maybe stored even if no answer comes
        answer = self.timed(kind, build("POST", f"/{YEAR}/realisasi/{cell[0]}/{cell[1]}",
                                        self.headers(), body))
        if answer is None:
            return
        found_version = re.search(rb'name="version" value="(\d+)"', answer)
        found_base = re.search(rb'name="base" value="([^"]*)"', answer)
        if found_version and found_base:
            self.state[cell] = (int(found_version.group(1)), found_base.group(1).decode())
        if b'data-state="saved"' in answer:
            if kind == "save_own":
                self.acked_own, self.pending_own = value, []
            else:
                self.acked_shared = value
        elif b'data-state="conflict"' in answer:
            self.stats.count("conflicts")
        else:
            self.stats.count(f"{kind} answered {status(answer)}")

    def upload(self) -> None:
        content = (b"%PDF-1.4\n% beban " + f"{self.k}-{self.counter}-".encode()
                   + os.urandom(self.upload_size) + b"\n%%EOF\n")
        self.counter += 1
        boundary, body = multipart({}, f"bukti-{self.k}-{self.counter}.pdf", content)
        head = [f"POST /{YEAR}/indikator/{self.own[0]}/bukti/{self.own[1]} HTTP/1.1",
                "Host: 127.0.0.1", "Connection: close",
                f"Content-Type: multipart/form-data; boundary={boundary}",
                f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in self.headers().items()]
        answer = self.timed("upload", ("\r\n".join(head) + "\r\n\r\n").encode() + body)
        if answer is not None and b"berhasil diunggah" in answer:
            self.uploads.append(hashlib.sha256(content).hexdigest())
        elif answer is not None:
            self.stats.count(f"upload answered {status(answer)}")

    def run(self) -> None:
        if not getattr(self, "cookie", None) and not self.login():
            return
        kinds, weights = list(self.weights), list(self.weights.values())
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.perf_counter() >= self.deadline:
                break
            kind = self.rng.choices(kinds, weights)[0]
            if kind == "page":
                path = self.rng.choice([f"/{YEAR}/realisasi", f"/{YEAR}/iku",
                                        f"/{YEAR}/indikator/{self.own[0]}"])
                self.timed("page", build("GET", path, {"Cookie": self.cookie}))
            elif kind == "pdf":
                self.timed("pdf", build("GET", f"/{YEAR}/laporan/iku.pdf",
                                        {"Cookie": self.cookie}))
            elif kind == "save_own":
                self.save(kind, self.own)
            elif kind == "save_shared":
                self.save(kind, self.shared)
            else:
                self.upload()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.counts = defaultdict(int)

    def record(self, kind, seconds):
        with self.lock:
            self.times[kind].append(seconds)

    def error(self, kind, what):
        with self.lock:
            self.errors[f"{kind}: {what}"] += 1

    def count(self, what):
        with self.lock:
            self.counts[what] += 1


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def audit(directory: Path, clients: list[Client]) -> dict:
    """Compare what the server acknowledged with what the database and the folder hold."""
    conn = sqlite3.connect(directory / "bench.sqlite3")
    result = {"integrity": conn.execute("PRAGMA integrity_check").fetchone()[0]}
    users = dict(conn.execute("SELECT username, id FROM user"))
    lost = []
    for c in clients:
        if c.acked_own is not None:
            row = conn.execute("SELECT value FROM realisasi WHERE indicator_id=? AND quarter=?",
                               c.own).fetchone()
            # A later save may have been stored although its answer was lost (a killed
            # worker); anything else means the acknowledged value was lost.
            allowed = {Decimal(v) for v in [c.acked_own, *c.pending_own]}
            if row is None or Decimal(str(row[0])) not in allowed:
                lost.append(("own", c.k, c.acked_own, row))
        if c.acked_shared is not None:
            # The cell is shared: this client's last acknowledged value must be in the history
            # (saves by one user within a minute are merged into one entry, last value kept).
            logged = conn.execute(
                "SELECT new_value FROM change_log WHERE indicator_id=? AND quarter=? AND "
                "field='value' AND user_id=?", (*c.shared, users[f"v{c.k}"])).fetchall()
            # The log keeps the display text ("4.010" in Indonesian notation).
            found = any(v and Decimal(v.replace(".", "").replace(",", ".")) ==
                        Decimal(c.acked_shared) for (v,) in logged)
            if not found:
                lost.append(("shared", c.k, c.acked_shared))
    result["lost_writes"] = lost
    stored = dict(conn.execute("SELECT sha256, stored_name FROM evidence"))
    acked = [h for c in clients for h in c.uploads]
    uploads = directory / "uploads"
    lost_uploads = [h for h in acked if h not in stored or not (uploads / stored[h]).is_file()
                    or hashlib.sha256((uploads / stored[h]).read_bytes()).hexdigest() != h]
    names = set(stored.values())
    files = {p.name for p in uploads.iterdir() if p.is_file()}
    result.update(acked_writes=sum(c.acked_own is not None for c in clients),
                  acked_uploads=len(acked), lost_uploads=lost_uploads,
                  files_without_row=sorted(files - names), rows_without_file=sorted(names - files))
    conn.close()
    return result


def start_server(directory: Path, workers: int):
    """gunicorn on a free loopback port, serving bench_apps:iku on `directory`."""
    import subprocess

    port = free_port()
    env = {**os.environ, "BENCH_DIR": str(directory),
           "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "--timeout", "120", "bench_apps:iku"],
        env=env, cwd=str(ROOT))
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if not (1 <= args.clients <= 200 and 1 <= args.seconds <= 600):
        raise SystemExit("clients 1..200, seconds 1..600")
    directory = Path(tempfile.mkdtemp(prefix="iku-load-"))
    seed(directory, args.clients)
    server, port = start_server(directory, args.workers)
    try:
        ids = [int(i) for (i,) in sqlite3.connect(directory / "bench.sqlite3").execute(
            "SELECT id FROM indicator ORDER BY position")]
        stats = Stats()
        started = time.perf_counter()
        clients = [Client(k, port, ids, stats, started + args.seconds)
                   for k in range(args.clients)]
        threads = [threading.Thread(target=c.run) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 180)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=60)
    report(stats, elapsed, audit(directory, clients), args)


def report(stats: Stats, elapsed: float, result: dict, args) -> None:
    total = sum(len(v) for v in stats.times.values())
    print(f"clients {args.clients}, {elapsed:.0f} s, gunicorn workers {args.workers}, "
          f"cpus {os.cpu_count()} (shared machine: figures are indicative)")
    print(f"requests {total}, throughput {total / elapsed:.1f}/s, "
          f"errors {sum(stats.errors.values())} {dict(stats.errors)}")
    print(f"{'kind':<12}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind, values in sorted(stats.times.items()):
        print(f"{kind:<12}{len(values):>7}{statistics.median(values) * 1000:>9.0f}"
              f"{percentile(values, 95) * 1000:>9.0f}{percentile(values, 99) * 1000:>9.0f}")
    print(f"other: {dict(stats.counts)}")
    print(f"integrity_check {result['integrity']}; acknowledged own-cell writers "
          f"{result['acked_writes']}, uploads {result['acked_uploads']}")
    print(f"lost writes {len(result['lost_writes'])} {result['lost_writes'][:5]}; "
          f"lost uploads {len(result['lost_uploads'])}; orphan files "
          f"{len(result['files_without_row'])}; rows without file "
          f"{len(result['rows_without_file'])}")


if __name__ == "__main__":
    main()
