"""Fault test: SIGKILL gunicorn workers in the middle of saves and uploads, then audit.

    python bench/faults.py [--clients 8] [--seconds 30] [--kill-every 1.5]

Starts gunicorn (2 workers) on 127.0.0.1 with a scratch database, runs clients that only save
realisasi cells and upload evidence (256 KB files, so that kills land inside uploads), and
kills a random worker with SIGKILL every few seconds (gunicorn starts a new one). Afterwards:
PRAGMA integrity_check, every acknowledged write and upload present with its value and bytes,
and the files without a row left by killed uploads, before and after the cleanup command that
README schedules (`flask evidence cleanup`, here without its one-hour grace since the server is
stopped). Loopback only; bounded in time.
"""
import argparse
import os
import random
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402
from load_audit import audit  # noqa: E402
from load_client import Client, Stats, run_all  # noqa: E402
from loopback import stop  # noqa: E402


def workers_of(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def killer(master: int, every: float, deadline: float, killed: list[int]) -> None:
    rng = random.Random(0)
    while time.perf_counter() < deadline:
        time.sleep(every * (0.5 + rng.random()))
        pids = workers_of(master)
        if pids:
            pid = rng.choice(pids)
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except ProcessLookupError:
                pass


def cleanup(directory: Path) -> str:
    os.environ["BENCH_DIR"] = str(directory)
    from bench_apps import iku

    from iku_web.evidence import commands

    commands.GRACE_SECONDS = 0
    result = iku.test_cli_runner().invoke(args=["evidence", "cleanup"])
    return result.output.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--kill-every", type=float, default=1.5)
    args = parser.parse_args()
    if not (1 <= args.clients <= 50 and 1 <= args.seconds <= 300 and args.kill_every >= 0.2):
        raise SystemExit("clients 1..50, seconds 1..300, kill-every >= 0.2")
    directory = Path(tempfile.mkdtemp(prefix="iku-faults-"))
    load.seed(directory, args.clients)
    server, port = load.start_server(directory, 2)
    killed: list[int] = []
    try:
        ids = [i for (i,) in sqlite3.connect(directory / "bench.sqlite3").execute(
            "SELECT id FROM indicator ORDER BY position")]
        stats = Stats()
        clients = [Client(k, port, ids, stats, 0) for k in range(args.clients)]
        for c in clients:  # log in before the kills start
            c.deadline = time.perf_counter() + 600
            c.weights = {"save_own": 60, "upload": 40}
            c.upload_size = 256 * 1024
            c.login()
        deadline = time.perf_counter() + args.seconds
        for c in clients:
            c.deadline = deadline
        threads = [threading.Thread(target=c.run) for c in clients]
        threads.append(threading.Thread(target=killer, args=(server.pid, args.kill_every,
                                                            deadline, killed)))
        elapsed = run_all(threads, args.seconds)
    finally:
        stop(server)
    result = audit(directory, clients)
    print(f"workers killed with SIGKILL: {len(killed)}")
    load.report(stats, elapsed, result, argparse.Namespace(clients=args.clients, workers=2))
    print(f"cleanup: {cleanup(directory)}")
    after = audit(directory, clients)
    print(f"after cleanup: orphan files {len(after['files_without_row'])}, rows without file "
          f"{len(after['rows_without_file'])}, lost uploads {len(after['lost_uploads'])}, "
          f"lost writes {len(after['lost_writes'])}, integrity_check {after['integrity']}")


if __name__ == "__main__":
    main()
