"""Approving several submitted quarters at once, and the evidence files the queue previews.

Each approval in a batch goes through service.approve with the version the verifier saw, so
an entry changed after the page was opened is refused on its own while the others pass. An
entry edited after it was submitted is not approved in a batch at all: the queue warns about
it, and the verifier approves it alone after looking at the change.
"""
from collections import defaultdict

import sqlalchemy as sa
from flask import flash, g, redirect, request, url_for
from flask_login import current_user

from .. import measurement
from ..auth.permissions import verifier_required
from ..evidence.storage import PREVIEWABLE
from ..extensions import db
from ..formatting import quarter_short
from ..models import Evidence, Indicator
from ..reminders import notifications
from ..scope import get_year
from . import bp, queue, service

EDITED = "diubah setelah diajukan; periksa perubahannya lalu setujui satu per satu."
# Approval confirms an implausible value (docs/capaian.md): never by ticking a batch.
IMPLAUSIBLE = "nilainya tidak wajar; periksa nilainya lalu setujui satu per satu."


def _held_back(indicator: Indicator, quarter: int) -> str:
    """Why an entry is not approved in a batch, by the same rules as the queue's warnings
    (queue.Item.edited_after_submit, the cell's plausibility warning), else ""."""
    review = service.get_review(indicator.id, quarter)
    if review is None:
        return ""
    item = queue.one(indicator, review)
    if item.edited_after_submit:
        return EDITED
    return IMPLAUSIBLE if item.cell.warning else ""


def _parse(value: str) -> tuple[int, int, int] | None:
    try:
        indicator_id, quarter, version = (int(part) for part in value.split("-"))
    except ValueError:
        return None
    return indicator_id, quarter, version


@bp.route("/<int:year>/verifikasi/setujui-terpilih", methods=["POST"])
@verifier_required
def approve_selected(year: int):
    """Approve every checked entry ("<indicator>-<quarter>-<version seen>"); say which were
    refused and why."""
    year_obj = get_year(year)
    picked = [p for p in map(_parse, request.form.getlist("item")) if p]
    if not picked:
        flash("Pilih dahulu isian yang akan disetujui.", "warning")
        return redirect(url_for(".index", year=year))
    approved = []
    for indicator_id, quarter, version in picked:
        indicator = db.session.scalar(sa.select(Indicator).where(
            Indicator.id == indicator_id, Indicator.year_id == year_obj.id))
        if indicator is None or quarter not in measurement.QUARTERS:
            continue
        held_back = _held_back(indicator, quarter)
        if held_back:
            outcome = service.Outcome(False, held_back)
        else:
            outcome = service.approve(indicator, quarter, version, "", current_user,
                                      notify=False)
        if outcome.ok:
            approved.append((indicator, service.get_review(indicator.id, quarter)))
        else:
            flash(f"{quarter_short(quarter)}, indikator {indicator.position}. "
                  f"{indicator.name}: {outcome.message}", "danger")
    if approved:
        notifications.batch_approved(approved)
        db.session.commit()
    flash(f"{len(approved)} isian disetujui dan dikunci.", "success" if approved else "warning")
    return redirect(url_for(".index", year=year))


def evidence_files(indicator: Indicator, quarter: int) -> list[Evidence]:
    """The evidence of one quarter, from the year's files loaded once per request."""
    cache = g.setdefault("queue_evidence", {})
    if indicator.year_id not in cache:
        files = defaultdict(list)
        for item in db.session.scalars(
                sa.select(Evidence).join(Indicator).where(Indicator.year_id == indicator.year_id)
                .order_by(Evidence.uploaded_at, Evidence.id)):
            files[(item.indicator_id, item.quarter)].append(item)
        cache[indicator.year_id] = files
    return cache[indicator.year_id].get((indicator.id, quarter), [])


bp.add_app_template_global(evidence_files, "evidence_files")
bp.add_app_template_global(PREVIEWABLE, "previewable_types")
