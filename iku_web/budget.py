"""The budget of a year as one view-model (screen, PK, Pengukuran, Excel, LKjIP): pagu,
realisasi anggaran per quarter, serapan, and the efficiency of each sasaran.

serapan = realisasi anggaran / pagu x 100 (quarters up to `upto`, summed; a blank quarter is
not filled, not 0). A program with kegiatan is their sum (pagu and every quarter); only a
program without kegiatan has typed amounts. Every amount is counted once, under the sasaran
its row supports (a kegiatan's own sasaran, else its program's). Efficiency compares a
sasaran's capaian with its serapan; the rule is the office setting `efficiency_rule` (see
EFFICIENCY_RULES; default "rasio"). See docs/sakip-chain.md.
"""
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from . import capaian, settings
from .extensions import db
from .formatting import format_number, format_percent, format_rupiah
from .models import BudgetRealisasi, Program, Sasaran, Year

QUARTERS = (1, 2, 3, 4)
EFFICIENCY_RULES = {
    "rasio": "Efisiensi = capaian kinerja (%) / serapan anggaran (%) x 100%; "
             "100% atau lebih berarti efisien",
    "selisih": "Efisiensi = capaian kinerja (%) - serapan anggaran (%), dalam poin persen; "
               "0 atau lebih berarti efisien",
    "tidak": "Efisiensi tidak dihitung",
}
DEFAULT_EFFICIENCY_RULE = "rasio"
_HUNDRED = Decimal(100)


def efficiency_rule() -> str:
    rule = settings.get("efficiency_rule")
    return rule if rule in EFFICIENCY_RULES else DEFAULT_EFFICIENCY_RULE


def serapan(realisasi: int | None, pagu: int) -> Decimal | None:
    """Percent of the pagu spent; None when there is no pagu (never a division by 0)."""
    if realisasi is None or not pagu:
        return None
    return Decimal(realisasi) * _HUNDRED / Decimal(pagu)


def efficiency(capaian_percent: Decimal | None, serapan_percent: Decimal | None,
               rule: str) -> tuple[Decimal | None, str]:
    """(value, text) of the efficiency under `rule`; text explains why when not computable."""
    if rule == "tidak":
        return None, "-"
    if capaian_percent is None:
        return None, "capaian belum ada"
    if serapan_percent is None:
        return None, "serapan belum ada"
    if rule == "selisih":
        value = capaian_percent - serapan_percent
        return value, format_number(capaian.round_percent(value)) + " poin"
    if not serapan_percent:
        return None, "serapan 0%"
    value = capaian_percent * _HUNDRED / serapan_percent
    return value, format_percent(capaian.round_percent(value))


def is_efficient(value: Decimal | None, rule: str) -> bool | None:
    if value is None:
        return None
    return value >= (0 if rule == "selisih" else _HUNDRED)


class _Texts:
    """The Rupiah and percent texts of a row that has pagu, realisasi and serapan."""

    @property
    def pagu_text(self) -> str:
        return format_rupiah(self.pagu)

    @property
    def realisasi_text(self) -> str:
        return format_rupiah(self.realisasi) if self.realisasi is not None else "-"

    @property
    def serapan_text(self) -> str:
        return format_percent(capaian.round_percent(self.serapan)) \
            if self.serapan is not None else "-"


def _sum(amounts) -> int | None:
    """Sum of the filled amounts; None when none is filled (blank is not 0)."""
    filled = [a for a in amounts if a is not None]
    return sum(filled) if filled else None


