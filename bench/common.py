"""What the in-process benchmarks share: a scratch app, the demo year on it, the timing of a
call and the --runs option."""
import argparse
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from iku_web import create_app  # noqa: E402


def make_app(instance: Path, **config):
    """IKU Web on a scratch SQLite file and upload folder inside `instance`."""
    return create_app({
        "TESTING": True, "INSTANCE_PATH": str(instance), "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'bench.sqlite3'}",
        "UPLOAD_DIR": str(instance / "uploads"), **config,
    })


@contextmanager
def demo_year():
    """Inside the app and a request context of a scratch app built by the migrations with the
    demo data: the demo year (TA 2023)."""
    from flask_migrate import upgrade

    from iku_web.extensions import db
    from iku_web.models import Year
    from iku_web.seed import load_demo

    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp))
        with app.app_context(), app.test_request_context("/"):
            upgrade()
            load_demo()
            yield db.session.query(Year).filter_by(year=2023).one()


def runs_option(doc: str) -> int:
    """The --runs option (default 5) of a benchmark described by its module docstring."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    return parser.parse_args().runs


def timed(fn, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of `runs` calls."""
    fn()  # warm-up: template compilation and font loading are not per request
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def add_admin(password: str):
    """The account "admin" with the admin role and this password, added to the session."""
    from iku_web.extensions import db
    from iku_web.models import User

    admin = User(username="admin", role="admin", full_name="Admin")
    admin.set_password(password)
    db.session.add(admin)
    return admin


def add_realisasi(indicators, quarters=(1, 2)) -> None:
    """Realisasi between 20 and 99 in `quarters` for each of `indicators` (already flushed)."""
    from iku_web.extensions import db
    from iku_web.models import Realisasi

    db.session.add_all(Realisasi(indicator_id=indicator.id, quarter=quarter,
                                 value=Decimal(20 + n % 80), version=1)
                       for n, indicator in enumerate(indicators) for quarter in quarters)
