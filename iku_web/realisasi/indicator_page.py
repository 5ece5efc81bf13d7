"""One indicator: target, the four quarters, kendala / solusi / tindak lanjut and the history."""
import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from .. import chain, indicator_measure, measurement, renstra_targets, settings
from ..access import allowed
from ..auth.permissions import admin_required
from ..change_labels import field_label
from ..changelog import log_change
from ..database import lock_cell
from ..domain import AGGREGATIONS, NARRATIVE_FIELDS, POLARITIES, QUARTER_TARGET_MODES, QUARTERS
from ..extensions import db
from ..formatting import format_number, sentence
from ..guards import can_edit_indicator, indicator_of_year, refuse_if_locked, refuse_unless_editor
from ..htmx import is_htmx
from ..models import ChangeLog, Realisasi
from ..queries import evidence_counts, locked_quarters_of
from ..review.forms import CONFIRM_PARAM
from ..review.service import reviews_of
from ..rollup.cascade import linked_message
from ..rollup.panel import rollup_panel
from ..rollup.service import computation
from . import bp, service
from .forms import NarrativeForm, QuarterTargetForm


def _row(indicator) -> measurement.Row:
    entries = {e.quarter: e for e in db.session.scalars(
        sa.select(Realisasi).options(joinedload(Realisasi.updated_by))
        .where(Realisasi.indicator_id == indicator.id))}
    cap, limit = settings.measurement_settings()
    return measurement.build_row(indicator.position, indicator, entries,
                                 evidence_counts(indicator.year_id), 4, cap,
                                 settings.categories(), limit, locked_quarters_of(indicator),
                                 computation(indicator))


def narrative_form(entry: Realisasi | None, formdata=None) -> NarrativeForm:
    form = NarrativeForm(formdata=formdata, obj=entry)
    if formdata is None:
        form.version.data = entry.version if entry else 0
        for field in NARRATIVE_FIELDS:
            getattr(form, f"base_{field}").data = getattr(entry, field, "") or ""
    return form


def _history(indicator):
    return db.session.scalars(
        sa.select(ChangeLog).options(joinedload(ChangeLog.user))
        .where(ChangeLog.indicator_id == indicator.id)
        .order_by(ChangeLog.at.desc(), ChangeLog.id.desc()).limit(200))


@bp.route("/<int:year>/indikator/<int:indicator_id>")
def indicator(year: int, indicator_id: int):
    """The indicator's own page; narratives are editable by whoever may edit the indicator."""
    return show(indicator_of_year(year, indicator_id))


def show(indicator, cascade_form=None):
    """The page; `cascade_form`: the roll-up panel's cascade form as posted, with its
    messages (rollup/admin_routes.py)."""
    row = _row(indicator)
    forms = {cell.quarter: narrative_form(cell.entry) for cell in row.quarters}
    targets = QuarterTargetForm(obj=indicator) if allowed("manage") else None
    return render_template(
        "realisasi/indicator.html", year=indicator.year_ref, indicator=indicator, row=row,
        forms=forms, targets=targets, history=_history(indicator), field_label=field_label,
        can_edit=can_edit_indicator(current_user, indicator), polarities=POLARITIES,
        reviews=reviews_of(indicator.id), locked_quarters=locked_quarters_of(indicator),
        confirm_quarter=request.args.get(CONFIRM_PARAM, type=int),
        aggregations=AGGREGATIONS, past_years=chain.history([indicator])[indicator.id],
        renstra_end=renstra_targets.end_target_text(indicator),
        renstra_capaian=indicator_measure.result_text(renstra_targets.end_capaian(
            indicator, row.progress.realisasi, settings.capaian_cap())),
        **rollup_panel(indicator, cascade_form))


@bp.route("/<int:year>/indikator/<int:indicator_id>/<int:quarter>/catatan", methods=["POST"])
def save_narrative(year: int, indicator_id: int, quarter: int):
    """Save kendala / solusi / tindak lanjut of one quarter (version-checked, audited).

    On a conflict the user's text stays in the form, the stored text is shown beside it and the
    form takes the new version, so saving again is a deliberate overwrite.
    """
    indicator = indicator_of_year(year, indicator_id, quarter)
    lock_cell(db.session, indicator.id, quarter)  # the lock check and the save together
    refused = refuse_unless_editor(indicator) or refuse_if_locked(indicator, quarter)
    if refused:
        return refused
    form = NarrativeForm()
    outcome, message = None, ""
    if form.validate():
        texts = {f: (getattr(form, f).data or "").replace("\r\n", "\n").strip()
                 for f in NARRATIVE_FIELDS}
        bases = {f: getattr(form, f"base_{f}").data or "" for f in NARRATIVE_FIELDS}
        outcome = service.save_narrative(indicator, quarter, texts, form.version.data, bases,
                                         current_user)
        message = outcome.message or ("Tersimpan" if outcome.status == "saved"
                                      else "Tidak ada perubahan")
        if outcome.status != "conflict":
            form = narrative_form(outcome.entry)
        else:
            _refresh_bases(form, outcome.entry)
    if not is_htmx():
        flash(message or "Periksa isian catatan.", "warning" if not outcome or
              outcome.status == "conflict" else "success")
        return redirect(url_for(".indicator", year=year, indicator_id=indicator.id))
    return render_template("realisasi/_narrative.html", indicator=indicator,
                           year=indicator.year_ref, quarter=quarter, form=form,
                           outcome=outcome, message=message, can_edit=True)


def _refresh_bases(form: NarrativeForm, entry: Realisasi) -> None:
    form.version.data = entry.version
    form.version.raw_data = [str(entry.version)]
    for field in NARRATIVE_FIELDS:
        base = getattr(form, f"base_{field}")
        base.data = getattr(entry, field) or ""
        base.raw_data = [base.data]


@bp.route("/<int:year>/indikator/<int:indicator_id>/target", methods=["POST"])
@admin_required
def save_targets(year: int, indicator_id: int):
    """Quarterly targets (Rencana Aksi) of the indicator, set by the planning admin."""
    indicator = indicator_of_year(year, indicator_id)
    if indicator.linked:
        flash(linked_message(indicator), "danger")
        return redirect(url_for(".indicator", year=year, indicator_id=indicator.id))
    # A form without the mode field (an older page) keeps the indicator's mode.
    form = QuarterTargetForm(quarter_target_mode=indicator.quarter_target_mode)
    if form.validate():
        for q in QUARTERS:
            name = f"target_tw{q}"
            old, new = getattr(indicator, name), getattr(form, name).data
            if old != new:
                log_change("indicator", name, _num(old), _num(new), year=indicator.year_ref,
                           indicator=indicator)
                setattr(indicator, name, new)
        mode = form.quarter_target_mode.data
        if mode != indicator.quarter_target_mode:
            log_change("indicator", "quarter_target_mode",
                       QUARTER_TARGET_MODES.get(indicator.quarter_target_mode),
                       QUARTER_TARGET_MODES[mode], year=indicator.year_ref, indicator=indicator)
            indicator.quarter_target_mode = mode
        db.session.commit()
        # A mismatch with the yearly target is saved and warned about on the page itself.
        flash("Target triwulan disimpan.", "success")
    else:
        errors = " ".join(f"{getattr(form, n).label.text}: {sentence(e[0])}"
                          for n, e in form.errors.items())
        flash(f"Target triwulan tidak disimpan. {errors}", "danger")
    return redirect(url_for(".indicator", year=year, indicator_id=indicator.id))


def _num(value):
    return None if value is None else format_number(value, 4)
