"""The install admin's pages for the units themselves: add, rename, move, retire, and delete a
unit that holds nothing. Retiring keeps everything (the unit becomes read-only)."""
import re

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from ..auth.permissions import install_admin_required
from ..extensions import db
from ..fields import EmptyForm, Form, choices
from ..models import Membership, Renstra, Unit, Year
from ..models.units import KINDS
from ..rollup import cascade, move
from . import bp

# Carries "<new parent's id>:<from year>": a confirmation names where the unit goes and from
# which year, so changing either asks again.
CONFIRM_MOVE = "pindah"


class UnitForm(Form):
    name = StringField("Nama unit", validators=[DataRequired("Nama unit wajib diisi."),
                                                 Length(max=300)])
    code = StringField("Kode (dipakai di alamat)", filters=[lambda v: (v or "").strip()],
                       validators=[DataRequired("Kode wajib diisi."), Length(max=64),
                                   Regexp(r"^[a-z0-9-]*[a-z-][a-z0-9-]*$", message=(
                                       "Hanya huruf kecil, angka dan tanda hubung, tidak boleh "
                                       "angka saja."))])
    kind = SelectField("Jenis", choices=choices(KINDS))
    parent = SelectField("Induk", coerce=int)
    place = StringField("Tempat pada dokumen (mis. Buntok)", validators=[Length(max=100)])
    # Read only when the parent changes (_from_year): the first year under the new parent.
    from_year = StringField("Berlaku mulai TA", filters=[lambda v: (v or "").strip()])
    retired = BooleanField("Nonaktif (hanya baca, tidak ada yang dihapus)")


def _reserved() -> set[str]:
    """First path segments the install uses itself: a unit cannot be called like them."""
    return {re.split(r"[/<.]", rule.rule.lstrip("/"))[0]
            for rule in current_app.url_map.iter_rules()} - {""}


def _descendants(unit: Unit) -> set[int]:
    found, todo = set(), [unit]
    while todo:
        for child in todo.pop().children:
            if child.id not in found:
                found.add(child.id)
                todo.append(child)
    return found


def _form(unit: Unit | None) -> UnitForm:
    form = UnitForm(obj=unit)
    excluded = {unit.id} | _descendants(unit) if unit else set()
    units = [u for u in db.session.scalars(sa.select(Unit).order_by(Unit.code))
             if u.id not in excluded]
    form.parent.choices = choices([(0, "(tanpa induk: unit teratas)")] +
                                  [(u.id, f"{u.name} ({u.code})") for u in units])
    if unit is not None and not form.is_submitted():
        form.parent.data = unit.parent_id or 0
    return form


def _check(form: UnitForm, unit: Unit | None) -> bool:
    ok = form.validate_on_submit()
    if not ok:
        return False
    taken = db.session.scalar(sa.select(Unit.id).where(Unit.code == form.code.data))
    if taken is not None and (unit is None or taken != unit.id):
        form.code.errors.append("Kode sudah dipakai unit lain.")
    elif form.code.data in _reserved():
        form.code.errors.append("Kode ini dipakai aplikasi; pilih kode lain.")
    elif form.parent.data == 0 and (unit is None or unit.parent_id is not None):
        form.parent.errors.append("Pilih induk: hanya ada satu unit teratas.")
    return not (form.code.errors or form.parent.errors)


def _from_year(form: UnitForm, unit: Unit, parent: Unit | None) -> int | None:
    """The year a move takes effect from (move.default_year when left empty); None with the
    message at the field when it is not one."""
    typed = form.from_year.data
    if not typed:
        return move.default_year(unit, parent)
    if not typed.isdigit():
        form.from_year.errors.append("Isi tahun mulai berlaku dengan angka tahun, mis. 2025.")
        return None
    year = int(typed)
    last = move.last_move_year(unit)
    if not move.FIRST_YEAR <= year <= move.LAST_YEAR:
        form.from_year.errors.append(
            f"Tahun mulai berlaku harus antara {move.FIRST_YEAR} dan {move.LAST_YEAR}.")
    elif last is not None and year < last:
        form.from_year.errors.append(
            f"{unit.name} sudah dipindahkan mulai TA {last}: perpindahan berikutnya tidak "
            "dapat berlaku sebelum tahun itu.")
    return None if form.from_year.errors else year


