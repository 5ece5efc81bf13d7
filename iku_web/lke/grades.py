"""The final grade of a unit's LKE for a year, for other modules (the roll-up of a parent's
"... minimal B" indicator from its offices' grades): one call, no request context needed."""
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from ..extensions import db
from ..models import Unit, Year
from . import service, viewmodel
from .scoring import GRADE_BANDS, LOWEST_GRADE

# Best first: AA, A, BB, B, CC, C, D.
GRADE_ORDER = tuple(letter for _bound, letter, _label in GRADE_BANDS) + (LOWEST_GRADE[0],)


@dataclass(frozen=True)
class FinalGrade:
    score: Decimal  # exact; shown with two decimals
    letter: str  # AA ... D
    label: str  # "Baik", ...
    side: str  # "evaluator" once the evaluator checked anything, else "mandiri"
    provisional: bool  # some criterion of that side is not checked yet (counted as not met)

    def at_least(self, minimum: str) -> bool:
        """Whether the grade is `minimum` or better ("B": B, BB, A and AA)."""
        return GRADE_ORDER.index(self.letter) <= GRADE_ORDER.index(minimum)


def grade_for(unit: Unit | int, year: int) -> FinalGrade | None:
    """The grade that counts for `unit`'s LKE of `year` (the evaluator's where present, else the
    self-evaluation), or None when the unit has no such year, no LKE, or not one criterion
    checked yet ("belum diisi")."""
    unit_id = unit if isinstance(unit, int) else unit.id
    year_obj = db.session.scalar(sa.select(Year).where(Year.unit_id == unit_id,
                                                       Year.year == year))
    if year_obj is None or service.evaluation_of(year_obj) is None:
        return None
    vm = viewmodel.build(year_obj)
    side = vm.final_side
    if not any(row.met(side) is not None for sub in vm.subs() for row in sub.criteria):
        return None
    total = vm.totals[side]
    letter, label = total.grade
    return FinalGrade(total.score, letter, label, side, total.provisional)
