"""Concurrent logins against gunicorn on 127.0.0.1: N users log in at the same moment.

    python bench/login_bench.py [--clients 50] [--workers 3] [--runs 3]

Seeds a scratch SQLite database (one verifier per client, the default password hash, scrypt),
starts gunicorn, fetches the login form once per client, then releases all the login POSTs
together. Prints per run: how many succeeded (302), the other answers, the median and slowest
login, and as the yardstick of the same run the median of N simultaneous GETs of the login
form (a plain page, no password hashing, no write); then the medians over the runs and their
ratio. Loopback only.
"""
import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import seed  # noqa: E402
from load_client import COOKIE_RE, PASSWORD, TOKEN_RE  # noqa: E402
from loopback import build, request, start, status, stop  # noqa: E402


def together(jobs) -> list[tuple[int, float]]:
    """Run the callables at the same moment, one thread each: (status, seconds) of each."""
    gate = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        gate.wait()
        started = time.perf_counter()
        try:
            code = status(job())
        except OSError:
            code = 0
        results[i] = (code, time.perf_counter() - started)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return [r or (0, 300.0) for r in results]


def login_requests(port: int, clients: int, run: int) -> list[bytes]:
    """One login POST per client, each with the cookie and token of its own form."""
    raws = []
    for k in range(clients):
        answer = request(port, build("GET", "/masuk"), timeout=60)
        cookie = COOKIE_RE.search(answer).group(1).decode()
        token = TOKEN_RE.search(answer).group(1).decode()
        body = f"username=v{k}&password={PASSWORD}&csrf_token={token}"
        raws.append(build("POST", "/masuk", {"Cookie": cookie}, body))
    return raws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (1 <= args.clients <= 200 and 1 <= args.runs <= 20):
        raise SystemExit("clients 1..200, runs 1..20")
    directory = Path(tempfile.mkdtemp(prefix="iku-login-"))
    seed(directory, args.clients)
    server, port = start("iku", directory, args.workers, "--timeout", "120")
    page_medians, login_medians = [], []
    try:
        request(port, build("GET", "/masuk"), timeout=60)  # warm-up
        for run in range(1, args.runs + 1):
            pages = together([lambda: request(port, build("GET", "/masuk"), timeout=120)]
                             * args.clients)
            raws = login_requests(port, args.clients, run)
            logins = together([lambda raw=raw: request(port, raw, timeout=120)
                               for raw in raws])
            page_median = statistics.median(t for _, t in pages)
            login_median = statistics.median(t for _, t in logins)
            page_medians.append(page_median)
            login_medians.append(login_median)
            answers = Counter(code for code, _ in logins)
            print(f"run {run}: logins {answers[302]}/{args.clients} succeeded, answers "
                  f"{dict(answers)}; login median {login_median * 1000:.0f} ms, slowest "
                  f"{max(t for _, t in logins) * 1000:.0f} ms; page median "
                  f"{page_median * 1000:.0f} ms")
    finally:
        stop(server)
    page, login = statistics.median(page_medians), statistics.median(login_medians)
    print(f"clients {args.clients}, gunicorn workers {args.workers}, cpus {os.cpu_count()} "
          f"(shared machine: figures are indicative)")
    print(f"median of {args.runs} runs: login {login * 1000:.0f} ms, login form GET "
          f"{page * 1000:.0f} ms, ratio {login / page:.1f}")


if __name__ == "__main__":
    main()
