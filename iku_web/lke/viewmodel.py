"""One view-model of a year's LKE, for the page, its htmx answers, the Excel and the PDF: the
criteria of the evaluation's set with both sides' checks, letters and scores (scoring.py)."""
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    LkeCheck,
    LkeComponent,
    LkeCriteriaSet,
    LkeEvaluation,
    LkeLetter,
    LkeRecommendation,
    LkeSubcomponent,
    Year,
)
from ..models.lke import SIDES
from . import files, scoring, service

KINDS = {"pemenuhan": "Pemenuhan", "kualitas": "Kualitas", "pemanfaatan": "Pemanfaatan"}


@dataclass
class CriterionRow:
    criterion: object  # LkeCriterion
    checks: dict  # side -> LkeCheck or None
    suggestion: object = None  # evidence.Suggestion or None
    files: dict = field(default_factory=dict)  # side -> [LkeFile] attached to the answer

    def met(self, side: str) -> bool | None:
        check = self.checks.get(side)
        return check.met if check else None


@dataclass
class SubView:
    sub: object  # LkeSubcomponent
    criteria: list[CriterionRow]
    letters: dict  # side -> LkeLetter or None
    scores: dict = field(default_factory=dict)  # side -> scoring.SubScore

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.sub.kind, self.sub.kind)

    def note(self, side: str) -> str:
        row = self.letters.get(side)
        return row.note if row else ""

    def chosen(self, side: str) -> tuple[str, str]:
        """The letter a person chose (stored, even when it no longer stands) and its reason."""
        row = self.letters.get(side)
        return (row.letter or "", row.reason) if row else ("", "")


@dataclass
class ComponentView:
    component: object  # LkeComponent
    subs: list[SubView]
    scores: dict = field(default_factory=dict)  # side -> scoring.ComponentScore


@dataclass
class LkeView:
    year: Year
    evaluation: LkeEvaluation | None
    criteria_set: LkeCriteriaSet
    components: list[ComponentView]
    totals: dict  # side -> scoring.Total
    recommendations: list = field(default_factory=list)
    previous: list = field(default_factory=list)  # last year's recommendations

    sides = SIDES

    @property
    def status(self) -> str:
        return self.evaluation.status if self.evaluation else "draft"

    @property
    def status_label(self) -> str:
        return self.evaluation.status_label if self.evaluation else "Draf (belum diisi)"

    @property
    def locked(self) -> bool:
        return self.status == "submitted"

    @property
    def evaluated(self) -> bool:
        """Whether the evaluator has checked anything: then the evaluator's score is final."""
        return any(r.met("evaluator") is not None for c in self.components for s in c.subs
                   for r in s.criteria)

    @property
    def final_side(self) -> str:
        return "evaluator" if self.evaluated else "mandiri"

    def subs(self):
        return [s for c in self.components for s in c.subs]


def _load_set(set_id: int) -> LkeCriteriaSet:
    return db.session.scalar(
        sa.select(LkeCriteriaSet).where(LkeCriteriaSet.id == set_id).options(
            selectinload(LkeCriteriaSet.components).selectinload(LkeComponent.subcomponents)
            .selectinload(LkeSubcomponent.criteria)))


def _recommendations(evaluation: LkeEvaluation | None) -> list[LkeRecommendation]:
    if evaluation is None:
        return []
    return list(db.session.scalars(sa.select(LkeRecommendation).where(
        LkeRecommendation.evaluation_id == evaluation.id).order_by(
        LkeRecommendation.position, LkeRecommendation.id)))


def previous_recommendations(year: Year) -> list[LkeRecommendation]:
    """The recommendations of the year before (same office), with their tindak lanjut."""
    before = db.session.scalar(sa.select(LkeEvaluation).join(Year).where(
        Year.year == year.year - 1, Year.unit_id == year.unit_id))
    return _recommendations(before)


def build(year: Year, suggestions: dict | None = None) -> LkeView:
    """The year's LKE; suggestions maps an evidence rule to its evidence.Suggestion."""
    evaluation = service.evaluation_of(year)
    criteria_set = _load_set(evaluation.set_id if evaluation else service.current_set_id())
    checks, letters = {}, {}
    if evaluation is not None:
        for check in db.session.scalars(sa.select(LkeCheck).where(
                LkeCheck.evaluation_id == evaluation.id)):
            checks[(check.criterion_id, check.side)] = check
        for row in db.session.scalars(sa.select(LkeLetter).where(
                LkeLetter.evaluation_id == evaluation.id)):
            letters[(row.subcomponent_id, row.side)] = row
    suggestions = suggestions or {}
    attached = files.by_answer(evaluation)
    components = []
    for comp in criteria_set.components:
        subs = []
        for sub in comp.subcomponents:
            rows = [CriterionRow(c, {side: checks.get((c.id, side)) for side in SIDES},
                                 suggestions.get(c.evidence_rule),
                                 {side: attached.get((c.id, side), []) for side in SIDES})
                    for c in sub.criteria]
            view = SubView(sub, rows, {side: letters.get((sub.id, side)) for side in SIDES})
            for side in SIDES:
                chosen, reason = view.chosen(side)
                view.scores[side] = scoring.sub_score(
                    sub.code, sub.weight, [r.met(side) for r in rows], chosen, reason)
            subs.append(view)
        comp_view = ComponentView(comp, subs)
        for side in SIDES:
            comp_view.scores[side] = scoring.ComponentScore(
                comp.code, comp.weight, [s.scores[side] for s in subs])
        components.append(comp_view)
    totals = {side: scoring.Total([c.scores[side] for c in components]) for side in SIDES}
    return LkeView(year, evaluation, criteria_set, components, totals,
                   _recommendations(evaluation), previous_recommendations(year))


def find_sub(view: LkeView, subcomponent_id: int) -> tuple[ComponentView, SubView]:
    for comp in view.components:
        for sub in comp.subs:
            if sub.sub.id == subcomponent_id:
                return comp, sub
    raise LookupError(subcomponent_id)
