"""The final grade of units' LKE for a year, for other modules (the roll-up of a parent's
"... minimal B" indicator from its offices' grades). Domain layer: it reads the models and the
pure scoring only, needs no request, and grades any number of units in four queries (the
evaluations, their sets' criteria counted per sub-component, the checks counted per
sub-component and side, the chosen letters), so a roll-up over 514 offices costs the same
number of queries as one over 3. The page (viewmodel.py) scores the same rows the same way
through scoring.sub_score; tests/test_lke_grades.py compares the two."""
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from ..extensions import db
from ..models import (
    LkeCheck,
    LkeComponent,
    LkeCriterion,
    LkeEvaluation,
    LkeLetter,
    LkeSubcomponent,
    Unit,
    Year,
)
from . import scoring, text
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
    submitted: bool = False  # the self-evaluation is submitted to the evaluator (locked)

    def at_least(self, minimum: str) -> bool:
        """Whether the grade is `minimum` or better ("B": B, BB, A and AA)."""
        return GRADE_ORDER.index(self.letter) <= GRADE_ORDER.index(minimum)

    @property
    def official(self) -> bool:
        """Whether the grade counts in a parent's verified (official) figure: every criterion
        of its side checked, and either the evaluator's or a self-evaluation the unit has
        submitted. A draft, a returned self-evaluation or a provisional grade counts in the
        "sementara" figure only (docs/lke.md, "The grade in the parent's indicator")."""
        return not self.provisional and (self.side == "evaluator" or self.submitted)

    @property
    def state_text(self) -> str:
        """Where the grade comes from, as the roll-up's lists say it."""
        if self.side == "evaluator":
            who = "nilai evaluator"
        else:
            who = "penilaian mandiri" + ("" if self.submitted else " (draf)")
        return who + (", belum lengkap" if self.provisional else "")

    @property
    def text(self) -> str:
        """"B (64,60; penilaian mandiri)"."""
        return f"{self.letter} ({text.score(self.score)}; {self.state_text})"


def grades_for(year: int, unit_ids: Iterable[int] | None = None) -> dict[int, FinalGrade]:
    """The grade that counts per unit id for `year` (all units, or those of `unit_ids`): the
    evaluator's side once the evaluator has checked anything, else the self-evaluation. A unit
    without the year, without an LKE, or with not one criterion checked on that side ("belum
    diisi") is left out."""
    query = (sa.select(Year.unit_id, LkeEvaluation.id, LkeEvaluation.set_id,
                       LkeEvaluation.status)
             .join(Year, Year.id == LkeEvaluation.year_id).where(Year.year == year))
    if unit_ids is not None:
        query = query.where(Year.unit_id.in_(sorted(set(unit_ids))))
    evaluations = db.session.execute(query).all()
    if not evaluations:
        return {}
    eval_ids = [row.id for row in evaluations]
    subs = _set_subcomponents({row.set_id for row in evaluations})
    counts = _checks(eval_ids)
    letters = {(row.evaluation_id, row.subcomponent_id, row.side): (row.letter, row.reason)
               for row in db.session.execute(
                   sa.select(LkeLetter.evaluation_id, LkeLetter.subcomponent_id, LkeLetter.side,
                             LkeLetter.letter, LkeLetter.reason)
                   .where(LkeLetter.evaluation_id.in_(eval_ids)))}
    out = {}
    for row in evaluations:
        grade = _grade(row.id, subs.get(row.set_id, []), counts, letters,
                       row.status == "submitted")
        if grade is not None:
            out[row.unit_id] = grade
    return out


def grade_for(unit: Unit | int, year: int) -> FinalGrade | None:
    """The grade that counts for `unit`'s LKE of `year` (see grades_for), or None."""
    unit_id = unit if isinstance(unit, int) else unit.id
    return grades_for(year, [unit_id]).get(unit_id)


def _set_subcomponents(set_ids: set[int]) -> dict[int, list[tuple]]:
    """Per criteria set: (component code, weight, sub-component id, code, weight, number of
    criteria) in the page's order."""
    rows = db.session.execute(
        sa.select(LkeComponent.set_id, LkeComponent.code, LkeComponent.weight,
                  LkeSubcomponent.id, LkeSubcomponent.code, LkeSubcomponent.weight,
                  sa.func.count(LkeCriterion.id))
        .join(LkeSubcomponent, LkeSubcomponent.component_id == LkeComponent.id)
        .outerjoin(LkeCriterion, LkeCriterion.subcomponent_id == LkeSubcomponent.id)
        .where(LkeComponent.set_id.in_(sorted(set_ids)))
        .group_by(LkeComponent.set_id, LkeComponent.position, LkeComponent.id,
                  LkeComponent.code, LkeComponent.weight, LkeSubcomponent.position,
                  LkeSubcomponent.id, LkeSubcomponent.code, LkeSubcomponent.weight)
        .order_by(LkeComponent.set_id, LkeComponent.position, LkeComponent.id,
                  LkeSubcomponent.position, LkeSubcomponent.id)).all()
    out: dict[int, list[tuple]] = {}
    for set_id, *rest in rows:
        out.setdefault(set_id, []).append(tuple(rest))
    return out


def _checks(eval_ids: list[int]) -> dict[tuple[int, int, str], tuple[int, int]]:
    """(evaluation, sub-component, side) -> (criteria met, criteria checked)."""
    met = sa.case((LkeCheck.met.is_(True), 1), else_=0)
    checked = sa.case((LkeCheck.met.is_not(None), 1), else_=0)
    rows = db.session.execute(
        sa.select(LkeCheck.evaluation_id, LkeCriterion.subcomponent_id, LkeCheck.side,
                  sa.func.sum(met), sa.func.sum(checked))
        .join(LkeCriterion, LkeCriterion.id == LkeCheck.criterion_id)
        .where(LkeCheck.evaluation_id.in_(eval_ids))
        .group_by(LkeCheck.evaluation_id, LkeCriterion.subcomponent_id, LkeCheck.side))
    return {(e, s, side): (int(m or 0), int(c or 0)) for e, s, side, m, c in rows}


def _grade(eval_id: int, subs: list[tuple], counts: dict, letters: dict,
           submitted: bool) -> FinalGrade | None:
    def checked(side: str) -> int:
        return sum(counts.get((eval_id, sub[2], side), (0, 0))[1] for sub in subs)

    side = "evaluator" if checked("evaluator") else "mandiri"
    if not checked(side):
        return None
    components: dict[str, scoring.ComponentScore] = {}
    for comp_code, comp_weight, sub_id, sub_code, sub_weight, total in subs:
        met, done = counts.get((eval_id, sub_id, side), (0, 0))
        # The page's list of checks, in counts: met, checked but not met, not checked.
        answers = [True] * met + [False] * (done - met) + [None] * (total - done)
        chosen, reason = letters.get((eval_id, sub_id, side), (None, ""))
        component = components.setdefault(
            comp_code, scoring.ComponentScore(comp_code, Decimal(comp_weight)))
        component.subs.append(scoring.sub_score(sub_code, sub_weight, answers, chosen,
                                                reason or ""))
    total = scoring.Total(list(components.values()))
    letter, label = total.grade
    return FinalGrade(total.score, letter, label, side, total.provisional, submitted)
