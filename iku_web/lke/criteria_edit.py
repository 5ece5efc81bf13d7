"""Edits of a criteria set by the install admin (docs/lke.md, "Editing a criteria set"): copy a
set to a new version, and in a set no evaluation uses yet, change a criterion's text, add one or
retire one. A set an evaluation was made with is read-only, so a year keeps the criteria it was
scored with. Each write checks "not used" inside the write transaction."""
import sqlalchemy as sa

from ..database import begin_write
from ..extensions import db
from ..models import LkeComponent, LkeCriteriaSet, LkeCriterion, LkeEvaluation, LkeSubcomponent
from . import criteria

MAX_TEXT = 2000
USED_MESSAGE = ("Set kriteria ini sudah dipakai oleh {n} evaluasi dan hanya dapat dibaca. "
                "Salin ke versi baru untuk mengubahnya.")


class Refused(Exception):
    """A write the set's state does not allow (the message says why)."""


def uses(set_id: int) -> int:
    """How many evaluations were made with the set."""
    return db.session.scalar(sa.select(sa.func.count(LkeEvaluation.id))
                             .where(LkeEvaluation.set_id == set_id))


def text_error(text: str) -> str | None:
    if not text.strip():
        return "Teks kriteria wajib diisi."
    if len(text) > MAX_TEXT:
        return f"Teks kriteria paling banyak {MAX_TEXT} karakter."
    return None


def copy_errors(version: str, name: str) -> dict[str, str]:
    """The copy form's messages per field (empty: it may be saved)."""
    errors = {}
    if not version:
        errors["version"] = "Versi wajib diisi."
    elif len(version) > 50:
        errors["version"] = "Versi paling banyak 50 karakter."
    elif db.session.scalar(sa.select(LkeCriteriaSet.id).where(LkeCriteriaSet.version == version)):
        errors["version"] = "Versi ini sudah ada; pilih nama versi lain."
    if not name:
        errors["name"] = "Nama set wajib diisi."
    elif len(name) > 200:
        errors["name"] = "Nama set paling banyak 200 karakter."
    return errors


def copy(criteria_set: LkeCriteriaSet, version: str, name: str) -> int:
    """A new version of the set, with every criterion; returns its id. New evaluations take the
    newest set (service.current_set_id), those made keep theirs."""
    begin_write(db.session)
    set_id = criteria.copy_set(db.session, criteria_set, version, name)
    db.session.commit()
    return set_id


def _open(set_id: int) -> None:
    begin_write(db.session)
    used = uses(set_id)
    if used:
        raise Refused(USED_MESSAGE.format(n=used))


def _renumber(sub: LkeSubcomponent) -> None:
    """Codes follow the order: 1.a.1, 1.a.2, ... (what the worksheet shows)."""
    for position, criterion in enumerate(sub.criteria, start=1):
        criterion.position, criterion.code = position, f"{sub.code}.{position}"


def update_text(criterion: LkeCriterion, set_id: int, text: str) -> None:
    _open(set_id)
    criterion.text = text.strip()
    db.session.commit()


def add(sub: LkeSubcomponent, set_id: int, text: str) -> LkeCriterion:
    """A new criterion at the end of the sub-component (no evidence rule: the person decides)."""
    _open(set_id)
    criterion = LkeCriterion(text=text.strip(), evidence_rule="", code="", position=0)
    sub.criteria.append(criterion)
    _renumber(sub)
    db.session.commit()
    return criterion


def retire(criterion: LkeCriterion, sub: LkeSubcomponent, set_id: int) -> None:
    """Take a criterion out of a set not used yet (nothing refers to it, so it is removed);
    the sub-component keeps at least one."""
    _open(set_id)
    if len(sub.criteria) <= 1:
        raise Refused("Sub-komponen harus memiliki sekurang-kurangnya satu kriteria.")
    sub.criteria.remove(criterion)
    _renumber(sub)
    db.session.commit()


def sub_of_set(set_id: int, sub_id: int) -> LkeSubcomponent | None:
    return db.session.scalar(sa.select(LkeSubcomponent).join(LkeComponent)
                             .where(LkeSubcomponent.id == sub_id, LkeComponent.set_id == set_id))


def criterion_of_set(set_id: int, criterion_id: int) -> LkeCriterion | None:
    return db.session.scalar(
        sa.select(LkeCriterion).join(LkeSubcomponent).join(LkeComponent)
        .where(LkeCriterion.id == criterion_id, LkeComponent.set_id == set_id))
