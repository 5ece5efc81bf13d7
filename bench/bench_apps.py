"""The two WSGI apps the benchmark serves with gunicorn: IKU Web on a scratch database, and a
bare Flask "hello" as the yardstick. Configured from BENCH_DIR (set by seed_years.py), and
BENCH_DATABASE_URL when the database is not the SQLite file there (national_load.py)."""
import os
from pathlib import Path

from flask import Flask

from iku_web import create_app

_dir = Path(os.environ.get("BENCH_DIR", "/tmp/iku-bench"))

iku = create_app({
    "INSTANCE_PATH": str(_dir),
    "SECRET_KEY": "bench-secret",
    "SQLALCHEMY_DATABASE_URI": os.environ.get("BENCH_DATABASE_URL",
                                              f"sqlite:///{_dir / 'bench.sqlite3'}"),
    "UPLOAD_DIR": str(_dir / "uploads"),
})

hello = Flask("hello")


@hello.route("/")
def index():
    return "hello"
