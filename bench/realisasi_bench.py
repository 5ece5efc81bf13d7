"""Benchmark of the realisasi page and save under gunicorn, against a bare Flask "hello".

    python bench/realisasi_bench.py [--rounds 5] [--seconds 2] [--workers 2] [--clients 4]
                                    [--kabupaten 14]

Seeds a scratch SQLite database (years 2050 with 50 and 2051 with 200 indicators), starts
gunicorn on 127.0.0.1 for IKU Web and for the hello app with the same settings, and prints the
median over several rounds of: requests/s of hello, of the save (logged in, CSRF token, each
client editing its own cell as a user would) and of the page, plus the page p50 latency of a
single sequential client. With --kabupaten N the install is a province with N Kabupaten below
it, every unit holding the same years (units_bench.build), and the office measured is the last
Kabupaten, by its own admin (scoped by unit and membership on every request). Not a test:
numbers depend on the machine.
"""
import argparse
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from loopback import build, request, start, stop  # noqa: E402
from seed_years import PASSWORD, YEARS, seeded  # noqa: E402

# The office measured: the path of its pages and its admin (set by single() or province()).
OFFICE = {"path": "", "admin": "admin"}


@contextmanager
def single():
    """seed_years.seeded, its one unit measured (its code comes from the empty profile the
    migration found: not the demo's barito-selatan)."""
    with seeded("iku-bench-") as directory:
        with sqlite3.connect(directory / "bench.sqlite3") as conn:
            code = conn.execute("SELECT code FROM unit ORDER BY id LIMIT 1").fetchone()[0]
        conn.close()
        OFFICE["path"] = f"/{code}"
        yield directory


@contextmanager
def province(kabupaten: int):
    """Like seed_years.seeded: a scratch folder with a province of `kabupaten` units."""
    from units_bench import build as build_province

    with tempfile.TemporaryDirectory(prefix="iku-bench-kab-") as tmp:
        _app, code = build_province(Path(tmp), kabupaten)
        OFFICE.update(path=f"/{code}", admin=f"admin.{code}")
        yield Path(tmp)


def login(port: int) -> tuple[str, str]:
    """(cookie header, CSRF token) of a logged-in admin session."""
    answer = request(port, build("GET", "/masuk"))
    cookie = re.search(rb"Set-Cookie: (session=[^;]+)", answer).group(1).decode()
    token = re.search(rb'"X-CSRFToken": "([^"]+)"', answer).group(1).decode()
    body = f"username={OFFICE['admin']}&password={PASSWORD}&csrf_token={token}"
    answer = request(port, build("POST", "/masuk", {"Cookie": cookie}, body))
    assert b" 302 " in answer.split(b"\r\n")[0], answer[:300]
    cookie = re.search(rb"Set-Cookie: (session=[^;]+)", answer).group(1).decode()
    page = request(port, build("GET", f"{OFFICE['path']}/2050/realisasi", {"Cookie": cookie}))
    token = re.search(rb'"X-CSRFToken": "([^"]+)"', page).group(1).decode()
    # Login starts a fresh session without a CSRF secret; the first page puts one in it and
    # sends the session cookie again, which the token belongs to.
    renewed = re.search(rb"Set-Cookie: (session=[^;]+)", page)
    return (renewed.group(1).decode() if renewed else cookie), token


def indicator_ids(port: int, cookie: str, year: int) -> list[int]:
    page = request(port, build("GET", f"{OFFICE['path']}/{year}/realisasi", {"Cookie": cookie}))
    return [int(i) for i in re.findall(rb'id="rl-row-(\d+)"', page)]


def throughput(port: int, make_request, clients: int, seconds: float) -> tuple[float, int]:
    """Requests/s of `clients` threads for `seconds`; make_request(client) -> bytes or None.

    Returns (rate, failures); a failure is any answer other than 200 (or a conflict message).
    """
    deadline = time.perf_counter() + seconds
    counts, failures = [0] * clients, [0] * clients

    def run(k: int) -> None:
        while time.perf_counter() < deadline:
            answer = request(port, make_request(k))
            status_ok = answer.startswith(b"HTTP/1.1 200")
            if not status_ok or b'data-state="conflict"' in answer:
                failures[k] += 1
            counts[k] += 1

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    start_time = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - start_time), sum(failures)


def latency_p50(port: int, raw: bytes, count: int = 60) -> float:
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        answer = request(port, raw)
        times.append(time.perf_counter() - t0)
        assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    return statistics.median(times) * 1000


