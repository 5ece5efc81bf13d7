"""The clients of the load and fault tests: each logs in as its own verifier, then mixes page
reads, PDF downloads, realisasi saves (on a cell of its own and on one cell shared by all,
following the page's version/base protocol) and evidence uploads, and remembers what the
server acknowledged, for load_audit.py to check."""
import hashlib
import os
import random
import re
import threading
import time
from collections import defaultdict

from loopback import build, request, status

PASSWORD = "bench-password-1"
YEAR = 2050
MAX_REQUESTS_PER_CLIENT = 5000
WEIGHTS = {"page": 35, "pdf": 4, "save_own": 30, "save_shared": 16, "upload": 15}
TOKEN_RE = re.compile(rb'"X-CSRFToken": "([^"]+)"')
COOKIE_RE = re.compile(rb"Set-Cookie: (session=[^;]+)")


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
            answer = request(self.port, raw, timeout=30)
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


def run_all(threads: list[threading.Thread], seconds: float) -> float:
    """Start the threads and wait for them (bounded); the seconds it took."""
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 180)
    return time.perf_counter() - started
