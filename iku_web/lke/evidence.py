"""Evidence for LKE criteria from IKU Web's own records, with a suggested check and its reason.

A criterion of the set names its rule (`evidence_rule`); suggest() answers every rule for a
year in a handful of queries. The person accepts the suggestion ("Pakai saran") or checks
otherwise: nothing here writes. The rules and their thresholds are in docs/lke.md."""
import calendar
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from .. import clock
from ..domain import QUARTERS
from ..extensions import db
from ..formatting import format_date
from ..models import (
    Indicator,
    IssuedDocument,
    LkeEvaluation,
    LkeRecommendation,
    LkjipText,
    PastRealisasi,
    Realisasi,
    Review,
    Year,
)


@dataclass(frozen=True)
class Suggestion:
    met: bool | None  # None: evidence only, the person decides
    text: str


def _quarter_end(year: int, quarter: int) -> date:
    month = 3 * quarter
    return date(year, month, calendar.monthrange(year, month)[1])


def _ended_quarters(year: int) -> list[int]:
    today = clock.today()
    return [q for q in QUARTERS if _quarter_end(year, q) < today]


def _issued(year: Year) -> dict[str, list[IssuedDocument]]:
    docs: dict[str, list[IssuedDocument]] = {}
    for doc in db.session.scalars(sa.select(IssuedDocument).where(
            IssuedDocument.year_id == year.id, IssuedDocument.revoked_at.is_(None),
            IssuedDocument.replaced_at.is_(None)).order_by(IssuedDocument.issued_at)):
        docs.setdefault(doc.document, []).append(doc)
    return docs


def _planning(year: Year, indicators: list[Indicator], issued: dict) -> dict:
    out = {}
    with_target = sum(1 for i in indicators if i.has_target)
    out["iku_issued"] = Suggestion(
        bool(indicators) and with_target == len(indicators),
        f"IKU TA {year.year} memuat {len(indicators)} indikator, {with_target} dengan target "
        "(daftar IKU di IKU Web).")
    if year.iku_decree_number and year.iku_decree_date:
        out["iku_decree"] = Suggestion(True, f"IKU ditetapkan dengan Keputusan nomor "
                                             f"{year.iku_decree_number} tanggal "
                                             f"{format_date(year.iku_decree_date)}.")
    else:
        out["iku_decree"] = Suggestion(False, "Nomor dan tanggal keputusan penetapan IKU belum "
                                              "diisi di profil tahun.")
    pk = issued.get("pk")
    if pk:
        first = pk[0].issued_at.date()
        on_time = first <= date(year.year, 1, 31)
        out["pk_issued"] = Suggestion(on_time, f"Perjanjian Kinerja diterbitkan "
                                               f"{format_date(first)} (kode {pk[0].code_display})"
                                               + ("" if on_time else ", setelah 31 Januari") + ".")
    else:
        out["pk_issued"] = Suggestion(False, "Perjanjian Kinerja belum diterbitkan di IKU Web.")
    filled = sum(1 for i in indicators if i.formula.strip() and i.data_source.strip())
    out["definitions"] = Suggestion(
        bool(indicators) and filled == len(indicators),
        f"Definisi operasional dan cara pengukuran terisi untuk {filled} dari "
        f"{len(indicators)} indikator.")
    return out


