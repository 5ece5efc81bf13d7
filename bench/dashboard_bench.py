"""Benchmark of the dashboard against the realisasi page of the same 200-indicator year.

    python bench/dashboard_bench.py [--indicators 200] [--rounds 30]

Seeds a scratch SQLite database (a year with realisasi in TW I and II, evidence on some cells,
copied from a previous year whose capaian the dashboard shows beside it),
logs in as an admin through the Flask test client and requests, alternately so that machine
noise hits both alike, the realisasi page, the dashboard (default quarter), the dashboard of
TW I (the htmx fragment of the quarter switch) and, fewer times, the dashboard PDF. Prints the
median wall time of each and its ratio to the realisasi page measured in the same run (aim:
dashboard <= 1.5x). Not a test: numbers depend on the machine.
"""
import argparse
import re
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-password-1"
YEAR = 2052


def seed(app, count: int) -> None:
    from flask_migrate import upgrade

    from bench.common import add_admin, add_realisasi
    from iku_web.extensions import db
    from iku_web.models import Evidence, Indicator, Realisasi, Review, Year

    with app.app_context():
        upgrade()
        add_admin(PASSWORD)
        previous = Year(year=YEAR - 1, institution_name="KPU Bench")
        for i in range(1, count + 1):
            previous.indicators.append(Indicator(
                position=i, name=f"Indikator kinerja nomor {i} tentang pelayanan pemilu",
                target_kind="percent", target_value=Decimal(100), target_unit="%"))
        db.session.add(previous)
        db.session.flush()
        for n, indicator in enumerate(previous.indicators):
            db.session.add(Realisasi(indicator_id=indicator.id, quarter=4,
                                     value=Decimal(50 + n % 60), version=1))
        year = Year(year=YEAR, institution_name="KPU Bench")
        for i in range(1, count + 1):
            year.indicators.append(Indicator(
                source_indicator_id=previous.indicators[i - 1].id,
                position=i, name=f"Indikator kinerja nomor {i} tentang pelayanan pemilu",
                target_kind="percent", target_value=Decimal(100), target_unit="%",
                target_tw1=Decimal(25), target_tw2=Decimal(50), target_tw3=Decimal(75),
                target_tw4=Decimal(100), aggregation="nilai_akhir" if i % 3 else "kumulatif"))
        db.session.add(year)
        db.session.flush()
        add_realisasi(year.indicators)
        for n, indicator in enumerate(year.indicators):
            if n % 2:
                db.session.add(Evidence(indicator_id=indicator.id, quarter=1,
                                        original_name="a.pdf", stored_name=f"{n:040d}",
                                        content_type="application/pdf", size=1,
                                        sha256="a" * 64))
            if n % 5 == 0:
                db.session.add(Review(indicator_id=indicator.id, quarter=1, status="approved"))
        db.session.commit()


def timed(client, url: str, headers: dict | None = None) -> tuple[float, float]:
    """(wall ms, CPU ms) of one request. The CPU time of this process is the steadier figure
    on a shared machine: other processes' load stretches the wall time only."""
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url, headers=headers or {})
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    assert response.status_code == 200, (url, response.status_code)
    return wall * 1000, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    from bench.common import make_app
    from iku_web.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp), TESTING=False)
        seed(app, args.indicators)
        client = app.test_client()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                          client.get("/masuk").text).group(1)
        client.post("/masuk", data={"username": "admin", "password": PASSWORD,
                                    "csrf_token": token})
        urls = {
            "realisasi page": f"/{YEAR}/realisasi",
            "dashboard": f"/{YEAR}/dasbor",
            "dashboard TW I (htmx)": f"/{YEAR}/dasbor?tw=1",
        }
        timed(client, urls["realisasi page"])  # templates compiled
        # The very first dashboard: no capaian remembered yet (iku_web/dashboard/memo.py).
        first = timed(client, urls["dashboard"])
        for url in urls.values():  # warm up
            timed(client, url)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in urls}
        htmx = {"HX-Request": "true"}
        for _ in range(args.rounds):
            for name, url in urls.items():
                samples[name].append(timed(client, url, htmx if "htmx" in name else None))
        samples["dashboard PDF"] = [timed(client, f"/{YEAR}/dasbor.pdf")
                                    for _ in range(max(3, args.rounds // 10))]
        with app.app_context():
            db.engine.dispose()

    base = [statistics.median(v[k] for v in samples["realisasi page"]) for k in (0, 1)]
    print(f"{args.indicators} indicators (and as many in the previous year, shown beside), "
          f"median of {args.rounds} alternating requests (Flask test client, one process)")
    print(f"{'request':<26}{'wall ms':>10}{'ratio':>8}{'CPU ms':>10}{'ratio':>8}")
    for name, values in samples.items():
        wall, cpu = (statistics.median(v[k] for v in values) for k in (0, 1))
        print(f"{name:<26}{wall:>10.1f}{wall / base[0]:>7.2f}x{cpu:>10.1f}{cpu / base[1]:>7.2f}x")
    print(f"{'dashboard, first request':<26}{first[0]:>10.1f}{first[0] / base[0]:>7.2f}x"
          f"{first[1]:>10.1f}{first[1] / base[1]:>7.2f}x  (once, nothing remembered yet)")
    print("ratio: to the realisasi page of the same year in the same run (aim: dashboard <= 1.5x)")

if __name__ == "__main__":
    main()
