"""Print options read from the query string: paper, orientation, closing date, signers."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ..domain import QUARTERS
from ..extensions import db
from ..formatting import format_date, format_month_year
from ..models import Signer, Year

# Width x height in millimetres, portrait. F4 (folio) is what Indonesian offices file.
PAPERS = {"a4": ("A4", 210, 297), "f4": ("F4", 215, 330)}
ORIENTATIONS = {"landscape": "Mendatar (landscape)", "portrait": "Tegak (portrait)"}
# Orientation when the user leaves it on "otomatis": wide tables go landscape
# (docs/architecture.md, Documents).
DEFAULT_ORIENTATION = {"iku": "landscape", "pk": "portrait", "pengukuran": "landscape"}
MM_TO_PT = 72 / 25.4
QUERY_KEYS = ("kertas", "orientasi", "hari", "bulan", "tahun", "penandatangan", "pihak_pertama",
              "pihak_kedua", "tw")


@dataclass(frozen=True)
class PrintOptions:
    paper: str
    orientation: str
    closing: date
    with_day: bool  # "15 Januari 2024" instead of "Januari 2024"
    signer: Signer | None  # IKU and Pengukuran
    first_party: Signer | None  # PK: Pihak Pertama (the Sekretaris at a KPU regency)
    second_party: Signer | None  # PK: Pihak Kedua (the Ketua)
    quarter: int | None  # Pengukuran of one quarter (cumulative up to it), None = whole year

    @property
    def size_mm(self) -> tuple[int, int]:
        _label, width, height = PAPERS[self.paper]
        return (height, width) if self.orientation == "landscape" else (width, height)

    @property
    def size_pt(self) -> tuple[float, float]:
        width, height = self.size_mm
        return width * MM_TO_PT, height * MM_TO_PT

    @property
    def css_size(self) -> str:
        width, height = self.size_mm
        return f"{width}mm {height}mm"

    @property
    def closing_text(self) -> str:
        return format_date(self.closing) if self.with_day else format_month_year(self.closing)


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 9 else None


def closing_date(args, default: date) -> tuple[date, bool]:
    """Month and year (and optionally the day) of the closing line; the month and year of
    `default` where none is chosen (see default_closing).

    Values that do not make a real date fall back to the default rather than failing: the
    options come from select boxes, so only a hand-edited URL gets here.
    """
    month, year, day = _int(args.get("bulan")), _int(args.get("tahun")), _int(args.get("hari"))
    month = month if month and 1 <= month <= 12 else default.month
    year = year if year and 1900 <= year <= 2200 else default.year
    if day:
        try:
            return date(year, month, day), True
        except ValueError:
            pass
    return date(year, month, 1), False


def default_closing(document: str, year: Year | None, today: date) -> date:
    """The date of a closing line nobody chose: a PK is signed at the start of its own year
    (January), whenever it is printed; the other documents are dated today."""
    if document == "pk" and year is not None:
        return date(year.year, 1, 1)
    return today


def signers(year: Year | None = None) -> list[Signer]:
    """The signers of `year` (each year has its own); all of them only when no year is given."""
    query = sa.select(Signer).order_by(Signer.position, Signer.id)
    if year is not None:
        query = query.where(Signer.year_id == year.id)
    return list(db.session.scalars(query))


def _pick(all_signers: list[Signer], wanted: int | None, title_word: str,
          fallback: int) -> Signer | None:
    """The chosen signer, else the first whose jabatan names `title_word`, else by position."""
    by_id = {s.id: s for s in all_signers}
    if wanted in by_id:
        return by_id[wanted]
    for signer in all_signers:
        if title_word in signer.title.lower():
            return signer
    return all_signers[fallback] if len(all_signers) > fallback else (
        all_signers[0] if all_signers else None)


def parse(args, document: str, today: date | None = None, *,
          year: Year | None = None) -> PrintOptions:
    """The options of a document of `year`; signers are chosen among that year's."""
    today = today or date.today()
    paper = args.get("kertas", "a4").lower()
    orientation = args.get("orientasi", "").lower()
    closing, with_day = closing_date(args, default_closing(document, year, today))
    everyone = signers(year)
    quarter = _int(args.get("tw"))
    return PrintOptions(
        paper=paper if paper in PAPERS else "a4",
        orientation=orientation if orientation in ORIENTATIONS else DEFAULT_ORIENTATION[document],
        closing=closing, with_day=with_day,
        signer=_pick(everyone, _int(args.get("penandatangan")), "ketua", 0),
        first_party=_pick(everyone, _int(args.get("pihak_pertama")), "sekretaris", 1),
        second_party=_pick(everyone, _int(args.get("pihak_kedua")), "ketua", 0),
        quarter=quarter if quarter in QUARTERS else None,
    )