def _measurement(year: Year, indicators: list[Indicator]) -> dict:
    ids = [i.id for i in indicators]
    rows = list(db.session.scalars(sa.select(Realisasi).where(
        Realisasi.indicator_id.in_(ids),
        sa.or_(Realisasi.value.is_not(None), Realisasi.grade.is_not(None))))) if ids else []
    ended = _ended_quarters(year.year)
    filled = {(r.indicator_id, r.quarter) for r in rows}
    complete = sum(1 for i in ids if all((i, q) in filled for q in ended))
    delays = [(r.updated_at.date() - _quarter_end(year.year, r.quarter)).days for r in rows
              if r.updated_at and r.quarter in ended]
    delay = f", rata-rata {round(sum(delays) / len(delays))} hari setelah triwulan berakhir" \
        if delays else ""
    out = {"measured_quarterly": Suggestion(
        bool(ids) and bool(ended) and complete == len(ids),
        f"Realisasi {complete} dari {len(ids)} indikator diisi tiap triwulan "
        f"({len(ended)} triwulan berakhir){delay}.")}
    approved = db.session.scalar(sa.select(sa.func.count(Review.id)).where(
        Review.indicator_id.in_(ids), Review.status == "approved")) if ids else 0
    out["review_log"] = Suggestion(
        bool(filled) and approved >= len(filled),
        f"Verifikasi berjenjang: {approved} dari {len(filled)} triwulan terisi disetujui oleh "
        "verifikator.")
    users = len({r.updated_by_id for r in rows if r.updated_by_id})
    out["app_used"] = Suggestion(bool(rows), f"Data kinerja dikumpulkan dan diukur dengan "
                                             f"aplikasi IKU Web: {len(rows)} isian realisasi "
                                             f"oleh {users} pengguna.")
    return out


def _reporting(year: Year, indicators: list[Indicator], issued: dict) -> dict:
    out = {}
    slots = db.session.scalar(sa.select(sa.func.count(LkjipText.id)).where(
        LkjipText.year_id == year.id, LkjipText.text != ""))
    out["lkjip_issued"] = Suggestion(
        True if slots else None,
        f"Draf LKjIP TA {year.year} disusun di IKU Web ({slots} bagian naratif terisi)."
        if slots else "Draf LKjIP belum disusun di IKU Web.")
    quarters = sorted({d.quarter for d in issued.get("pengukuran", []) if d.quarter})
    ended = _ended_quarters(year.year)
    names = ", ".join(f"TW {q}" for q in quarters) or "belum ada"
    out["measurement_reports"] = Suggestion(
        bool(ended) and all(q in quarters for q in ended),
        f"Laporan Pengukuran Kinerja diterbitkan per triwulan: {names}.")
    with_target = sum(1 for i in indicators if i.has_target)
    out["lkjip_annual"] = Suggestion(
        None, f"LKjIP dari IKU Web membandingkan realisasi dengan target tahunan untuk "
              f"{with_target} dari {len(indicators)} indikator.")
    linked = sum(1 for i in indicators if i.renstra_indicator_id)
    out["lkjip_renstra"] = Suggestion(
        None, f"{linked} dari {len(indicators)} indikator terhubung ke target Renstra.")
    ids = [i.id for i in indicators]
    past = db.session.scalar(sa.select(sa.func.count(sa.distinct(PastRealisasi.indicator_id)))
                             .where(PastRealisasi.indicator_id.in_(ids))) if ids else 0
    lineage = sum(1 for i in indicators if i.source_indicator_id)
    out["lkjip_history"] = Suggestion(
        None, f"Realisasi tahun sebelumnya tersedia untuk {max(past, lineage)} dari "
              f"{len(indicators)} indikator.")
    return out


def _follow_up(year: Year) -> Suggestion:
    before = db.session.scalar(sa.select(LkeEvaluation.id).join(Year).where(
        Year.year == year.year - 1, Year.unit_id == year.unit_id))
    recs = list(db.session.scalars(sa.select(LkeRecommendation.status).where(
        LkeRecommendation.evaluation_id == before))) if before else []
    if not recs:
        return Suggestion(None, f"Belum ada rekomendasi LKE TA {year.year - 1} di IKU Web.")
    done = recs.count("selesai")
    return Suggestion(done == len(recs), f"{done} dari {len(recs)} rekomendasi LKE TA "
                                         f"{year.year - 1} selesai ditindaklanjuti.")


def suggest(year: Year) -> dict[str, Suggestion]:
    indicators = list(year.indicators)
    issued = _issued(year)
    out = {**_planning(year, indicators, issued), **_measurement(year, indicators),
           **_reporting(year, indicators, issued)}
    out["recommendations_followed"] = _follow_up(year)
    out["efficiency"] = Suggestion(
        None, "Efisiensi (capaian dibanding serapan anggaran per sasaran) dihitung di halaman "
              "Anggaran dan dimuat di LKjIP.")
    return out