@dataclass(frozen=True)
class ProgramRow(_Texts):
    number: str  # "1" for a program, "1.2" for its second kegiatan
    program: Program
    quarters: tuple[int | None, ...]  # realisasi anggaran of TW I..IV; None = not filled
    versions: tuple[int, ...]  # stored version per quarter (0 when never saved)
    realisasi: int | None  # sum of the filled quarters up to `upto`; None when none filled
    serapan: Decimal | None
    pagu: int
    rolled_up: bool = False  # a program whose amounts are the sum of its kegiatan
    typed_aside: str = ""  # what was typed on it before it had kegiatan, no longer counted

    @property
    def is_kegiatan(self) -> bool:
        return self.program.parent_id is not None

    @property
    def sasaran_id(self) -> int | None:
        """The sasaran this row supports: its own, else (a kegiatan) its program's."""
        if self.program.sasaran_id is None and self.is_kegiatan:
            return self.program.parent.sasaran_id
        return self.program.sasaran_id



@dataclass(frozen=True)
class SasaranBudget(_Texts):
    number: int
    sasaran: Sasaran
    pagu: int
    realisasi: int | None
    serapan: Decimal | None
    capaian: Decimal | None  # mean capaian to date of its indicators that have one
    efficiency: Decimal | None
    efficiency_text: str
    efficient: bool | None
    met: int = 0  # its indicators whose target is reached, grades included
    assessed: int = 0  # its indicators with a capaian or a grade verdict
    grades: int = 0  # of which grade targets: never in the mean (docs/capaian.md)

    @property
    def capaian_text(self) -> str:
        """The mean of its numeric capaian; with grades, also "2 dari 3 indikator tercapai",
        which alone stands where no mean is defined."""
        count = f"{self.met} dari {self.assessed} indikator tercapai"
        if self.capaian is None:
            return count if self.grades else "-"
        mean = format_percent(capaian.round_percent(self.capaian))
        return f"{mean}; {count}" if self.grades else mean


@dataclass(frozen=True)
class Budget(_Texts):
    year: Year
    upto: int
    rows: tuple[ProgramRow, ...]  # programs, each followed by its kegiatan
    pagu: int  # total of the programs
    realisasi: int | None
    serapan: Decimal | None
    sasaran: tuple[SasaranBudget, ...]
    rule: str
    quarters: tuple[int | None, ...] = (None,) * 4  # totals of TW I..IV


    @property
    def rule_text(self) -> str:
        return EFFICIENCY_RULES[self.rule]

    @property
    def programs(self) -> tuple[ProgramRow, ...]:
        return tuple(row for row in self.rows if not row.is_kegiatan)

    @property
    def leaves(self) -> tuple[ProgramRow, ...]:
        """The rows whose amounts are typed: kegiatan and programs without kegiatan. Each
        rupiah is in exactly one of them."""
        return tuple(row for row in self.rows if not row.rolled_up)

    def row_of(self, program_id: int) -> ProgramRow:
        return next(r for r in self.rows if r.program.id == program_id)

    def quarter_texts(self) -> tuple[str, ...]:
        return tuple(format_rupiah(a) if a is not None else "-" for a in self.quarters)


def load_amounts(year_id: int) -> dict[int, dict[int, BudgetRealisasi]]:
    """{program id: {quarter: row of columns}} of a year, one query."""
    amounts: dict[int, dict[int, BudgetRealisasi]] = {}
    query = sa.select(BudgetRealisasi.__table__).where(BudgetRealisasi.program_id.in_(
        sa.select(Program.id).where(Program.year_id == year_id)))
    for row in db.session.execute(query):
        amounts.setdefault(row.program_id, {})[row.quarter] = row
    return amounts


def program_row(number: str, program: Program, stored: dict, upto: int = 4) -> ProgramRow:
    quarters = tuple(stored[q].amount if q in stored else None for q in QUARTERS)
    versions = tuple(stored[q].version if q in stored else 0 for q in QUARTERS)
    realisasi = _sum(a for q, a in zip(QUARTERS, quarters, strict=True) if q <= upto)
    return ProgramRow(number, program, quarters, versions, realisasi,
                      serapan(realisasi, program.pagu), program.pagu)


