"""gunicorn on a free loopback port serving an app of bench_apps.py, and raw HTTP/1.1 requests
to it, one connection each (gunicorn's sync worker closes it)."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(app: str, directory: Path, workers: int, *options: str) -> tuple[subprocess.Popen, int]:
    """gunicorn with `workers` sync workers serving bench_apps:`app` on the scratch folder
    `directory` (BENCH_DIR), with extra gunicorn `options`; returns once it accepts
    connections."""
    port = free_port()
    env = {**os.environ, "BENCH_DIR": str(directory),
           "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", *options, f"bench_apps:{app}"],
        env=env, cwd=str(ROOT))
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit(f"gunicorn for {app} did not start")


def stop(*procs: subprocess.Popen) -> None:
    """Stop the servers; on a loaded machine a graceful stop can take long, then kill."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def request(port: int, raw: bytes, timeout: float | None = None) -> bytes:
    """One exchange on a fresh connection: the whole answer, read until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(raw)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def build(method: str, path: str, headers: dict | None = None, body: str = "") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if method == "POST":
        lines += ["Content-Type: application/x-www-form-urlencoded",
                  f"Content-Length: {len(body.encode())}"]
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


def status(answer: bytes) -> int:
    """The status code of an answer, 0 when it has none."""
    try:
        return int(answer.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0
