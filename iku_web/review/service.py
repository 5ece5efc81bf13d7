"""Review of a quarter's entry: who may move it from which status to which, and the lock.

Rule chosen for edits while an entry is submitted: it stays editable and stays submitted. The
person in charge often fixes a typo or adds evidence after submitting; sending the entry back to
draft for that would make them submit again and the verifier would lose it from the list. The
verifier is protected instead: the approve button carries the version of the realisasi they
looked at, and an approval of an entry changed since then is refused (see approve()).
"""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import g

from .. import measurement, settings
from ..categories import category_of
from ..changelog import log_change
from ..database import lock_cell
from ..domain import QUARTERS
from ..extensions import db
from ..formatting import quarter_name
from ..guards import LOCKED_MESSAGE
from ..models import Indicator, Realisasi, Review
from ..models.review import STATUSES
from ..presenters import with_category
from ..queries import evidence_counts, year_locks
from ..reminders.notifications import review_decided

NEEDS_OBSTACLES = ("Capaian s.d. triwulan ini {capaian}, di bawah batas yang dianggap "
                   "tercapai. Isi kendala triwulan ini sebelum mengajukan verifikasi.")
NO_EVIDENCE_QUESTION = ("Belum ada bukti dukung untuk {quarter}. Ajukan tanpa bukti? Verifikator "
                        "akan melihat tanda 'tanpa bukti'.")
FALLBACK_THRESHOLD = 75  # when the admin left a single category, "far below" means under 75%


@dataclass(frozen=True)
class Outcome:
    """What became of an action on a quarter; the message is shown to the user."""

    ok: bool
    message: str
    # Nothing happened yet: the user must answer a question first (a submission without
    # evidence); the message is the question.
    confirm: bool = False


def get_review(indicator_id: int, quarter: int) -> Review | None:
    return db.session.scalar(sa.select(Review).where(
        Review.indicator_id == indicator_id, Review.quarter == quarter))


def status_of(review: Review | None) -> str:
    return review.status if review is not None else "draft"


def reviews_of(indicator_id: int) -> dict[int, Review]:
    return {r.quarter: r for r in db.session.scalars(
        sa.select(Review).where(Review.indicator_id == indicator_id))}


def quarter_row(indicator: Indicator, quarter: int,
                entries: dict[int, Realisasi] | None = None,
                evidence: dict[tuple[int, int], int] | None = None,
                scale: tuple | None = None) -> measurement.Row:
    """The measurement row as it stood at the end of `quarter` (capaian to date of that
    quarter, not of a later one filled since). scale is (cap, categories, plausibility limit),
    read once by callers that build many rows."""
    if entries is None:
        entries = {e.quarter: e for e in db.session.scalars(
            sa.select(Realisasi).where(Realisasi.indicator_id == indicator.id))}
    if evidence is None:
        evidence = evidence_counts(indicator.year_id)
    if scale is None:
        cap, limit = settings.measurement_settings()
        scale = (cap, settings.categories(), limit)
    cap, categories, limit = scale
    # Approval is the verifier's word that an implausible value was checked (docs/capaian.md).
    approved = year_locks(indicator.year_id)
    return measurement.build_row(indicator.position, indicator, entries, evidence, quarter,
                                 cap, categories, limit,
                                 {q for q in QUARTERS if (indicator.id, q) in approved})


def far_below_target(row: measurement.Row, categories=None) -> bool:
    """Capaian in the lowest (failing) band, below every band, or a grade not met."""
    result = row.to_date
    if result.status == "grade_not_met":
        return True
    if result.percent is None:
        return False
    categories = categories or settings.categories()
    if len(categories) < 2:
        return result.percent < FALLBACK_THRESHOLD
    lowest = min(categories, key=lambda c: c.lower_bound)
    # A value in doubt has its category withheld from reports, not from this check.
    category = category_of(result, categories) if row.doubt else row.category
    return category is None or category == lowest


def submit(indicator: Indicator, quarter: int, user, without_evidence: bool = False) -> Outcome:
    """The person in charge asks for verification of a filled quarter. A quarter with no
    evidence file is submitted only with without_evidence (the user said yes to the question);
    the verifier then sees it marked "tanpa bukti"."""
    lock_cell(db.session, indicator.id, quarter)
    review = get_review(indicator.id, quarter)
    old = status_of(review)
    if old == "approved":
        return _refuse(LOCKED_MESSAGE)
    if old == "submitted":
        return _refuse("Triwulan ini sudah diajukan dan menunggu verifikasi.")
    if indicator.computed:  # its figure is verified through the children's approvals
        return _refuse("Realisasi indikator ini dihitung dari data unit di bawahnya yang sudah "
                       "diverifikasi; tidak perlu diajukan.")
    row = quarter_row(indicator, quarter)
    cell = row.quarters[quarter - 1]
    if not cell.filled:
        return _refuse("Realisasi triwulan ini belum diisi; isi realisasi sebelum mengajukan.")
    if far_below_target(row) and not (cell.entry.obstacles or "").strip():
        return _refuse(NEEDS_OBSTACLES.format(capaian=with_category(
            row.to_date_text, row.category.label if row.category else row.to_date.message)))
    if cell.evidence == 0 and not without_evidence:
        db.session.rollback()
        return Outcome(False, NO_EVIDENCE_QUESTION.format(quarter=quarter_name(quarter)),
                       confirm=True)
    review = review or _new_review(indicator, quarter)
    review.status, review.submitted_by_id, review.submitted_at = "submitted", user.id, _now()
    _log(indicator, quarter, "submit", old, "submitted")
    return _commit("Diajukan untuk verifikasi.")


