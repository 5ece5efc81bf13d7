"""Run the browser tests again and again while busy processes keep every core loaded, and count
the failures per test: a test that fails only on a busy machine shows up here, not in one run.

    python tests/stress.py [--runs 10] [--busy N] [--workers 2] [pytest arguments ...]

Without pytest arguments it runs tests/browser. Each run keeps pytest's output and, for each
failed test, its Playwright trace in test-artifacts/stress/run-<n>/ (open the trace with
`playwright show-trace <trace.zip>`). Exit status 1 when any run failed or the runs were
stopped early. How to use it: docs/testing.md.
"""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "stress"
BUSY_LOOP = "while True:\n    pass\n"


def start_busy(count: int) -> list[subprocess.Popen]:
    """One process spinning per core: the tests compete for the CPU as on a shared CI box."""
    return [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(count)]


def stop_busy(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.kill()
    for process in processes:
        process.wait()


def failures_in(report: Path) -> list[str]:
    """The test ids that failed or errored in one pytest JUnit report."""
    if not report.exists():
        return []
    failed = []
    for case in ET.parse(report).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").replace(".", "/")
            failed.append(f"{module}.py::{case.get('name')}")
    return failed


def run_once(number: int, workers: int, pytest_args: list[str], scratch: Path):
    report = scratch / f"run-{number}.xml"
    output = ARTIFACTS / f"run-{number}"
    command = [sys.executable, "-m", "pytest", "-q",
               f"--junitxml={report}", "--tracing", "retain-on-failure", "--output", str(output)]
    if workers > 1:
        command += ["-n", str(workers), "--dist", "loadfile"]
    command += pytest_args
    started = time.monotonic()
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as result:
        try:
            stdout, stderr = result.communicate()
        except BaseException:  # stopped from outside: take the test run down with us
            result.terminate()
            raise
    seconds = time.monotonic() - started
    output.mkdir(parents=True, exist_ok=True)
    (output / "pytest.log").write_text(stdout + stderr)  # the failures' tracebacks
    failed = failures_in(report)
    if result.returncode != 0 and not failed:
        # pytest itself failed (collection error, bad argument): show why and count the run.
        print(stdout[-3000:], stderr[-3000:], sep="\n", file=sys.stderr)
        failed = [f"(pytest exit status {result.returncode})"]
    return failed, seconds, stdout.strip().splitlines()[-1:] or [""]


def _stop(signum, _frame):
    """Ctrl+C or kill: leave through the `finally` that stops the busy processes."""
    raise SystemExit(128 + signum)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--busy", type=int, default=os.cpu_count() or 2,
                        help="busy processes (default: one per core)")
    parser.add_argument("--workers", type=int, default=2, help="pytest -n (as make test)")
    args, pytest_args = parser.parse_known_args()
    pytest_args = pytest_args or ["tests/browser"]
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    counts: Counter[str] = Counter()
    durations, red_runs = [], 0
    signal.signal(signal.SIGTERM, _stop)
    busy = start_busy(args.busy)
    print(f"{args.runs} runs of {' '.join(pytest_args)} with {args.busy} busy processes "
          f"on {os.cpu_count()} cores", flush=True)
    started = time.monotonic()
    stopped = False
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for number in range(1, args.runs + 1):
                failed, seconds, last_line = run_once(number, args.workers, pytest_args,
                                                      Path(scratch))
                durations.append(seconds)
                red_runs += bool(failed)
                counts.update(failed)
                print(f"run {number}/{args.runs}: {'RED' if failed else 'green'} in "
                      f"{seconds:.0f} s ({last_line[0]})", flush=True)
                for test in failed:
                    print(f"    failed: {test}", flush=True)
    except (KeyboardInterrupt, SystemExit):
        stopped = True  # stopped early: still sum up the runs that ended
    finally:
        stop_busy(busy)
    done = len(durations)
    total = time.monotonic() - started
    print(f"\n{done - red_runs} of {done} runs green"
          f"{f' (stopped after {done} of {args.runs})' if stopped else ''}; "
          f"{total / 60:.1f} min in all", end="")
    print(f", median run {statistics.median(durations):.0f} s, slowest {max(durations):.0f} s"
          if durations else "")
    if counts:
        print("failures per test:")
        for test, count in counts.most_common():
            print(f"  {count}/{done}  {test}")
        print(f"traces: {ARTIFACTS.relative_to(ROOT)}/run-<n>/")
    return 1 if red_runs or stopped or not done else 0

if __name__ == "__main__":
    sys.exit(main())
