"""The demos' self-evaluations, filled answer by answer and scored by the real scoring.

Barito Selatan TA 2023 (`flask seed-demo`) is graded B. In the province demo (`flask
seed-provinsi`) each office's TA 2024 gets one of the profiles below, so that the grades differ
(some at least B, some below), most submitted, one scored by its evaluator, one still a draft;
the office that reports nothing (Lamandau) has no LKE either. docs/lke.md has the arithmetic."""
from datetime import datetime

import sqlalchemy as sa

from ..extensions import db
from ..models import LkeCheck, LkeEvaluation, Year
from . import evidence, service, viewmodel

# Criteria met per sub-component (the first n of each): 64,60, B (Baik); see docs/lke.md.
MET = {"1.a": 6, "1.b": 10, "1.c": 6, "2.a": 3, "2.b": 7, "2.c": 6,
       "3.a": 5, "3.b": 7, "3.c": 5, "4.a": 2, "4.b": 3, "4.c": 2}
NOTES = {"1.a.2": "RPJP disusun di tingkat KPU RI; tidak ada dokumen tingkat kabupaten.",
         "4.c.3": "Hasil evaluasi internal belum dibahas dalam rapat pleno."}

# The province demo's profiles: criteria met per sub-component, and the total they give.
ALL_MET = {"1.a": 6, "1.b": 11, "1.c": 8, "2.a": 3, "2.b": 7, "2.c": 10,
           "3.a": 6, "3.b": 9, "3.c": 7, "4.a": 3, "4.b": 5, "4.c": 5}  # 80,00 BB
STRONG = {"1.a": 6, "1.b": 10, "1.c": 7, "2.a": 3, "2.b": 7, "2.c": 9,
          "3.a": 6, "3.b": 8, "3.c": 6, "4.a": 3, "4.b": 4, "4.c": 4}  # 72,90 BB
FAIR = {"1.a": 3, "1.b": 6, "1.c": 4, "2.a": 2, "2.b": 4, "2.c": 5,
        "3.a": 4, "3.b": 5, "3.c": 3, "4.a": 2, "4.b": 2, "4.c": 1}  # 51,15 CC
WEAK = {"1.a": 1, "1.b": 3, "1.c": 2, "2.a": 1, "2.b": 2, "2.c": 2,
        "3.a": 3, "3.b": 2, "3.c": 1, "4.a": 1, "4.b": 1, "4.c": 0}  # 32,65 C
# Office code -> profile of its self-evaluation; an office not named has no LKE: Lamandau,
# which reports nothing in the roll-up either ("belum melapor" everywhere, seed_provinsi.SILENT).
PROVINCE_PROFILES = {
    "barito-selatan": MET, "barito-timur": STRONG, "barito-utara": ALL_MET, "gunung-mas": FAIR,
    "kapuas": MET, "katingan": WEAK, "kotawaringin-barat": STRONG, "kotawaringin-timur": FAIR,
    "murung-raya": STRONG, "pulang-pisau": FAIR, "seruyan": MET, "sukamara": MET,
    "palangka-raya": ALL_MET,
}
# Self-evaluations still in draft (their grade counts in the "sementara" figure only); the
# others are submitted to the evaluator.
PROVINCE_DRAFTS = ("seruyan",)
# Offices whose evaluator has checked every criterion: the evaluator's profile (its grade is
# the one that counts; Barito Timur's BB becomes B).
PROVINCE_EVALUATED = {"barito-timur": MET}


def load(year_number: int = 2023) -> LkeEvaluation | None:
    """Fill the single-office demo's self-evaluation unless it has one; returns it, or None."""
    year = db.session.scalar(sa.select(Year).where(Year.year == year_number))
    if year is None or service.evaluation_of(year) is not None:
        return None
    evaluation = fill(year, MET, NOTES)
    db.session.commit()
    return evaluation


def fill(year: Year, met: dict[str, int], notes: dict[str, str] | None = None,
         side: str = "mandiri") -> LkeEvaluation:
    """Answer every criterion of one side of the year's LKE (made as a draft when missing): the
    first met[sub] criteria of each sub-component Ya, the rest Tidak; the self-evaluation with
    IKU Web's evidence texts. Not committed."""
    notes = notes or {}
    suggestions = evidence.suggest(year) if side == "mandiri" else {}
    evaluation = service.evaluation_of(year)
    if evaluation is None:
        evaluation = LkeEvaluation(year_id=year.id, set_id=service.current_set_id(),
                                   status="draft", comment="")
        db.session.add(evaluation)
        db.session.flush()
    vm = viewmodel.build(year)
    for sub in vm.subs():
        for number, row in enumerate(sub.criteria, start=1):
            code = row.criterion.code
            hint = suggestions.get(row.criterion.evidence_rule)
            db.session.add(LkeCheck(
                evaluation_id=evaluation.id, criterion_id=row.criterion.id, side=side,
                met=number <= met.get(sub.sub.code, 0), note=notes.get(code, ""),
                evidence=hint.text if hint else "", updated_at=datetime.now()))
    db.session.flush()
    return evaluation


def fill_province_office(year: Year, submitter_id: int) -> LkeEvaluation | None:
    """The province demo's LKE of one office (PROVINCE_PROFILES, DRAFTS, EVALUATED), or None
    for an office without one. Not committed."""
    code = year.unit.code
    profile = PROVINCE_PROFILES.get(code)
    if profile is None:
        return None
    evaluation = fill(year, profile)
    if code not in PROVINCE_DRAFTS:
        evaluation.status = "submitted"
        evaluation.submitted_at = datetime(year.year, 12, 20, 10, 0)
        evaluation.submitted_by_id = submitter_id
    if code in PROVINCE_EVALUATED:
        fill(year, PROVINCE_EVALUATED[code], side="evaluator")
    return evaluation
