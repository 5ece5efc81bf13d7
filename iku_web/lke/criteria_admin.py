"""The install admin's screens for the LKE criteria sets (docs/lke.md, "Editing a criteria
set"): the list of sets with how many evaluations use each, copying one to a new version, and
editing the criteria of a set no evaluation uses yet. Install-wide pages, not a unit's."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm import selectinload

from ..auth.permissions import install_admin_required
from ..extensions import db
from ..models import LkeComponent, LkeCriteriaSet, LkeEvaluation, LkeSubcomponent
from . import bp, criteria_edit, service


def _set_or_404(set_id: int) -> LkeCriteriaSet:
    found = db.session.scalar(
        sa.select(LkeCriteriaSet).where(LkeCriteriaSet.id == set_id).options(
            selectinload(LkeCriteriaSet.components).selectinload(LkeComponent.subcomponents)
            .selectinload(LkeSubcomponent.criteria)))
    if found is None:
        abort(404)
    return found


def _sets_page(errors: dict | None = None, sent: dict | None = None, status: int = 200):
    sets = db.session.scalars(sa.select(LkeCriteriaSet).order_by(LkeCriteriaSet.id)).all()
    used = dict(db.session.execute(sa.select(LkeEvaluation.set_id, sa.func.count(LkeEvaluation.id))
                                   .group_by(LkeEvaluation.set_id)).all())
    return render_template("lke/criteria_sets.html", sets=sets, used=used,
                           current=service.current_set_id(), errors=errors or {},
                           sent=sent or {}), status


@bp.route("/kriteria-lke")
@install_admin_required
def criteria_sets():
    return _sets_page()


@bp.route("/kriteria-lke/<int:set_id>/salin", methods=["POST"])
@install_admin_required
def criteria_copy(set_id: int):
    source = _set_or_404(set_id)
    version = request.form.get("version", "").strip()
    name = request.form.get("name", "").strip()
    errors = criteria_edit.copy_errors(version, name)
    if errors:
        return _sets_page(errors, {"set_id": set_id, "version": version, "name": name}, 422)
    new_id = criteria_edit.copy(source, version, name)
    flash(f"Set kriteria {source.version} disalin menjadi versi {version}. Evaluasi baru memakai "
          "set ini; evaluasi yang sudah dibuat tetap memakai setnya.", "success")
    return redirect(url_for(".criteria_set", set_id=new_id))


def _render_set(criteria_set: LkeCriteriaSet, errors: dict | None = None, status: int = 200):
    """The set's page; errors maps ("kriteria", id) or ("sub", id) to (text sent, message)."""
    return render_template("lke/criteria_set.html", criteria_set=criteria_set,
                           used=criteria_edit.uses(criteria_set.id),
                           current=service.current_set_id(), errors=errors or {}), status


@bp.route("/kriteria-lke/<int:set_id>")
@install_admin_required
def criteria_set(set_id: int):
    return _render_set(_set_or_404(set_id))


def _write(set_id: int, key: tuple[str, int], sub_id: int, action, with_text: bool = True):
    """Run one edit; bad text (422) or a refused edit (409) comes back on the page with its
    message at the field, the text sent kept."""
    text = request.form.get("text", "")
    message, status = (criteria_edit.text_error(text) if with_text else None), 422
    if message is None:
        try:
            action(text)
        except criteria_edit.Refused as refused:
            db.session.rollback()
            message, status = str(refused), 409
    if message is not None:
        return _render_set(_set_or_404(set_id), {key: (text, message)}, status)
    flash("Set kriteria disimpan.", "success")
    return redirect(url_for(".criteria_set", set_id=set_id, _anchor=f"sub-{sub_id}"))


@bp.route("/kriteria-lke/<int:set_id>/kriteria/<int:criterion_id>", methods=["POST"])
@install_admin_required
def criterion_update(set_id: int, criterion_id: int):
    criterion = criteria_edit.criterion_of_set(set_id, criterion_id) or abort(404)
    return _write(set_id, ("kriteria", criterion.id), criterion.subcomponent_id,
                  lambda text: criteria_edit.update_text(criterion, set_id, text))


@bp.route("/kriteria-lke/<int:set_id>/kriteria/<int:criterion_id>/hapus", methods=["POST"])
@install_admin_required
def criterion_retire(set_id: int, criterion_id: int):
    criterion = criteria_edit.criterion_of_set(set_id, criterion_id) or abort(404)
    sub = db.session.get(LkeSubcomponent, criterion.subcomponent_id)
    return _write(set_id, ("kriteria", criterion.id), sub.id,
                  lambda _text: criteria_edit.retire(criterion, sub, set_id), with_text=False)


@bp.route("/kriteria-lke/<int:set_id>/sub/<int:sub_id>/tambah", methods=["POST"])
@install_admin_required
def criterion_add(set_id: int, sub_id: int):
    sub = criteria_edit.sub_of_set(set_id, sub_id) or abort(404)
    return _write(set_id, ("sub", sub.id), sub.id,
                  lambda text: criteria_edit.add(sub, set_id, text))
