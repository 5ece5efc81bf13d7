"""Render time of the IKU and Pengukuran PDFs for 6, 50 and 200 indicators.

    .venv/bin/python bench/pdf_bench.py [--runs 5]

Baseline, measured in the same run: the same print template rendered to HTML from the same
view-model, without the PDF conversion. Aims (issue 5): 6 rows <= 100 ms, 200 rows <= 2 s.
"pdf cpu" is the process's CPU time for the PDF: on a machine busy with other work the wall
time grows and it does not, so it is the figure to compare between runs.

Then the SAKIP chain: a 200-indicator year under 40 sasaran with 30 programs (pagu and
realisasi anggaran), a Renstra and a copied previous year, printed as IKU, PK and Pengukuran;
"vs flat" is its PDF time over the same document of the flat 200-indicator year of this run.
"""
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import render_template  # noqa: E402

from bench.common import demo_year, runs_option, timed  # noqa: E402
from iku_web.extensions import db  # noqa: E402
from iku_web.indicators.service import copy_year  # noqa: E402
from iku_web.models import (  # noqa: E402
    BudgetRealisasi,
    Indicator,
    Program,
    Realisasi,
    Renstra,
    RenstraIndicator,
    RenstraTarget,
    Sasaran,
    Year,
)
from iku_web.reports import documents, options  # noqa: E402

AIMS = {6: 0.100, 200: 2.0}


def grow(year: Year, count: int) -> None:
    """Indicators up to `count`, each with two quarters of realisasi and a note."""
    for n in range(len(year.indicators) + 1, count + 1):
        ind = Indicator(position=n, name=f"Indikator kinerja nomor {n} tentang pelayanan publik",
                        formula=f"Persentase dokumen {n} yang selesai tepat waktu",
                        target_kind="percent", target_value=Decimal(90), target_unit="%",
                        data_source=f"Laporan kegiatan {n}")
        year.indicators.append(ind)
        db.session.flush()
        db.session.add_all([Realisasi(indicator_id=ind.id, quarter=q, value=Decimal(40 * q),
                                      obstacles="Keterlambatan data", solutions="Koordinasi")
                            for q in (1, 2)])
    db.session.commit()


def main() -> None:
    all_runs = runs_option(__doc__)
    with demo_year() as year:
        print(f"{'document':<11} {'rows':>5} {'html ms':>9} {'pdf ms':>9} {'ratio':>7} "
              f"{'pdf cpu':>8}  aim")
        flat: dict[tuple[str, int], float] = {}
        for count in (6, 50, 200):
            grow(year, count)
            runs = all_runs if count < 200 else max(3, all_runs // 2)
            for document in ("iku", "pengukuran"):
                opt = options.parse({}, document)

                def html(document=document, opt=opt):
                    return render_template(f"reports/pdf/{document}.html", pdf=True,
                                           logo=None, pdf_url="",
                                           **documents.context(document, year, opt))

                def pdf(document=document, opt=opt):
                    return documents.render(document, year, opt, pdf=True)

                base, (full, cpu) = timed(html, runs)[0], timed(pdf, runs)
                aim = AIMS.get(count)
                verdict = "" if aim is None else (
                    f"<= {aim * 1000:.0f} ms " + ("met" if full <= aim else
                                                  f"MISSED by {(full - aim) * 1000:.0f} ms"))
                print(f"{document:<11} {count:>5} {base * 1000:>9.1f} {full * 1000:>9.1f} "
                      f"{full / base:>7.1f} {cpu * 1000:>8.1f}  {verdict}")
                flat[(document, count)] = full
        chain_bench(year, all_runs, flat)


def chain_year(flat_year: Year) -> Year:
    """TA 2024 copied from the flat 200-indicator year (so every indicator has a previous
    year), regrouped into 40 sasaran of 5 indicators, with 30 programs and a Renstra."""
    year = copy_year(flat_year, 2024)
    db.session.flush()
    for s in list(year.sasaran):
        year.sasaran.remove(s)
    db.session.flush()
    groups = [Sasaran(year_ref=year, position=n, name=f"Meningkatnya kualitas layanan {n}")
              for n in range(1, 41)]
    for i, ind in enumerate(year.indicators):
        ind.sasaran = groups[i // 5]
    renstra = Renstra(name="Renstra 2020-2024", start_year=2020, end_year=2024)
    db.session.add(renstra)
    for i, ind in enumerate(year.indicators):
        ri = RenstraIndicator(renstra=renstra, position=i, name=ind.name, satuan="%",
                              end_value=Decimal(100))
        ri.targets.append(RenstraTarget(year=2024, value=Decimal(90)))
        ind.renstra_indicator = ri
    for n in range(1, 31):
        program = Program(year_ref=year, position=n, code=f"076.{n:02d}", pagu=n * 150_000_000,
                          name=f"Program dukungan penyelenggaraan nomor {n}",
                          sasaran=groups[(n - 1) % 40])
        db.session.add(program)
        db.session.flush()
        db.session.add_all(BudgetRealisasi(program_id=program.id, quarter=q,
                                           amount=n * 20_000_000) for q in (1, 2))
    db.session.flush()
    db.session.add_all(Realisasi(indicator_id=ind.id, quarter=q, value=Decimal(45 * q))
                       for ind in year.indicators for q in (1, 2))
    db.session.commit()
    return year


def chain_bench(flat_year: Year, runs: int, flat: dict) -> None:
    year = chain_year(flat_year)
    print(f"\nSAKIP chain: {len(year.indicators)} indicators, {len(year.sasaran)} sasaran, "
          f"{len(year.programs)} programs")
    print(f"{'document':<11} {'html ms':>9} {'pdf ms':>9} {'ratio':>7} {'pdf cpu':>8} "
          f"{'vs flat':>8}")
    for document in ("iku", "pk", "pengukuran"):
        opt = options.parse({}, document)

        def html(document=document, opt=opt):
            return render_template(f"reports/pdf/{document}.html", pdf=True, logo=None,
                                   pdf_url="", **documents.context(document, year, opt))

        def pdf(document=document, opt=opt):
            return documents.render(document, year, opt, pdf=True)

        base, (full, cpu) = timed(html, max(3, runs // 2))[0], timed(pdf, max(3, runs // 2))
        versus = flat.get((document, 200))
        print(f"{document:<11} {base * 1000:>9.1f} {full * 1000:>9.1f} {full / base:>7.1f} "
              f"{cpu * 1000:>8.1f} {(f'{full / versus:.2f}' if versus else '-'):>8}")


if __name__ == "__main__":
    main()
