"""What each printed document shows, built from the same view-models as the screens."""
from dataclasses import dataclass

from flask import render_template, url_for

from .. import budget, chain, indicator_measure, measurement, renstra_targets, settings
from ..domain import QUARTERS, is_hex_colour
from ..formatting import roman
from ..models import Indicator, Year
from ..presenters import quarter_target_label, target_label
from ..rollup import presenter
from .options import PrintOptions
from .pdf import LOGO_URI, render_pdf
from .signers import logo_path

TITLES = {
    "iku": "Indikator Kinerja Utama",
    "pk": "Perjanjian Kinerja",
    "pengukuran": "Laporan Pengukuran Kinerja",
}


@dataclass(frozen=True)
class RegisterRow:
    """A row of the IKU and PK tables: the indicator and its targets as the register shows."""

    number: int
    indicator: Indicator
    target_text: str
    quarter_texts: tuple[str, ...]


def register_rows(year: Year) -> list[RegisterRow]:
    return [
        RegisterRow(number, ind, target_label(ind),
                    tuple(quarter_target_label(ind, q) for q in QUARTERS))
        for number, ind in enumerate(year.indicators, start=1)
    ]


@dataclass(frozen=True)
class PrintRow:
    """A line of a table grouped by sasaran: the sasaran heading (kind "sasaran") or one of
    its indicators (kind "row"); `first` marks the first indicator of its sasaran."""

    kind: str
    group: chain.Group
    row: object = None
    first: bool = False


def grouped(year: Year, rows, headings: bool) -> list[PrintRow]:
    """Rows under their sasaran, flat for kept_table: with `headings`, a heading line before
    each sasaran's indicators (none for a sasaran that only repeats its one indicator's name:
    that row already says it); without, the first indicator carries the sasaran."""
    lines = []
    for group in chain.group(year, rows):
        if headings and not group.plain:
            lines.append(PrintRow("sasaran", group))
        lines.extend(PrintRow("row", group, row, i == 0) for i, row in enumerate(group.rows))
    return lines


class EmptySasaran(ValueError):
    """The PK cannot be printed while a sasaran has no indicator."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__(
            "Perjanjian Kinerja belum dapat dicetak: sasaran berikut belum memiliki indikator: "
            + "; ".join(names) + ". Tambahkan indikator atau hapus sasaran tersebut.")


def safe_colour(colour: str | None) -> str | None:
    """A light tint of the category colour (black text stays readable), or None."""
    if not is_hex_colour(colour):
        return None
    digits = colour[1:]
    channels = (int(digits[i:i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(c + (255 - c) * 0.6):02x}" for c in channels)


def narrative(row: measurement.Row, upto: int) -> list[tuple[str, str, str]]:
    """(TW, kendala, solusi) of the quarters up to `upto` that have any text."""
    notes = []
    for cell in row.quarters[:upto]:
        entry = cell.entry
        if entry is not None and (entry.obstacles.strip() or entry.solutions.strip()):
            notes.append((roman(cell.quarter), entry.obstacles.strip(), entry.solutions.strip()))
    return notes


def closing_line(year: Year, opt: PrintOptions) -> str:
    """"Buntok, 15 Januari 2024": the place and date above the signature."""
    return f"{year.closing_place}, {opt.closing_text}".lstrip(", ")


def context(document: str, year: Year, opt: PrintOptions) -> dict:
    """Everything the print template of `document` needs."""
    title = f"{TITLES[document]} Tahun {year.year}"
    ctx = {
        "year": year, "opt": opt, "title": title,
        "closing_line": closing_line(year, opt),
    }
    ctx["indicator_text"] = chain.indicator_text
    if document == "pengukuran":
        upto = opt.quarter or 4
        m = measurement.build(year, upto=upto)
        ctx["m"] = m
        ctx["upto"] = upto
        ctx["rows"] = grouped(year, m.rows, headings=True)
        ctx["rollup"] = presenter.printed_rows(m.rows, upto)
        ctx["history"] = m.history()
        ctx["typed_years"] = any(p.typed and p.year == year.year - 1
                                 for past in ctx["history"].values() for p in past[:1])
        ctx["end_text"] = renstra_targets.end_target_text
        ctx["end_capaian"] = lambda row: indicator_measure.result_text(renstra_targets.end_capaian(
            row.indicator, row.progress.realisasi, settings.capaian_cap()))
        ctx["budget"] = budget.build(year, upto=upto, measurement=m)
        ctx["narrative"] = narrative
        ctx["safe_colour"] = safe_colour
        if opt.quarter:
            ctx["title"] = f"{TITLES[document]} Triwulan {roman(opt.quarter)} Tahun {year.year}"
    elif document == "pk":
        empty = chain.empty_sasaran(year)
        if empty:
            raise EmptySasaran([s.name for s in empty])
        ctx["rows"] = grouped(year, register_rows(year), headings=False)
        ctx["budget"] = budget.build(year)
    else:
        ctx["rows"] = register_rows(year)
        ctx["show_satuan"] = show_satuan(year)
    return ctx


def show_satuan(year: Year) -> bool:
    """The IKU prints a SATUAN column unless every indicator is a percentage (its TARGET
    already reads "100%"), so an IKU of percentages, like the seed document, keeps its layout."""
    return any(i.satuan.strip() not in ("", "%") for i in year.indicators)


def render(document: str, year: Year, opt: PrintOptions, *, pdf: bool, pdf_url: str = "",
           footer=None):
    """The document as HTML (preview) or as PDF bytes, from one template and one context;
    `footer` carries the verification code of an issued copy (else the PDF is a draft)."""
    logo = logo_path()
    ctx = context(document, year, opt)
    html = render_template(f"reports/pdf/{document}.html", pdf=pdf, pdf_url=pdf_url,
                           logo=(LOGO_URI if pdf else url_for("reports.logo")) if logo else None,
                           **ctx)
    return render_pdf(html, logo, footer) if pdf else html
