"""The save half of the national benchmark: a Kabupaten's realisasi saves from many concurrent
clients against gunicorn, on a database built by national_build.py.

Every client is a verifier of the same Kabupaten (tree.save_unit) and writes its TW IV cell of
indicator k mod 15, following the page's version/base protocol (a conflict answer gives the
current version, which the next save starts from), with a random pause between saves (think
time). So the work per save is the same on a 553-unit install and on a 1-unit install: only
the size of the rest of the database differs.
"""
import os
import random
import re
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from load_client import COOKIE_RE, TOKEN_RE
from loopback import build, request, start, status
from national_build import PASSWORD, YEAR

VERSION_RE = re.compile(rb'name="version" value="(\d+)"')
BASE_RE = re.compile(rb'name="base" value="([^"]*)"')


@dataclass
class Run:
    """One timed run: the saves' wall times (seconds), those of the saves answered "saved"
    (the others were conflicts: 200 clients share the Kabupaten's 15 open cells, so most of
    them start from a version someone else has already replaced), and what else happened."""
    times: list[float]
    saved: list[float]
    errors: int
    conflicts: int
    seconds: float
    load: float  # the 1-minute load average at the end

    def percentile(self, p: float, saved: bool = False) -> float:
        ordered = sorted(self.saved if saved else self.times)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def serve(url: str, directory: Path, workers: int):
    """gunicorn serving the app on the database at `url`; (process, port)."""
    os.environ["BENCH_DATABASE_URL"] = url
    try:
        return start("iku", directory, workers, "--timeout", "120")
    finally:
        del os.environ["BENCH_DATABASE_URL"]


class SaveClient:
    def __init__(self, k: int, port: int, unit: str, indicator_ids: list[int], think: float):
        self.k, self.port, self.unit, self.think = k, port, unit, think
        self.cell = indicator_ids[k % len(indicator_ids)]
        self.rng = random.Random(k)
        self.version, self.base = 0, ""
        self.counter = 0

    def login(self) -> None:
        answer = request(self.port, build("GET", "/masuk"), timeout=60)
        cookie = COOKIE_RE.search(answer).group(1).decode()
        token = TOKEN_RE.search(answer).group(1).decode()
        body = f"username=v{self.k}&password={PASSWORD}&csrf_token={token}"
        answer = request(self.port, build("POST", "/masuk", {"Cookie": cookie}, body), timeout=60)
        assert status(answer) == 302, answer[:200]
        self.cookie = COOKIE_RE.search(answer).group(1).decode()
        page = request(self.port, build("GET", f"/{self.unit}/{YEAR}/realisasi",
                                        {"Cookie": self.cookie}), timeout=60)
        self.token = TOKEN_RE.search(page).group(1).decode()
        renewed = COOKIE_RE.search(page)
        if renewed:
            self.cookie = renewed.group(1).decode()

    def save(self, out: dict) -> None:
        self.counter += 1
        body = f"value={self.k * 1000 + self.counter}&version={self.version}&base={self.base}"
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.token, "HX-Request": "true"}
        raw = build("POST", f"/{self.unit}/{YEAR}/realisasi/{self.cell}/4", headers, body)
        started = time.perf_counter()
        try:
            answer = request(self.port, raw, timeout=60)
        except OSError:
            out["errors"] += 1
            return
        elapsed = time.perf_counter() - started
        if status(answer) != 200:
            out["errors"] += 1
            return
        out["times"].append(elapsed)
        found_version, found_base = VERSION_RE.search(answer), BASE_RE.search(answer)
        if found_version and found_base:
            self.version, self.base = int(found_version.group(1)), found_base.group(1).decode()
        if b'data-state="conflict"' in answer:
            out["conflicts"] += 1
        elif b'data-state="saved"' in answer:
            out["saved"].append(elapsed)

    def run(self, deadline: float, out: dict, start_line: threading.Barrier) -> None:
        start_line.wait()
        # Spread the first saves over one think time, as clients that are already working.
        self.pause(self.rng.uniform(0, self.think), deadline)
        while time.perf_counter() < deadline:
            self.save(out)
            self.pause(self.rng.expovariate(1 / self.think), deadline)

    @staticmethod
    def pause(seconds: float, deadline: float) -> None:
        time.sleep(max(0.0, min(seconds, deadline - time.perf_counter())))


def logged_in(port: int, unit: str, indicator_ids: list[int], clients: int,
              think: float) -> list[SaveClient]:
    """`clients` clients, logged in (a few at a time: logins are not what is measured)."""
    made = [SaveClient(k, port, unit, indicator_ids, think) for k in range(clients)]
    lock, queue = threading.Lock(), list(made)

    def work():
        while True:
            with lock:
                if not queue:
                    return
                client = queue.pop()
            client.login()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return made


def timed_run(clients: list[SaveClient], seconds: float) -> Run:
    """All clients saving for `seconds` (each one's pause included), started together."""
    start_line = threading.Barrier(len(clients) + 1)
    deadline = time.perf_counter() + seconds
    outs = [{"times": [], "saved": [], "errors": 0, "conflicts": 0} for _ in clients]
    threads = [threading.Thread(target=c.run, args=(deadline, o, start_line), daemon=True)
               for c, o in zip(clients, outs, strict=True)]
    for t in threads:
        t.start()
    start_line.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return Run([t for o in outs for t in o["times"]], [t for o in outs for t in o["saved"]],
               sum(o["errors"] for o in outs),
               sum(o["conflicts"] for o in outs), time.perf_counter() - started,
               os.getloadavg()[0])


def summary(runs: list[Run]) -> dict:
    """Medians over the runs of each run's p50 and p95 (ms), and the totals."""
    return {"p50": statistics.median(r.percentile(50) for r in runs) * 1000,
            "p95": statistics.median(r.percentile(95) for r in runs) * 1000,
            "saved_p50": statistics.median(r.percentile(50, True) for r in runs) * 1000,
            "saved_p95": statistics.median(r.percentile(95, True) for r in runs) * 1000,
            "saves": sum(len(r.times) for r in runs),
            "errors": sum(r.errors for r in runs),
            "conflicts": sum(r.conflicts for r in runs),
            "per_second": statistics.median(len(r.times) / r.seconds for r in runs),
            "load": statistics.median(r.load for r in runs)}
