"""A throw-away PostgreSQL cluster for the tests, reached over a Unix socket in a temp folder."""
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb refuses to run as root; Debian's package creates the `postgres` user.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Cluster:
    def __init__(self):
        # Not under pytest's tmp_path: that tree is private to root, and the server runs as
        # the postgres user.
        self.base = base = Path(tempfile.mkdtemp(prefix="iku-pg-"))
        self.data, self.sock = base / "data", base / "sock"
        self.data.mkdir(parents=True)
        self.sock.mkdir()
        if os.geteuid() == 0:
            shutil.chown(base, "postgres")
            for path in (self.data, self.sock):
                shutil.chown(path, "postgres")
        self.port = 5432

    def run(self, *cmd: str) -> None:
        subprocess.run(_as_postgres(list(cmd)), check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self.run(pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                 "--no-sync")
        options = f"-k {self.sock} -c listen_addresses='' -p {self.port} -c fsync=off"
        # -l: the server must not inherit our pipes, or run() would wait for it to exit.
        self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                 str(self.base / "server.log"), "-w", "start")

    def create_database(self, name: str) -> str:
        self.run(pg_bin("createdb"), "-h", str(self.sock), "-p", str(self.port), "-U",
                 "postgres", name)
        return f"postgresql://postgres@/{name}?host={self.sock}&port={self.port}"

    def stop(self) -> None:
        try:
            self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
