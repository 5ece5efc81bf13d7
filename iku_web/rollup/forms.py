"""Forms of the roll-up: the rule of a parent indicator, the cascade with one target for all,
and the per-child targets and exemptions (read field by field: one row per child unit)."""
from dataclasses import dataclass, field
from decimal import Decimal

from wtforms import SelectField

from ..domain import GRADES, ROLLUP_RULES
from ..fields import Form, NumberField, choices
from ..formatting import ParseError, parse_number, sentence
from .cascade import ChildTarget

REASON_LIMIT = 500


class RuleForm(Form):
    rollup_rule = SelectField("Cara mengisi realisasi", choices=choices(ROLLUP_RULES))


class CascadeForm(Form):
    """Blank target: each child keeps its target (new children get the parent's own)."""
    target_value = NumberField("Target untuk semua unit")
    target_upper = NumberField("Batas atas (rentang)")
    target_grade = SelectField("Nilai minimal untuk semua unit",
                               choices=choices([("", "-")] + [(g, g) for g in GRADES]),
                               default="")

    def target(self, kind: str) -> ChildTarget | None:
        if kind == "grade":
            return ChildTarget(grade=self.target_grade.data) if self.target_grade.data else None
        if self.target_value.data is None:
            return None
        return ChildTarget(self.target_value.data,
                           self.target_upper.data if kind == "range" else None)


@dataclass
class ChildRow:
    """What the parent typed for one child: its target and whether it is "tidak berlaku"."""
    unit_id: int
    target_text: str = ""
    exempt: bool = False
    reason: str = ""
    target: Decimal | str | None = None
    errors: dict[str, str] = field(default_factory=dict)


def read_children(form, unit_ids: list[int], kind: str) -> list[ChildRow]:
    """The per-child rows of a posted form (fields target-<id>, tidak-berlaku-<id>,
    alasan-<id>), each checked with its message at its field."""
    rows = []
    for unit_id in unit_ids:
        row = ChildRow(unit_id, (form.get(f"target-{unit_id}") or "").strip(),
                       form.get(f"tidak-berlaku-{unit_id}") == "1",
                       (form.get(f"alasan-{unit_id}") or "").strip())
        if kind == "grade":
            if row.target_text and row.target_text.upper() not in GRADES:
                row.errors["target"] = "Pilih nilai huruf D sampai AA."
            row.target = row.target_text.upper() or None
        elif row.target_text:
            try:
                row.target = parse_number(row.target_text)
            except ParseError as exc:
                row.errors["target"] = sentence(str(exc))
            else:
                if row.target < 0:
                    row.errors["target"] = "Nilai tidak boleh kurang dari 0."
        if row.exempt and not row.reason:
            row.errors["reason"] = "Isi alasan unit ini tidak berlaku."
        if len(row.reason) > REASON_LIMIT:
            row.errors["reason"] = f"Paling banyak {REASON_LIMIT} karakter."
        rows.append(row)
    return rows
