"""What the shipped Unicode font (DejaVu Sans) costs in PDF time and size.

    .venv/bin/python bench/pdf_font_bench.py [--runs 5]

Baseline, measured in the same run: the same HTML with the @font-face rules taken out, i.e.
printed in xhtml2pdf's built-in Helvetica as before. Prints the median CPU time of the
conversion and the PDF size for 6 and 50 indicators.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import render_template  # noqa: E402

from bench.common import demo_year, runs_option, timed  # noqa: E402
from bench.pdf_bench import grow  # noqa: E402
from iku_web.reports import documents, options  # noqa: E402
from iku_web.reports.pdf import render_pdf  # noqa: E402

FONT_FACE = re.compile(r"@font-face\s*{[^}]*}")


def main() -> None:
    runs = runs_option(__doc__)
    with demo_year() as year:
        print(f"{'document':<11} {'rows':>5} {'helv cpu':>9} {'dejavu cpu':>11} {'ratio':>6} "
              f"{'helv KB':>8} {'dejavu KB':>10}")
        for count in (6, 50):
            grow(year, count)
            for document in ("iku", "pengukuran"):
                opt = options.parse({}, document)
                html = render_template(f"reports/pdf/{document}.html", pdf=True, logo=None,
                                       pdf_url="", **documents.context(document, year, opt))
                plain = FONT_FACE.sub("", html).replace('"DejaVu Sans", ', "")
                _w, base = timed(lambda plain=plain: render_pdf(plain), runs)
                _w, full = timed(lambda html=html: render_pdf(html), runs)
                size_base, size_full = len(render_pdf(plain)), len(render_pdf(html))
                print(f"{document:<11} {count:>5} {base * 1000:>9.1f} {full * 1000:>11.1f} "
                      f"{full / base:>6.2f} {size_base / 1024:>8.1f} {size_full / 1024:>10.1f}")


if __name__ == "__main__":
    main()
