"""The rows of the realisasi table: the Python writer (iku_web/realisasi/table.py) against a
plain Jinja loop with no macro calls (bench/realisasi_rows_plain.html), on a 200-indicator year.

    python bench/realisasi_table_bench.py [--repeat 40] [--indicators 200]

Seeds the scratch SQLite database of seed_years.py, checks that both write the same HTML
(editable and read-only), then renders them alternately in one process and prints the median
time of each, the ratio template / writer, and the measurement the rows are written from
(measurement.build) as the rest of the page. Not a test: numbers depend on the machine.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    from seed_years import seeded

    with seeded("iku-table-bench-"):
        measure(args.repeat)


def measure(repeat: int) -> None:
    import sqlalchemy as sa
    from bench_apps import iku
    from markupsafe import Markup

    from iku_web import measurement
    from iku_web.domain import GRADES
    from iku_web.extensions import db
    from iku_web.formatting import format_percent
    from iku_web.models import Year
    from iku_web.presenters import badge_style
    from iku_web.queries import year_locks
    from iku_web.realisasi import table
    from iku_web.realisasi.values import accepts_fraction, entry_text
    from iku_web.review.marks import DRAFT, year_marks

    template = iku.jinja_env.from_string((HERE / "realisasi_rows_plain.html").read_text())
    with iku.test_request_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2051))
        rows = measurement.build(year).rows
        path = f"/{year.year}"

        def writer(editable):
            return str(table.rows_html(rows, path, editable))

        def jinja(editable):
            return template.render(
                rows=rows, year_path=path, editable=editable, locks=year_locks(year.id),
                marks={k: Markup(v) for k, v in year_marks(year.id).items()}, draft=Markup(DRAFT),
                entry_text=entry_text, accepts_fraction=accepts_fraction, romans=table.ROMANS,
                grades=GRADES, format_percent=format_percent, badge_style=badge_style)

        def everyone(_indicator):
            return True

        def nobody(_indicator):
            return False

        for editable in (everyone, nobody):
            written, rendered = writer(editable), jinja(editable)
            if written != rendered:
                pairs = zip(written, rendered, strict=False)
                at = next((i for i, (a, b) in enumerate(pairs) if a != b), len(rendered))
                raise SystemExit(f"different HTML at {at}:\n{written[at - 80:at + 80]!r}\n"
                                 f"{rendered[at - 80:at + 80]!r}")
        size = len(writer(everyone))
        runs = {"writer": lambda: writer(everyone), "jinja": lambda: jinja(everyone),
                "build": lambda: measurement.build(year)}
        samples: dict[str, list[float]] = {name: [] for name in runs}
        for n in range(repeat):
            order = list(runs) if n % 2 else list(reversed(runs))
            for name in order:
                t0 = time.perf_counter()
                runs[name]()
                samples[name].append((time.perf_counter() - t0) * 1000)
    m = {name: statistics.median(values) for name, values in samples.items()}
    print(f"{len(rows)} indicators, editable rows ({size} bytes; read-only rows compared too); "
          f"median of {repeat} alternating renders; {os.cpu_count()} CPUs")
    print(f"{'rows written by':<34}{'ms':>8}")
    print(f"{'table.py (Python writer)':<34}{m['writer']:>8.2f}")
    print(f"{'plain Jinja loop, no macros':<34}{m['jinja']:>8.2f}")
    print(f"{'measurement.build (same run)':<34}{m['build']:>8.2f}")
    print(f"template / writer: {m['jinja'] / m['writer']:.2f} "
          "(within 25% means <= 1.25); identical HTML: yes")


if __name__ == "__main__":
    main()
