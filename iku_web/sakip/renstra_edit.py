"""Change a Renstra indicator: edit its text and end target (and link one more indicator),
unlink every IKU indicator that follows it, or delete it. Deleting one that holds targets or
links asks a second, explicit confirmation naming what goes with it (as an IKU indicator's
delete does); the IKU indicators themselves are never deleted, only unlinked."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for

from ..auth.permissions import admin_required
from ..changelog import log_change
from ..database import begin_write
from ..extensions import db
from ..fields import EmptyForm
from ..indicators.deletion import CONFIRM_WORD
from ..models import Indicator, RenstraIndicator
from . import bp
from .forms import RenstraIndicatorForm
from .renstra_routes import _indicator_choices, _link_lineage, _page


def _get(renstra_id: int, ri_id: int) -> RenstraIndicator:
    ri = db.get_or_404(RenstraIndicator, ri_id)
    if ri.renstra_id != renstra_id:
        abort(404)
    return ri


def _linked(ri: RenstraIndicator) -> list[Indicator]:
    return list(db.session.scalars(sa.select(Indicator).where(
        Indicator.renstra_indicator_id == ri.id)))


@dataclass(frozen=True)
class Losses:
    """What goes with a Renstra indicator, in words."""

    targets: int
    end_target: bool
    linked: int

    @property
    def parts(self) -> list[str]:
        parts = []
        if self.targets:
            parts.append(f"{self.targets} target tahunan")
        if self.end_target:
            parts.append("target akhir periode")
        if self.linked:
            parts.append(f"hubungan dengan {self.linked} indikator IKU")
        return parts


def losses(ri: RenstraIndicator) -> Losses:
    return Losses(len(ri.targets), ri.end_value is not None or bool(ri.end_grade),
                  len(_linked(ri)))


def _form(ri: RenstraIndicator, formdata=True) -> RenstraIndicatorForm:
    form = RenstraIndicatorForm(prefix="ubah", obj=ri) if formdata else \
        RenstraIndicatorForm(formdata=None, prefix="ubah", obj=ri)
    pairs = _indicator_choices(ri.renstra)
    form.indicator_id.choices = [(0, "(hubungan yang ada tidak diubah)")] + pairs[1:]
    form.indicator_id.label.text = "Hubungkan juga indikator tahun ini"
    if not formdata:
        form.end_grade.data = ri.end_grade or ""
        form.indicator_id.data = 0
    return form


@bp.route("/renstra/<int:renstra_id>/indikator/<int:ri_id>/ubah", methods=["GET", "POST"])
@admin_required
def renstra_edit_indicator(renstra_id: int, ri_id: int):
    """Edit a Renstra indicator's name, satuan and end target; optionally link one more
    indicator (with its lineage). Existing links stay."""
    if request.method == "POST":
        begin_write(db.session)
    ri = _get(renstra_id, ri_id)
    form = _form(ri, formdata=request.method == "POST")
    if request.method == "POST" and form.validate_on_submit():
        old = ri.name
        ri.name = form.name.data.strip()
        ri.satuan = (form.satuan.data or "").strip()
        ri.end_value = form.end_value.data
        ri.end_grade = form.end_grade.data or None
        if form.indicator_id.data:
            _link_lineage(db.session.get(Indicator, form.indicator_id.data), ri)
        log_change("renstra_indicator", "edit", old, ri.name)
        db.session.commit()
        flash("Indikator Renstra disimpan.", "success")
        return redirect(url_for(".renstra", renstra_id=renstra_id))
    return _page(ri.renstra, editing=ri, edit_form=form)


@bp.route("/renstra/<int:renstra_id>/indikator/<int:ri_id>/lepas", methods=["POST"])
@admin_required
def renstra_unlink_indicator(renstra_id: int, ri_id: int):
    """Unlink every IKU indicator from this Renstra indicator; their own targets stay."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    begin_write(db.session)
    ri = _get(renstra_id, ri_id)
    linked = _linked(ri)
    for indicator in linked:
        indicator.renstra_indicator_id = None
        log_change("indicator", "renstra", ri.name, None, year=indicator.year_ref,
                   indicator=indicator)
    db.session.commit()
    flash(f"{len(linked)} indikator IKU dilepas dari indikator Renstra ini; target "
          "tahunannya tidak berubah.", "success")
    return redirect(url_for(".renstra", renstra_id=renstra_id))


@bp.route("/renstra/<int:renstra_id>/indikator/<int:ri_id>/hapus", methods=["POST"])
@admin_required
def renstra_delete_indicator(renstra_id: int, ri_id: int):
    """Delete a Renstra indicator. One with targets or links is deleted only with the explicit
    second confirmation (`konfirmasi`); without it the page says what would go with it."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    begin_write(db.session)
    ri = _get(renstra_id, ri_id)
    lost = losses(ri)
    if lost.parts and request.form.get("konfirmasi") != CONFIRM_WORD:
        db.session.rollback()
        return _page(ri.renstra, deleting=ri, lost=lost, confirm_word=CONFIRM_WORD)
    for indicator in _linked(ri):
        indicator.renstra_indicator_id = None
    renstra = ri.renstra
    log_change("renstra_indicator", "delete", ri.name, None)
    renstra.indicators.remove(ri)  # delete-orphan: its targets go with it
    for position, other in enumerate(renstra.indicators, start=1):
        other.position = position
    db.session.commit()
    flash("Indikator Renstra dihapus.", "success")
    return redirect(url_for(".renstra", renstra_id=renstra_id))
