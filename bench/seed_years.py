"""The scratch database of the realisasi benchmarks: an admin and the years 2050 (50
indicators) and 2051 (200 indicators), realisasi in TW I and II, served by bench_apps.py."""
import os
import tempfile
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

PASSWORD = "bench-password-1"
YEARS = {2050: 50, 2051: 200}


def seed(directory: Path) -> None:
    os.environ["BENCH_DIR"] = str(directory)
    from bench_apps import iku
    from flask_migrate import upgrade

    from bench.common import add_admin, add_realisasi
    from iku_web.extensions import db
    from iku_web.models import Indicator, Year

    with iku.app_context():
        upgrade()
        add_admin(PASSWORD)
        for year, count in YEARS.items():
            year_obj = Year(year=year, institution_name="KPU Bench")
            for i in range(1, count + 1):
                year_obj.indicators.append(Indicator(
                    position=i, name=f"Indikator kinerja nomor {i}", target_kind="percent",
                    target_value=Decimal(100), target_unit="%", target_tw1=Decimal(25),
                    target_tw2=Decimal(50), target_tw3=Decimal(75), target_tw4=Decimal(100)))
            db.session.add(year_obj)
            db.session.flush()
            add_realisasi(year_obj.indicators)
        db.session.commit()
        db.engine.dispose()


@contextmanager
def seeded(prefix: str):
    """A temporary folder holding the seeded database (the app in bench_apps serves it)."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        seed(Path(tmp))
        yield Path(tmp)
