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
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_audit import audit  # noqa: E402
from load_client import PASSWORD, YEAR, Client, Stats, run_all  # noqa: E402
from loopback import start, stop  # noqa: E402

INDICATORS = 60


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


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def start_server(directory: Path, workers: int):
    """gunicorn on a free loopback port, serving bench_apps:iku on `directory`."""
    return start("iku", directory, workers, "--timeout", "120")


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
        deadline = time.perf_counter() + args.seconds
        clients = [Client(k, port, ids, stats, deadline) for k in range(args.clients)]
        elapsed = run_all([threading.Thread(target=c.run) for c in clients], args.seconds)
    finally:
        stop(server)
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
