"""Deleting an indicator: what would be lost, a readable snapshot for the change log, and the
order of the work (rows and log in one commit, evidence files only after it)."""
from dataclasses import dataclass

import sqlalchemy as sa

from ..changelog import log_change
from ..domain import NARRATIVE_FIELDS
from ..evidence import service as evidence_service
from ..evidence import storage
from ..extensions import db
from ..formatting import roman
from ..indicator_measure import entry_value, value_text
from ..models import ChangeLog, Evidence, Indicator, Realisasi, Review
from ..presenters import target_label
from . import service

CONFIRM_WORD = "hapus"


@dataclass(frozen=True)
class Losses:
    realisasi: int
    notes: int
    reviews: int
    evidence: int

    @property
    def any(self) -> bool:
        return bool(self.realisasi or self.notes or self.reviews or self.evidence)

    @property
    def parts(self) -> list[str]:
        """["2 realisasi triwulan", "1 catatan ...", ...], only the non-zero ones."""
        labels = ((self.realisasi, "realisasi triwulan"),
                  (self.notes, "catatan (kendala/solusi/tindak lanjut)"),
                  (self.reviews, "verifikasi"), (self.evidence, "berkas bukti dukung"))
        return [f"{count} {label}" for count, label in labels if count]


def locked_quarters(indicator: Indicator) -> list[int]:
    """The quarters a verifier approved and locked: while any is locked the indicator cannot
    be deleted (its approved realisasi and evidence would go with it); a verifier unlocks
    first, with a reason that the change log keeps."""
    return list(db.session.scalars(sa.select(Review.quarter).where(
        Review.indicator_id == indicator.id, Review.status == "approved")
        .order_by(Review.quarter)))


def locked_message(indicator: Indicator, quarters: list[int]) -> str:
    names = ", ".join(f"TW {roman(q)}" for q in quarters)
    return (f"Indikator {indicator.position} tidak dapat dihapus: {names} sudah disetujui dan "
            "dikunci verifikator. Minta verifikator membuka kuncinya dulu di halaman "
            "verifikasi (dengan alasan, tercatat di riwayat perubahan), lalu hapus lagi.")


def _entries(indicator: Indicator) -> list[Realisasi]:
    return list(db.session.scalars(sa.select(Realisasi).where(
        Realisasi.indicator_id == indicator.id).order_by(Realisasi.quarter)))


def _evidence(indicator: Indicator) -> list[Evidence]:
    return list(db.session.scalars(sa.select(Evidence).where(
        Evidence.indicator_id == indicator.id).order_by(Evidence.quarter, Evidence.id)))


def _has_value(indicator: Indicator, entry: Realisasi) -> bool:
    return entry_value(indicator, entry) is not None


def losses(indicator: Indicator) -> Losses:
    entries = _entries(indicator)
    reviews = db.session.scalar(sa.select(sa.func.count()).select_from(Review).where(
        Review.indicator_id == indicator.id))
    return Losses(
        realisasi=sum(_has_value(indicator, e) for e in entries),
        notes=sum(any(getattr(e, f) for f in NARRATIVE_FIELDS) for e in entries),
        reviews=reviews or 0,
        evidence=len(_evidence(indicator)),
    )


def snapshot(indicator: Indicator) -> str:
    """Everything the deletion loses, as text an admin can read in the change history."""
    lines = [
        f"Indikator {indicator.position}: {indicator.name}",
        f"Perhitungan: {indicator.formula or '-'}",
        f"Target: {target_label(indicator)}",
        f"Sumber data: {indicator.data_source or '-'}",
        f"Penanggung jawab: {indicator.pic_label or '-'}",
    ]
    targets = [(q, getattr(indicator, f"target_tw{q}")) for q in range(1, 5)]
    if any(t is not None for _q, t in targets):
        lines.append("Target triwulan: " + "; ".join(
            f"TW {roman(q)} {value_text(indicator, t) or '-'}" for q, t in targets))
    for entry in _entries(indicator):
        text = value_text(indicator, entry_value(indicator, entry)) or "kosong"
        notes = [f"{label}: {getattr(entry, field)}" for field, label in NARRATIVE_FIELDS.items()
                 if getattr(entry, field)]
        lines.append("; ".join([f"TW {roman(entry.quarter)}: {text}", *notes]))
    files = _evidence(indicator)
    if files:
        lines.append("Bukti dukung: " + ", ".join(
            f"{e.original_name} (TW {roman(e.quarter)})" for e in files))
    return "\n".join(lines)


def delete(indicator: Indicator) -> None:
    """Delete the indicator and all it carries; its evidence files go after the commit, so a
    failed commit leaves every row with its file (a crash in between leaves orphans that
    `flask evidence cleanup` removes)."""
    year = indicator.year_ref
    paths = [evidence_service.path_of(e) for e in _evidence(indicator)]
    log_change("indicator", "delete", snapshot(indicator), None, year=year)
    service.remove(year, indicator)
    db.session.commit()
    for path in paths:
        storage.discard(path)


def deleted_entries(year) -> list:
    """The snapshots of the indicators deleted from this year, newest first."""
    return list(db.session.scalars(
        sa.select(ChangeLog).where(ChangeLog.year_id == year.id, ChangeLog.entity == "indicator",
                                   ChangeLog.field == "delete")
        .order_by(ChangeLog.at.desc(), ChangeLog.id.desc())))
