"""Time of the LKjIP draft (DOCX and PDF) for the demo year and a 200-indicator year (flat,
and with the SAKIP chain: 40 sasaran, 30 programs, a Renstra and last year's results).

    .venv/bin/python bench/lkjip_bench.py [--runs 5]

Baselines, measured in the same run on the same data: the LKjIP view-model alone (what every
output needs before writing a byte) and the Laporan Pengukuran Kinerja PDF of the same year
(the existing document with one row per indicator). Ratios are to those baselines; the
machine is shared, so compare ratios rather than absolute times between runs.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_year, runs_option, timed  # noqa: E402
from bench.pdf_bench import chain_year, grow  # noqa: E402
from iku_web.lkjip import documents as lkjip_documents  # noqa: E402
from iku_web.lkjip import viewmodel  # noqa: E402
from iku_web.reports import documents, options  # noqa: E402


def main() -> None:
    all_runs = runs_option(__doc__)
    with demo_year() as year:
        print(f"{'indicators':>10} {'what':<22} {'median ms':>10} {'cpu ms':>8} "
              f"{'x view-model':>13} {'x pengukuran':>13}")
        opt = options.parse({}, "pk")
        measure_opt = options.parse({}, "pengukuran")
        for label, count in (("6", 6), ("200", 200), ("200 chain", 200)):
            if label == "200 chain":
                # TA 2024 copied from the 200-indicator year: 40 sasaran, 30 programs, a
                # Renstra and last year's results for every indicator.
                year = chain_year(year)
            else:
                grow(year, count)
            runs = all_runs if count < 200 else max(3, all_runs // 2)
            measure(label, year, opt, measure_opt, runs)


def measure(label, year, opt, measure_opt, runs) -> None:
    def model():
        return viewmodel.build(year, True, opt.closing_text)

    cases = {
        "view-model": model,
        "pengukuran pdf": lambda: documents.render("pengukuran", year, measure_opt, pdf=True),
        "lkjip docx": lambda: lkjip_documents.docx(model()),
        "lkjip pdf": lambda: lkjip_documents.pdf(model(), opt),
    }
    times = {name: timed(fn, runs) for name, fn in cases.items()}
    base, reference = times["view-model"][0], times["pengukuran pdf"][0]
    for name, (wall, cpu) in times.items():
        print(f"{label:>10} {name:<22} {wall * 1000:>10.1f} {cpu * 1000:>8.1f} "
              f"{wall / base:>13.1f} {wall / reference:>13.2f}")
    size_docx = len(lkjip_documents.docx(model()))
    size_pdf = len(lkjip_documents.pdf(model(), opt))
    print(f"{label:>10} sizes: docx {size_docx // 1024} KB, pdf {size_pdf // 1024} KB")

if __name__ == "__main__":
    main()
