"""The app under a real gunicorn on 127.0.0.1 (some faults show only with gunicorn)."""
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database: Path, uploads: Path, workers: int = 1, **env):
    """Yield the port of a gunicorn serving create_app() on this database and folder."""
    port = free_port()
    environ = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "UPLOAD_DIR": str(uploads),
               "SECRET_KEY": "test-secret", **{k: str(v) for k, v in env.items()}}
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn_bin), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--timeout", "60", "iku_web:create_app()"],
        cwd=ROOT, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
