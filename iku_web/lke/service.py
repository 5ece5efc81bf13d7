"""Writes of a year's LKE: checks, letters, submission and return, recommendations.

Who may do what (docs/lke.md): admin and staff fill the self-evaluation (side "mandiri") while
it is a draft or returned; the verifier or the admin scores the evaluator's side once it is
submitted, returns it, and records recommendations. A submitted self-evaluation is locked."""
from datetime import datetime

import sqlalchemy as sa

from ..access import can, current_unit
from ..database import begin_write
from ..extensions import db
from ..models import (
    LkeCheck,
    LkeComponent,
    LkeCriteriaSet,
    LkeCriterion,
    LkeEvaluation,
    LkeLetter,
    LkeRecommendation,
    LkeSubcomponent,
    Year,
)

LOCKED_MESSAGE = ("Penilaian mandiri sudah diajukan ke evaluator dan terkunci sampai "
                  "dikembalikan.")
NOT_SUBMITTED_MESSAGE = "Penilaian evaluator baru dapat diisi setelah penilaian mandiri diajukan."


class Refused(Exception):
    """A write that the evaluation's state does not allow (answered 409 with the message)."""


def current_set_id() -> int:
    """The newest criteria set: what a new evaluation is made with."""
    return db.session.scalar(sa.select(sa.func.max(LkeCriteriaSet.id)))


def evaluation_of(year: Year) -> LkeEvaluation | None:
    return db.session.scalar(sa.select(LkeEvaluation).where(LkeEvaluation.year_id == year.id))


def may_edit(user, side: str) -> bool:
    return can(user, "lke_self" if side == "mandiri" else "lke_evaluate", current_unit())


def open_for_write(year: Year, side: str) -> LkeEvaluation:
    """The year's evaluation inside a write transaction (made on the first write), refused
    when its state does not allow writing this side."""
    begin_write(db.session)
    evaluation = evaluation_of(year)
    if evaluation is None:
        evaluation = LkeEvaluation(year_id=year.id, set_id=current_set_id(), status="draft",
                                   comment="")
        db.session.add(evaluation)
        db.session.flush()
    if side == "mandiri" and evaluation.status == "submitted":
        raise Refused(LOCKED_MESSAGE)
    if side == "evaluator" and evaluation.status != "submitted":
        raise Refused(NOT_SUBMITTED_MESSAGE)
    return evaluation


def in_set(model, object_id: int, evaluation: LkeEvaluation | None):
    """A criterion or sub-component of the evaluation's set (the current set before the first
    write), or None: an id from another set is not part of this year's LKE."""
    set_id = evaluation.set_id if evaluation else current_set_id()
    query = sa.select(model).where(model.id == object_id)
    if model is LkeCriterion:
        query = query.join(LkeSubcomponent)
    query = query.join(LkeComponent, LkeComponent.id == LkeSubcomponent.component_id)
    return db.session.scalar(query.where(LkeComponent.set_id == set_id))


def _side_row(model, evaluation: LkeEvaluation, side: str, fields: dict, **key):
    """One side's row of `model` for `key` (a criterion or a sub-component), made with blank
    texts when missing, with the fields sent set on it."""
    query = sa.select(model).where(model.evaluation_id == evaluation.id, model.side == side,
                                   *(getattr(model, name) == value for name, value in key.items()))
    row = db.session.scalar(query)
    if row is None:
        blanks = {name: "" for name in ("note", "evidence", "reason") if hasattr(model, name)}
        row = model(evaluation_id=evaluation.id, side=side, **key, **blanks)
        db.session.add(row)
    for name, value in fields.items():
        setattr(row, name, value)
    return row


def save_check(year: Year, criterion_id: int, side: str, fields: dict, user) -> LkeCheck:
    """Store the fields sent (met, note, evidence) of one criterion's check on one side."""
    check = _side_row(LkeCheck, open_for_write(year, side), side, fields,
                      criterion_id=criterion_id)
    check.updated_by_id = user.id
    check.updated_at = datetime.now()
    db.session.commit()
    return check


def save_letter(year: Year, subcomponent_id: int, side: str, fields: dict) -> LkeLetter:
    """Store the chosen letter and its reason, or the evaluator's note, of a sub-component."""
    row = _side_row(LkeLetter, open_for_write(year, side), side, fields,
                    subcomponent_id=subcomponent_id)
    db.session.commit()
    return row


def submit(year: Year, user) -> None:
    evaluation = open_for_write(year, "mandiri")
    evaluation.status = "submitted"
    evaluation.submitted_at = datetime.now()
    evaluation.submitted_by_id = user.id
    db.session.commit()


def give_back(year: Year, comment: str) -> None:
    """The evaluator returns the self-evaluation for changes (it is editable again)."""
    evaluation = open_for_write(year, "evaluator")
    evaluation.status = "returned"
    evaluation.comment = comment
    db.session.commit()


def add_recommendation(year: Year, text: str) -> LkeRecommendation:
    evaluation = open_for_write(year, "evaluator")
    position = db.session.scalar(sa.select(sa.func.count(LkeRecommendation.id)).where(
        LkeRecommendation.evaluation_id == evaluation.id))
    rec = LkeRecommendation(evaluation_id=evaluation.id, position=position + 1, text=text,
                            follow_up="", status="belum")
    db.session.add(rec)
    db.session.commit()
    return rec


def recommendation_for(year: Year, rec_id: int) -> LkeRecommendation | None:
    """A recommendation of this year's evaluation or of the year before (whose follow-up the
    unit reports this year); None otherwise."""
    rec = db.session.get(LkeRecommendation, rec_id)
    if rec is None:
        return None
    owner = db.session.get(LkeEvaluation, rec.evaluation_id).year_ref
    same_unit = owner.unit_id == year.unit_id
    return rec if same_unit and owner.year in (year.year, year.year - 1) else None


def save_follow_up(rec: LkeRecommendation, follow_up: str, due, status: str) -> None:
    begin_write(db.session)
    rec.follow_up, rec.due, rec.status = follow_up, due, status
    db.session.commit()
