"""Cost of the review marks in the realisasi table, against the same table without them.

    python bench/review_marks_bench.py [--rounds 30]

Seeds a scratch SQLite database with 200 indicators (half the cells filled, a quarter of them
under review) and renders the table rows (iku_web.realisasi.table.rows_html) and the whole
page through the test client, with the marks and with no marks written (same queries), alternating,
in one process. Prints medians and the ratio. Not a test: numbers depend on the machine.
"""
import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STATUSES = ("submitted", "returned", "approved", "draft")


def seed(app) -> None:
    from flask_migrate import upgrade

    from bench.common import add_realisasi
    from iku_web.extensions import db
    from iku_web.models import Indicator, Review, Year

    with app.app_context():
        upgrade()
        year = Year(year=2051, institution_name="KPU Bench")
        for i in range(1, 201):
            year.indicators.append(Indicator(position=i, name=f"Indikator {i}",
                                             target_kind="percent", target_value=Decimal(100)))
        db.session.add(year)
        db.session.flush()
        add_realisasi(year.indicators)
        for n, indicator in enumerate(year.indicators):
            for quarter in (1, 2):
                if n % 2:
                    db.session.add(Review(indicator_id=indicator.id, quarter=quarter,
                                          status=STATUSES[(n + quarter) % 4], comment=""))
        db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    from bench.common import make_app
    from iku_web import measurement
    from iku_web.models import Year
    from iku_web.realisasi import table

    app = make_app(Path(tempfile.mkdtemp()), TESTING=False)
    seed(app)
    real_marks, real_draft = table.year_marks, table.DRAFT

    def no_marks(year_id):  # same queries and lock cache, nothing written
        real_marks(year_id)
        return {}
    client = app.test_client()
    times = {("rows", True): [], ("rows", False): [], ("page", True): [], ("page", False): []}
    for _ in range(rounds):
        for marked in (True, False):
            table.year_marks = real_marks if marked else no_marks
            table.DRAFT = real_draft if marked else ""
            with app.test_request_context():
                year = app.extensions["sqlalchemy"].session.query(Year).one()
                rows = measurement.build(year).rows
                start = time.perf_counter()
                table.rows_html(rows, "/2051", lambda _indicator: True)
                times[("rows", marked)].append(time.perf_counter() - start)
            start = time.perf_counter()
            assert client.get("/barito-selatan/2051/realisasi").status_code == 200
            times[("page", marked)].append(time.perf_counter() - start)
    table.year_marks, table.DRAFT = real_marks, real_draft
    for what in ("rows", "page"):
        with_marks = statistics.median(times[(what, True)]) * 1000
        without = statistics.median(times[(what, False)]) * 1000
        print(f"{what}: with marks {with_marks:.2f} ms, without {without:.2f} ms, "
              f"ratio {with_marks / without:.3f} (median of {rounds})")


if __name__ == "__main__":
    main()
