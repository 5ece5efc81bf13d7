"""The capaian API against the pages that show the same figures, in one run, in process.

    python bench/api_bench.py [--runs 15]

Seeds the realisasi benchmarks' scratch database (years 2050 with 50 and 2051 with 200
indicators, realisasi in TW I and II), issues an API token for the admin, and prints per year
the median time of: GET /api/v1/<kode>/<tahun>/capaian with the token and with the session,
the Pengukuran HTML preview (one triwulan's figures; the API gives all four) and the realisasi
page, with the API's ratio to the Pengukuran. Not a test: numbers depend on the machine.
"""
import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from seed_years import PASSWORD, YEARS, seeded  # noqa: E402


def median_ms(call, runs: int) -> float:
    call()  # warm: templates compiled, caches filled
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with seeded("iku-api-bench-"):
        from bench_apps import iku

        from iku_web.api import tokens
        from iku_web.extensions import db
        from iku_web.models import User
        from iku_web.scope import default_unit

        with iku.app_context():
            admin = db.session.query(User).filter_by(username="admin").one()
            _row, token = tokens.issue(admin, "bench", None, admin)
            db.session.commit()
            code = default_unit().code
        session = iku.test_client()
        page = session.get("/masuk").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        session.post("/masuk", data={"username": "admin", "password": PASSWORD,
                                     "csrf_token": csrf})
        bare = iku.test_client()
        bearer = {"Authorization": f"Bearer {token}"}
        print(f"{'year':>6} {'indicators':>10} {'api+token':>10} {'api+session':>12} "
              f"{'pengukuran':>11} {'realisasi':>10} {'api/pengukuran':>15}  (median ms)")
        for year, count in YEARS.items():
            api = f"/api/v1/{code}/{year}/capaian"
            with_token = median_ms(lambda a=api: bare.get(a, headers=bearer), args.runs)
            with_session = median_ms(lambda a=api: session.get(a), args.runs)
            pengukuran = median_ms(lambda y=year: session.get(
                f"/{code}/{y}/laporan/pengukuran.html"), args.runs)
            realisasi = median_ms(lambda y=year: session.get(f"/{code}/{y}/realisasi"),
                                  args.runs)
            print(f"{year:>6} {count:>10} {with_token:>10.1f} {with_session:>12.1f} "
                  f"{pengukuran:>11.1f} {realisasi:>10.1f} {with_token / pengukuran:>15.2f}")

if __name__ == "__main__":
    main()