@bp.route("/unit/baru", methods=["GET", "POST"], defaults={"code": None})
@bp.route("/unit/<code>/ubah", methods=["GET", "POST"])
@install_admin_required
def edit(code: str | None):
    """Add a unit, or rename, re-code, move or retire one (its data stays where it is)."""
    unit = None
    if code is not None:
        unit = db.first_or_404(sa.select(Unit).where(Unit.code == code))
    form = _form(unit)
    moving = None
    if _check(form, unit):
        parent = db.session.get(Unit, form.parent.data) if form.parent.data else None
        if unit is not None and (unit.parent_id or 0) != form.parent.data:
            from_year = _from_year(form, unit, parent)
            if from_year is None:
                return _page(form, unit)
            moving = move.effect(unit, parent, from_year)
            # A move that cuts or gives cascaded indicators says so first (docs/rollup.md).
            confirm = f"{form.parent.data}:{from_year}"
            if moving and request.form.get(CONFIRM_MOVE) != confirm:
                form.from_year.data = str(from_year)  # the default, shown before it is used
                return _page(form, unit, moving, confirm)
        added = unit is None
        unit = unit or Unit()
        unit.name, unit.code, unit.kind = form.name.data.strip(), form.code.data, form.kind.data
        unit.place, unit.retired = (form.place.data or "").strip(), form.retired.data
        db.session.add(unit)
        if moving is not None:
            move.move(unit, parent, moving.from_year, current_user.id)
        else:
            unit.parent = parent
        db.session.flush()
        # A new office gets the indicators its parent cascaded (docs/rollup.md).
        received = cascade.cascade_to_new_unit(unit) if added else 0
        db.session.commit()
        said = moving.lines if moving is not None else []  # a move says from which year
        flash(f"Unit {unit.name} disimpan." + (
            f" {received} indikator turunan dari unit induk ditambahkan." if received else "")
            + "".join(f" {line}" for line in said), "success")
        return redirect(url_for(".index"))
    return _page(form, unit)


def _page(form: UnitForm, unit: Unit | None, moving: move.Effect | None = None,
          confirm: str = ""):
    """The unit's form; `moving`: what the move asked for will do, to be confirmed by posting
    `confirm` back."""
    return render_template("units/form.html", form=form, unit=unit, empty=EmptyForm(),
                           deletable=unit is not None and not holds_data(unit),
                           moving=moving, confirm_move=CONFIRM_MOVE, confirm=confirm)


def holds_data(unit: Unit) -> bool:
    """Years, a Renstra, accounts or units below it: such a unit is retired, never deleted."""
    return bool(unit.children) or any(db.session.scalar(sa.select(sa.func.count()).where(c))
                                      for c in (Year.unit_id == unit.id,
                                                Renstra.unit_id == unit.id,
                                                Membership.unit_id == unit.id))


@bp.route("/unit/<code>/hapus", methods=["POST"])
@install_admin_required
def delete(code: str):
    unit = db.first_or_404(sa.select(Unit).where(Unit.code == code))
    if not EmptyForm().validate_on_submit():
        abort(400)
    if holds_data(unit) or unit.parent_id is None:
        flash(f"{unit.name} memiliki data dan tidak dapat dihapus; nonaktifkan saja.", "danger")
        return redirect(url_for(".edit", code=unit.code))
    db.session.delete(unit)
    db.session.commit()
    flash(f"Unit {unit.name} dihapus.", "success")
    return redirect(url_for(".index"))

