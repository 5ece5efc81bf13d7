"""Forms of the roll-up: the rule of a parent indicator, the cascade with one target for all,
and the per-child targets and exemptions (read field by field: one row per child unit)."""
from dataclasses import dataclass, field
from decimal import Decimal

from wtforms import SelectField

from ..domain import GRADES, QUARTERS, ROLLUP_RULES
from ..fields import Form, NumberField, choices
from ..formatting import ParseError, format_number, parse_number, sentence
from .cascade import ChildTarget

REASON_LIMIT = 500
QUARTERLY = ("number", "percent", "range")  # the kinds whose quarters have a target number


class RuleForm(Form):
    rollup_rule = SelectField("Cara mengisi realisasi", choices=choices(ROLLUP_RULES))


class CascadeForm(Form):
    """Blank target: each child keeps its target (new children get the parent's own)."""
    target_value = NumberField("Target untuk semua unit")
    target_upper = NumberField("Batas atas (rentang)")
    target_grade = SelectField("Nilai minimal untuk semua unit",
                               choices=choices([("", "-")] + [(g, g) for g in GRADES]),
                               default="")

    def check(self, kind: str) -> bool:
        """The target's rules for the parent's kind, each message at its field (after
        validate(): a number that could not be read has its message already)."""
        if kind == "range" and not (self.target_value.errors or self.target_upper.errors):
            low, high = self.target_value.data, self.target_upper.data
            if (low is None) != (high is None):
                missing = self.target_upper if high is None else self.target_value
                missing.errors.append("Isi batas bawah dan batas atas, atau kosongkan keduanya.")
            elif low is not None and low > high:
                self.target_upper.errors.append("Batas atas harus lebih besar dari target.")
        return not any(f.errors for f in (self.target_value, self.target_upper,
                                          self.target_grade))

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
    quarter_texts: list[str] = field(default_factory=lambda: [""] * 4)
    quarters: list[Decimal | None] | None = None  # None: the kind has no quarterly targets


def _number(row: ChildRow, name: str, text: str) -> Decimal | None:
    """A typed number the Indonesian way ("1.234,5"), not negative; blank is None. A bad one
    is None with its message at the field `name`."""
    if not text:
        return None
    try:
        value = parse_number(text)
    except ParseError as exc:
        row.errors[name] = sentence(str(exc))
        return None
    if value < 0:
        row.errors[name] = "Nilai tidak boleh kurang dari 0."
        return None
    return value


def read_children(form, unit_ids: list[int], kind: str,
                  uppers: dict[int, Decimal | None]) -> list[ChildRow]:
    """The per-child rows of a posted form (fields target-<id>, tw1-<id> .. tw4-<id> for a
    numeric target, tidak-berlaku-<id>, alasan-<id>), each checked with its message at its
    field; `uppers`: each child's upper bound, which a range's lower bound may not pass."""
    rows = []
    for unit_id in unit_ids:
        row = ChildRow(unit_id, (form.get(f"target-{unit_id}") or "").strip(),
                       form.get(f"tidak-berlaku-{unit_id}") == "1",
                       (form.get(f"alasan-{unit_id}") or "").strip())
        if kind == "grade":
            if row.target_text and row.target_text.upper() not in GRADES:
                row.errors["target"] = "Pilih nilai huruf D sampai AA."
            row.target = row.target_text.upper() or None
        else:
            row.target = _number(row, "target", row.target_text)
            upper = uppers.get(unit_id) if kind == "range" else None
            if row.target is not None and upper is not None and row.target > upper:
                row.errors["target"] = (f"Target tidak boleh lebih dari batas atas unit ini "
                                        f"({format_number(upper)}).")
        if kind in QUARTERLY:
            row.quarter_texts = [(form.get(f"tw{q}-{unit_id}") or "").strip()
                                 for q in QUARTERS]
            row.quarters = [_number(row, f"tw{q}", text)
                            for q, text in zip(QUARTERS, row.quarter_texts, strict=True)]
        if row.exempt and not row.reason:
            row.errors["reason"] = "Isi alasan unit ini tidak berlaku."
        if len(row.reason) > REASON_LIMIT:
            row.errors["reason"] = f"Paling banyak {REASON_LIMIT} karakter."
        rows.append(row)
    return rows
