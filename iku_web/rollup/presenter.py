"""What the Pengukuran, the dashboard and the LKjIP print of a computed indicator (docs/rollup.md,
"Where the computation is printed"): the computation in one line and the children that did not
meet. Every screen and document asks this module, so they cannot word or count it differently.

The verified figures are the official ones; the "sementara" figure (with unverified entries) is
only added when it says something else.
"""
from dataclasses import dataclass

from ..domain import ROLLUP_RULES, SHARE_RULES
from ..formatting import quarter_short
from . import service
from .figures import ChildFigure, Figure, Rollup

# A child's standing in one quarter, as the province dashboard and the lists name it.
STANDINGS = {
    "met": "Memenuhi",
    "not_met": "Tidak memenuhi",
    "not_reported": "Belum melapor",
    "unverified": "Belum diverifikasi",
    "exempt": "Tidak berlaku",
}


def standing(line: ChildFigure) -> str:
    """The child's standing (a key of STANDINGS) in a verified figure."""
    if line.status in ("exempt", "not_reported", "unverified"):
        return line.status
    return "met" if line.met else "not_met"


@dataclass(frozen=True)
class Printed:
    """A computed indicator as the documents print it, by the end of a quarter."""
    indicator_id: int
    rule: str
    quarter: int  # the quarter whose children are listed
    figure_text: str  # verified: "TW II: 9 dari 14 KPU Kabupaten/Kota, 64,29%"
    provisional_text: str  # the same with unverified entries; "" when it says the same
    not_met: tuple[str, ...]  # unit names
    unverified: tuple[str, ...]
    not_reported: tuple[str, ...]
    grades: tuple[str, ...] = ()  # persentase_huruf: each child's LKE grade and whether it met

    @property
    def rule_label(self) -> str:
        return ROLLUP_RULES.get(self.rule, self.rule)

    @property
    def lines(self) -> tuple[str, ...]:
        """The computation, then who did not meet, one sentence each."""
        share = self.rule in SHARE_RULES
        # Under a share rule a child without a verified value counts as not meeting: say so.
        counted = " (dihitung tidak memenuhi)" if share else ""
        out = [f"Dihitung dari unit di bawahnya ({self.rule_label}), data terverifikasi, "
               f"{self.figure_text}."]
        if self.grades:
            out.append("Nilai LKE: " + "; ".join(self.grades) + ".")
        if self.provisional_text:
            out.append(f"Sementara, termasuk yang belum diverifikasi, {self.provisional_text}.")
        if self.not_met:
            out.append("Tidak memenuhi target: " + ", ".join(self.not_met) + ".")
        if self.unverified:
            out.append(f"Belum diverifikasi{counted}: " + ", ".join(self.unverified) + ".")
        if self.not_reported:
            out.append(f"Belum melapor{counted}: " + ", ".join(self.not_reported) + ".")
        return tuple(out)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def grade_entry(line: ChildFigure) -> str:
    """A child of persentase_huruf as the lines name it: "KPU X: B (64,60; penilaian
    mandiri), memenuhi"."""
    name = line.unit.name
    if line.grade is None:
        return f"{name}: belum mengisi LKE"
    if line.result is None:
        return f"{name}: {line.grade.text}, belum final"
    return f"{name}: {line.grade.text}, {'memenuhi' if line.met else 'tidak memenuhi'}"


def basis(rollup: Rollup, upto: int) -> tuple[Figure | None, Figure]:
    """(the figure whose value the realisasi by `upto` comes from, or None when no quarter up to
    it has one; the figure whose children are listed: that one, else quarter `upto`'s)."""
    filled = [f for f in rollup.quarters[:upto] if f.value is not None]
    figure = filled[-1] if filled else None
    return figure, figure or rollup.quarters[upto - 1]


def _text(figure: Figure | None, spec) -> str:
    """"TW II: 9 dari 14 KPU Kabupaten/Kota, 64,29%", or why there is no figure."""
    if figure is None:
        return service.figure_text(None, spec).lower()
    return f"{quarter_short(figure.quarter)}: {service.figure_text(figure, spec)}"


def printed(computed: service.Computation, upto: int = 4) -> Printed:
    """One computed indicator by the end of quarter `upto`."""
    figure, listed = basis(computed.verified, upto)
    sementara, _ = basis(computed.provisional, upto)
    verified_text = _text(figure, computed.spec)
    provisional_text = _text(sementara, computed.spec)
    names = {key: tuple(line.unit.name for line in listed.children if standing(line) == key)
             for key in ("not_met", "unverified", "not_reported")}
    return Printed(computed.indicator_id, computed.verified.rule, listed.quarter, verified_text,
                   "" if provisional_text == verified_text else provisional_text,
                   names["not_met"], names["unverified"], names["not_reported"],
                   tuple(grade_entry(line) for line in listed.children if line.from_lke))


def printed_rows(rows, upto: int = 4) -> dict[int, Printed]:
    """Printed of every computed row of a measurement (measurement.Row.computation), by
    indicator id: the lines come from the very computation the row's numbers come from."""
    return {row.indicator.id: printed(row.computation, upto) for row in rows
            if row.computation is not None}
