"""Cost of issuing a document against rendering the same draft PDF, for 6 and 200 indicators.

    .venv/bin/python bench/issue_bench.py [--runs 5]

Baseline, measured in the same run: the draft PDF (the "PDF" button) of the same document with
the same options. Issuing adds the QR code and code on every page, the SHA-256, the atomic
store (fsync) and the database row. "cpu" is the process's CPU time: on a busy machine it is
the figure to compare between runs.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_login import login_user  # noqa: E402

from bench.common import add_admin, demo_year, runs_option, timed  # noqa: E402
from bench.pdf_bench import grow  # noqa: E402
from iku_web.extensions import db  # noqa: E402
from iku_web.issued import service  # noqa: E402
from iku_web.reports import documents, options  # noqa: E402


def main() -> None:
    runs = runs_option(__doc__)
    with demo_year() as year:
        admin = add_admin("bench-password")
        db.session.commit()
        login_user(admin)
        print(f"{'document':<11} {'rows':>5} {'draft ms':>9} {'issue ms':>9} {'ratio':>7} "
              f"{'draft cpu':>10} {'issue cpu':>10}")
        for count in (6, 200):
            grow(year, count)
            for document in ("iku", "pengukuran"):
                opt = options.parse({}, document, year=year)
                draft, draft_cpu = timed(
                    lambda d=document, o=opt: documents.render(d, year, o, pdf=True), runs)
                issue, issue_cpu = timed(
                    lambda d=document, o=opt: service.issue(d, year, o), runs)
                print(f"{document:<11} {count:>5} {draft * 1000:>9.0f} {issue * 1000:>9.0f} "
                      f"{issue / draft:>7.2f} {draft_cpu * 1000:>10.0f} "
                      f"{issue_cpu * 1000:>10.0f}")


if __name__ == "__main__":
    main()