def approve(indicator: Indicator, quarter: int, seen_version: int | None, comment: str,
            user, notify: bool = True) -> Outcome:
    """The verifier approves a submitted quarter, which locks it.

    seen_version is the realisasi version shown to the verifier; if the entry was edited since,
    they would approve numbers they have not seen, so the approval is refused. A batch passes
    notify=False and tells each owner once for the whole batch (bulk.approve_selected).
    """
    lock_cell(db.session, indicator.id, quarter)
    review = get_review(indicator.id, quarter)
    if status_of(review) != "submitted":
        return _refuse(_not_submitted(review))
    entry = db.session.scalar(sa.select(Realisasi).where(
        Realisasi.indicator_id == indicator.id, Realisasi.quarter == quarter))
    if seen_version is not None and (entry.version if entry else 0) != seen_version:
        return _refuse("Isian triwulan ini diubah sejak halaman dibuka. Muat ulang halaman dan "
                       "periksa isian terbaru sebelum menyetujui.")
    return _decide(indicator, quarter, review, "approve", "approved", comment, user,
                   "Disetujui dan dikunci.", notify)


def return_entry(indicator: Indicator, quarter: int, comment: str, user) -> Outcome:
    """The verifier sends a submitted quarter back to the person in charge, with a comment."""
    if not comment:
        return Outcome(False, "Tulis komentar untuk penanggung jawab sebelum mengembalikan.")
    lock_cell(db.session, indicator.id, quarter)
    review = get_review(indicator.id, quarter)
    if status_of(review) != "submitted":
        return _refuse(_not_submitted(review))
    return _decide(indicator, quarter, review, "return", "returned", comment, user,
                   "Dikembalikan ke penanggung jawab.")


def unlock(indicator: Indicator, quarter: int, reason: str, user) -> Outcome:
    """Reopen an approved quarter. It goes back as returned, with the reason as the comment, so
    the person in charge sees why and submits again after correcting it."""
    if not reason:
        return Outcome(False, "Tulis alasan membuka kunci triwulan ini.")
    lock_cell(db.session, indicator.id, quarter)
    review = get_review(indicator.id, quarter)
    if status_of(review) != "approved":
        return _refuse("Triwulan ini tidak sedang dikunci.")
    return _decide(indicator, quarter, review, "unlock", "returned", reason, user,
                   "Kunci dibuka; triwulan dapat diubah lagi.")


def _decide(indicator, quarter, review, action, new, comment, user, message,
            notify: bool = True) -> Outcome:
    old = review.status
    review.status, review.comment = new, comment
    review.reviewed_by_id, review.reviewed_at = user.id, _now()
    _log(indicator, quarter, action, old, new, comment)
    if notify:
        review_decided(indicator, review, action)
    return _commit(message)


def _not_submitted(review: Review | None) -> str:
    status = status_of(review)
    if status == "approved":
        return "Triwulan ini sudah disetujui."
    return f"Triwulan ini tidak sedang diajukan (status: {STATUSES[status]})."


def _new_review(indicator: Indicator, quarter: int) -> Review:
    review = Review(indicator_id=indicator.id, quarter=quarter, status="draft", comment="")
    db.session.add(review)
    return review


def _log(indicator, quarter, action, old, new, comment: str = "") -> None:
    # Status labels as display text, like the rest of the audit log; the verifier's comment
    # goes with the new status so the log alone explains a return or an unlock.
    new_text = f"{STATUSES[new]}: {comment}" if comment else STATUSES[new]
    log_change("review", action, STATUSES[old], new_text, year=indicator.year_ref,
               indicator=indicator, quarter=quarter)


def _refuse(message: str) -> Outcome:
    db.session.rollback()
    return Outcome(False, message)


def _commit(message: str) -> Outcome:
    db.session.commit()
    g.pop("review_locked", None)  # the per-request lock cache is stale now
    return Outcome(True, message)


def _now() -> datetime:
    return datetime.now()