class Saver:
    """Each client edits its own cell and keeps the version the server gave back, like a user
    typing; values alternate so every request is a real write."""

    def __init__(self, cookie: str, token: str, year: int, ids: list[int]):
        self.headers = {"Cookie": cookie, "X-CSRFToken": token, "HX-Request": "true"}
        self.year, self.ids = year, ids
        self.state: dict[int, tuple[int, str, int]] = {}

    def __call__(self, k: int) -> bytes:
        indicator = self.ids[k % len(self.ids)]
        version, base, n = self.state.get(k, (1, None, 0))
        value = str(30 + n % 50)
        if base is None:
            base = ""
        body = f"value={value}&version={version}&base={base}"
        self.state[k] = (version, base, n + 1)
        return build("POST", f"{OFFICE['path']}/{self.year}/realisasi/{indicator}/3",
                     self.headers, body)

    def wrap(self, port: int):
        def make(k: int) -> bytes:
            return self(k)

        def run_one(k: int) -> bytes:
            answer = request(port, make(k))
            version = re.search(rb'name="version" value="(\d+)"', answer)
            base = re.search(rb'name="base" value="([^"]*)"', answer)
            _, _, n = self.state[k]
            if version and base:
                self.state[k] = (int(version.group(1)), base.group(1).decode(), n)
            return answer

        return run_one


def save_throughput(port: int, saver: Saver, clients: int, seconds: float) -> tuple[float, int]:
    run_one = saver.wrap(port)
    deadline = time.perf_counter() + seconds
    counts, failures = [0] * clients, [0] * clients

    def run(k: int) -> None:
        while time.perf_counter() < deadline:
            answer = run_one(k)
            if not answer.startswith(b"HTTP/1.1 200") or b'data-state="saved"' not in answer:
                failures[k] += 1
            counts[k] += 1

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - t0), sum(failures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--kabupaten", type=int, default=0,
                        help="measure a Kabupaten of a province with this many")
    args = parser.parse_args()

    with (province(args.kabupaten) if args.kabupaten else single()) as directory:
        iku_proc, iku_port = start("iku", directory, args.workers, *_logged(directory, "iku"))
        hello_proc, hello_port = start("hello", directory, args.workers,
                                       *_logged(directory, "hello"))
        try:
            results = measure(args, iku_port, hello_port)
        finally:
            stop(iku_proc, hello_proc)
    report(args, results)


def _logged(directory: Path, app: str) -> tuple[str, ...]:
    """gunicorn options: each request logged to a file of the scratch folder."""
    return "--no-control-socket", "--access-logfile", str(directory / f"{app}.log")


def measure(args, iku_port: int, hello_port: int) -> dict:
    cookie, token = login(iku_port)
    hello_req = build("GET", "/")
    page_req = {year: build("GET", f"{OFFICE['path']}/{year}/realisasi", {"Cookie": cookie})
                for year in YEARS}
    savers = {year: Saver(cookie, token, year, indicator_ids(iku_port, cookie, year))
              for year in YEARS}
    samples: dict[str, list[float]] = {}
    failures = 0

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    for _ in range(args.rounds):
        rate, bad = throughput(hello_port, lambda k: hello_req, args.clients, args.seconds)
        add("hello", rate)
        failures += bad
        for year, count in YEARS.items():
            rate, bad = save_throughput(iku_port, savers[year], args.clients, args.seconds)
            add(f"save {count}", rate)
            failures += bad
            rate, bad = throughput(iku_port, lambda k, y=year: page_req[y], args.clients,
                                   args.seconds)
            add(f"page {count}", rate)
            failures += bad
            add(f"p50 page {count}", latency_p50(iku_port, page_req[year]))
        add("p50 hello", latency_p50(hello_port, hello_req))
    return {"medians": {k: statistics.median(v) for k, v in samples.items()},
            "failures": failures}


def report(args, results: dict) -> None:
    m = results["medians"]
    hello = m["hello"]
    office = (f"a Kabupaten ({OFFICE['path'][1:]}) of {args.kabupaten + 1} units"
              if args.kabupaten else "a single-unit install")
    print(f"gunicorn sync, {args.workers} workers; {args.clients} client threads; "
          f"median of {args.rounds} rounds of {args.seconds:g} s; {os.cpu_count()} CPUs; "
          f"{office}")
    print(f"{'measure':<28}{'req/s':>10}{'vs hello':>10}{'p50 ms':>10}")
    print(f"{'hello':<28}{hello:>10.0f}{'100%':>10}{m['p50 hello']:>10.2f}")
    for count in YEARS.values():
        save = m[f"save {count}"]
        print(f"{f'save ({count} indicators)':<28}{save:>10.1f}{save / hello:>10.1%}{'':>10}")
    small, large = (m[f"save {count}"] for count in YEARS.values())
    print(f"{'save 200 / save 50':<28}{large / small:>10.0%}   (aim: >= 85%)")
    for count in YEARS.values():
        page = m[f"page {count}"]
        print(f"{f'page ({count} indicators)':<28}{page:>10.0f}{page / hello:>10.0%}"
              f"{m[f'p50 page {count}']:>10.2f}")
    print(f"failed or conflicting requests: {results['failures']}")
    if results["failures"]:
        # A refused save answers fast: its rate would look like a fast save.
        raise SystemExit("some requests failed: the rates above do not measure saves")


if __name__ == "__main__":
    main()
