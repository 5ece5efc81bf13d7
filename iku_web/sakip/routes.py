"""Sasaran strategis of a year: add, rename, reorder, delete when empty, move indicators."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for

from .. import chain
from ..auth.permissions import admin_required
from ..changelog import log_change
from ..database import begin_write
from ..extensions import db
from ..fields import EmptyForm, choices
from ..guards import indicator_of_year
from ..models import Indicator, Sasaran, Year
from ..scope import get_year, scoped_or_404
from . import bp
from .forms import MoveForm, SasaranForm


def _sasaran(year: int, sasaran_id: int) -> Sasaran:
    sasaran = scoped_or_404(Sasaran, sasaran_id)
    if sasaran.year_ref.year != year:
        abort(404)
    return sasaran


def _move_form(year: Year) -> MoveForm:
    form = MoveForm()
    form.sasaran_id.choices = choices([(s.id, f"{n}. {s.name[:80]}")
                                       for n, s in enumerate(year.sasaran, start=1)])
    return form


def _page(year: Year, form: SasaranForm | None = None, edit_form=None, editing: int = 0):
    groups = chain.group(year, year.indicators, indicator_of=lambda i: i, include_empty=True)
    return render_template("sakip/sasaran.html", year=year, groups=groups,
                           form=form or SasaranForm(formdata=None), move_form=_move_form(year),
                           edit_form=edit_form, editing=editing, empty=EmptyForm())


@bp.route("/<int:year>/sasaran")
@admin_required
def index(year: int):
    """The sasaran of a year with their indicators."""
    return _page(get_year(year))


@bp.route("/<int:year>/sasaran", methods=["POST"])
@admin_required
def add(year: int):
    """A new sasaran, last in the list."""
    begin_write(db.session)
    year_obj = get_year(year)
    form = SasaranForm()
    if not form.validate_on_submit():
        return _page(year_obj, form=form)
    last = max((s.position for s in year_obj.sasaran), default=0)
    year_obj.sasaran.append(Sasaran(name=form.name.data.strip(), position=last + 1))
    log_change("sasaran", "add", None, form.name.data.strip(), year=year_obj)
    db.session.commit()
    flash("Sasaran ditambahkan.", "success")
    return redirect(url_for(".index", year=year))


@bp.route("/<int:year>/sasaran/<int:sasaran_id>/ubah", methods=["GET", "POST"])
@admin_required
def edit(year: int, sasaran_id: int):
    """Rename a sasaran."""
    sasaran = _sasaran(year, sasaran_id)
    form = SasaranForm(obj=sasaran, prefix="ubah")
    if form.validate_on_submit():
        new = form.name.data.strip()
        if new != sasaran.name:
            log_change("sasaran", "name", sasaran.name, new, year=sasaran.year_ref)
            sasaran.name = new
        db.session.commit()
        flash("Sasaran disimpan.", "success")
        return redirect(url_for(".index", year=year))
    return _page(sasaran.year_ref, edit_form=form, editing=sasaran.id)


@bp.route("/<int:year>/sasaran/<int:sasaran_id>/<any(naik,turun):direction>", methods=["POST"])
@admin_required
def reorder(year: int, sasaran_id: int, direction: str):
    """Move a sasaran (with its indicators) one place up or down."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    begin_write(db.session)
    sasaran = _sasaran(year, sasaran_id)
    chain.move_sasaran(sasaran.year_ref, sasaran, -1 if direction == "naik" else 1)
    db.session.commit()
    return redirect(url_for(".index", year=year))


@bp.route("/<int:year>/sasaran/<int:sasaran_id>/hapus", methods=["POST"])
@admin_required
def delete(year: int, sasaran_id: int):
    """Delete a sasaran that has no indicator; one with indicators is refused."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    begin_write(db.session)
    sasaran = _sasaran(year, sasaran_id)
    year_obj = sasaran.year_ref
    used = db.session.scalar(sa.select(sa.func.count(Indicator.id))
                             .where(Indicator.sasaran_id == sasaran.id))
    if used:
        flash("Sasaran yang masih memiliki indikator tidak dapat dihapus. Pindahkan "
              "indikatornya ke sasaran lain terlebih dahulu.", "danger")
        return redirect(url_for(".index", year=year))
    log_change("sasaran", "delete", sasaran.name, None, year=year_obj)
    year_obj.sasaran.remove(sasaran)
    db.session.flush()
    chain.renumber(year_obj)
    db.session.commit()
    flash("Sasaran dihapus.", "success")
    return redirect(url_for(".index", year=year))


@bp.route("/<int:year>/sasaran/indikator/<int:indicator_id>/pindah", methods=["POST"])
@admin_required
def move(year: int, indicator_id: int):
    """Put an indicator under another sasaran of the same year."""
    begin_write(db.session)
    indicator = indicator_of_year(year, indicator_id)
    year_obj = indicator.year_ref
    form = _move_form(year_obj)
    if not form.validate_on_submit():
        flash("Pilih sasaran tujuan yang ada di tahun ini.", "danger")
        return redirect(url_for(".index", year=year))
    target = db.session.get(Sasaran, form.sasaran_id.data)
    if target.id != indicator.sasaran_id:
        log_change("indicator", "sasaran", indicator.sasaran.name if indicator.sasaran else None,
                   target.name, year=year_obj, indicator=indicator)
        chain.move_indicator_to(year_obj, indicator, target)
        db.session.commit()
        flash("Indikator dipindahkan.", "success")
    return redirect(url_for(".index", year=year))