def rolled_up(number: str, program: Program, stored: dict, kegiatan: list[ProgramRow],
              upto: int = 4) -> ProgramRow:
    """A program with kegiatan: pagu and each quarter are the sums of its kegiatan."""
    quarters = tuple(_sum(k.quarters[q - 1] for k in kegiatan) for q in QUARTERS)
    realisasi = _sum(a for q, a in zip(QUARTERS, quarters, strict=True) if q <= upto)
    pagu = sum(k.pagu for k in kegiatan)
    own = [a for a in (stored[q].amount for q in QUARTERS if q in stored) if a is not None]
    aside = ""
    if program.pagu or own:
        aside = f"pagu {format_rupiah(program.pagu)}"
        if own:
            aside += f", realisasi {format_rupiah(sum(own))}"
    return ProgramRow(number, program, quarters, (0,) * 4, realisasi, serapan(realisasi, pagu),
                      pagu, rolled_up=True, typed_aside=aside)


def build(year: Year, upto: int = 4, measurement=None) -> "Budget":
    """The budget of the year; `measurement` (measurement.build of the same year and `upto`)
    gives the capaian per sasaran for the efficiency; built here when not given."""
    if measurement is None:
        from . import measurement as measurement_module

        measurement = measurement_module.build(year, upto=upto)
    amounts = load_amounts(year.id)
    programs = db.session.scalars(sa.select(Program).where(Program.year_id == year.id)
                                  .order_by(Program.position, Program.id)).all()
    children: dict[int, list[Program]] = {}
    for p in programs:
        if p.parent_id is not None:
            children.setdefault(p.parent_id, []).append(p)
    rows, top = [], []
    for n, p in enumerate((p for p in programs if p.parent_id is None), start=1):
        kids = [program_row(f"{n}.{k}", child, amounts.get(child.id, {}), upto)
                for k, child in enumerate(children.get(p.id, ()), start=1)]
        stored = amounts.get(p.id, {})
        row = rolled_up(str(n), p, stored, kids, upto) if kids \
            else program_row(str(n), p, stored, upto)
        top.append(row)
        rows += [row, *kids]
    total_pagu = sum(r.pagu for r in top)
    total_real = _sum(r.realisasi for r in top)
    quarters = tuple(_sum(r.quarters[q - 1] for r in top) for q in QUARTERS)
    rule = efficiency_rule()
    leaves = [r for r in rows if not r.rolled_up]
    return Budget(year, upto, tuple(rows), total_pagu, total_real,
                  serapan(total_real, total_pagu), _per_sasaran(year, leaves, measurement, rule),
                  rule, quarters)


def _per_sasaran(year: Year, leaves: list[ProgramRow], measurement, rule: str):
    percents: dict[int, list[Decimal]] = {}
    verdicts: dict[int, list[tuple[bool, bool]]] = {}  # (met, grade) of the assessed ones
    for row in measurement.rows:
        result, sasaran_id = row.to_date, row.indicator.sasaran_id
        if result.ok and result.percent is not None:  # a grade never has a percent
            percents.setdefault(sasaran_id, []).append(result.percent)
        if result.assessed:
            verdicts.setdefault(sasaran_id, []).append(
                (result.met, result.status in capaian.GRADE_STATUSES))
    result = []
    for number, s in enumerate(year.sasaran, start=1):
        mine = [r for r in leaves if r.sasaran_id == s.id]
        pagu = sum(r.pagu for r in mine)
        real = _sum(r.realisasi for r in mine)
        spent = serapan(real, pagu)
        values = percents.get(s.id)
        mean = sum(values, Decimal(0)) / len(values) if values else None
        value, text = efficiency(mean, spent, rule)
        mine_verdicts = verdicts.get(s.id, [])
        result.append(SasaranBudget(number, s, pagu, real, spent, mean, value, text,
                                    is_efficient(value, rule),
                                    sum(1 for met, _ in mine_verdicts if met), len(mine_verdicts),
                                    sum(1 for _, grade in mine_verdicts if grade)))
    return tuple(result)
