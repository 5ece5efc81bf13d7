"""The steps of a SAKIP year, each with a status read from the data, never ticked by hand.

A step is "selesai" when everything it needs is in the database, "sebagian" when something is,
"belum" when nothing is; `blockers` says what is still missing, in the words of the screens
where it is done. The rules are in docs/alur.md."""
import calendar
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import url_for

from .. import clock
from ..chain import empty_sasaran
from ..extensions import db
from ..formatting import format_date, quarter_name, quarter_short
from ..lke.service import evaluation_of
from ..lkjip.viewmodel import FIXED_SLOTS
from ..models import Indicator, Realisasi, Review, Year
from ..models.issued import IssuedDocument
from ..models.lke import LkeCheck, LkeComponent, LkeCriterion, LkeSubcomponent
from ..models.lkjip import LkjipText
from ..models.sakip import Renstra, Sasaran

DONE, PARTLY, TODO = "selesai", "sebagian", "belum"
LABELS = {DONE: "Selesai", PARTLY: "Sebagian", TODO: "Belum"}


@dataclass
class Step:
    key: str
    title: str
    links: list[tuple[str, str]]  # (label, url) of the pages where the step is done
    facts: list[str] = field(default_factory=list)  # what is in place
    blockers: list[str] = field(default_factory=list)  # what is missing
    quarters: list[dict] = field(default_factory=list)  # per-quarter counts, when they matter
    status: str = TODO

    @property
    def label(self) -> str:
        return LABELS[self.status]


def _status(done: bool, started: bool) -> str:
    return DONE if done else PARTLY if started else TODO


def _current(year: Year, document: str) -> list[IssuedDocument]:
    """The issued versions in force (neither replaced nor revoked) of one document."""
    return list(db.session.scalars(sa.select(IssuedDocument).where(
        IssuedDocument.year_id == year.id, IssuedDocument.document == document,
        IssuedDocument.replaced_at.is_(None), IssuedDocument.revoked_at.is_(None))))


def _issued_fact(doc: IssuedDocument) -> str:
    return (f"Terbit versi {doc.version} ({format_date(doc.issued_at.date())}), "
            f"kode {doc.code_display}")


def renstra_step(year: Year, indicators: list[Indicator]) -> Step:
    step = Step("renstra", "Renstra dan sasaran strategis", [
        ("Renstra", url_for("sasaran.renstra_index")),
        ("Sasaran", url_for("sasaran.index", year=year.year))])
    renstra = db.session.scalars(sa.select(Renstra).where(
        Renstra.start_year <= year.year, Renstra.end_year >= year.year)).first()
    sasaran = db.session.scalar(sa.select(sa.func.count(Sasaran.id)).where(
        Sasaran.year_id == year.id))
    if renstra:
        step.facts.append(f"Renstra {renstra.name} ({renstra.start_year}-{renstra.end_year})")
    else:
        step.blockers.append(f"Belum ada Renstra yang periodenya mencakup {year.year}")
    if sasaran:
        step.facts.append(f"{sasaran} sasaran strategis")
    else:
        step.blockers.append("Belum ada sasaran strategis")
    empty = empty_sasaran(year)
    if empty:
        step.blockers.append(f"{len(empty)} sasaran belum memiliki indikator")
    step.status = _status(not step.blockers, bool(renstra or sasaran))
    return step


def iku_step(year: Year, indicators: list[Indicator]) -> Step:
    step = Step("iku", "IKU ditetapkan dan diterbitkan", [
        ("IKU", url_for("indicators.register", year=year.year)),
        ("Profil lembaga", url_for("admin.profile", year=year.year)),
        ("Laporan", url_for("reports.index", year=year.year))])
    if indicators:
        step.facts.append(f"{len(indicators)} indikator")
    else:
        step.blockers.append("Belum ada indikator")
    if year.iku_decree_number and year.iku_decree_date:
        step.facts.append(f"Keputusan nomor {year.iku_decree_number} tanggal "
                          f"{format_date(year.iku_decree_date)}")
    else:
        step.blockers.append("Nomor dan tanggal keputusan penetapan IKU belum diisi "
                             "(Profil lembaga)")
    issued = _current(year, "iku")
    step.facts.extend(_issued_fact(doc) for doc in issued)
    if not issued:
        step.blockers.append("IKU belum diterbitkan (Laporan, Terbitkan)")
    step.status = _status(not step.blockers, bool(issued or year.iku_decree_number))
    return step


def needs_quarter_targets(indicator: Indicator) -> bool:
    """Quarterly targets are numbers: a grade or a missing target has none to type."""
    return indicator.target_kind in ("number", "percent", "range")


def targets_step(year: Year, indicators: list[Indicator]) -> Step:
    step = Step("target", "Target tahunan dan target triwulan lengkap", [
        ("IKU", url_for("indicators.register", year=year.year))])
    without = [i for i in indicators if i.target_kind == "none"]
    numeric = [i for i in indicators if needs_quarter_targets(i)]
    no_quarters = [i for i in numeric if any(
        getattr(i, f"target_tw{q}") is None for q in range(1, 5))]
    step.facts.append(f"{len(indicators) - len(without)} dari {len(indicators)} indikator "
                      "bertarget tahunan")
    if without:
        step.blockers.append("Target belum ditetapkan: indikator "
                             + ", ".join(str(i.position) for i in without))
    if no_quarters:
        step.blockers.append("Target triwulan belum lengkap: indikator "
                             + ", ".join(str(i.position) for i in no_quarters))
    step.status = _status(bool(indicators) and not step.blockers,
                          len(without) < len(indicators))
    return step


def pk_step(year: Year, indicators: list[Indicator]) -> Step:
    step = Step("pk", "Perjanjian Kinerja ditandatangani dan diterbitkan", [
        ("Laporan", url_for("reports.index", year=year.year))])
    issued = _current(year, "pk")
    if year.pk_number:
        step.facts.append(f"Nomor PK {year.pk_number}")
    step.facts.extend(_issued_fact(doc) for doc in issued)
    if not issued:
        step.blockers.append("PK belum diterbitkan dengan penandatangannya (Laporan, Terbitkan)")
    step.status = _status(bool(issued), bool(year.pk_number))
    return step


def _quarter_counts(indicators: list[Indicator]) -> dict[int, dict[str, int]]:
    ids = [i.id for i in indicators]
    filled = dict(db.session.execute(
        sa.select(Realisasi.quarter, sa.func.count(Realisasi.id))
        .where(Realisasi.indicator_id.in_(ids),
               sa.or_(Realisasi.value.is_not(None), Realisasi.grade.is_not(None)))
        .group_by(Realisasi.quarter)).all())
    reviews = db.session.execute(
        sa.select(Review.quarter, Review.status, sa.func.count(Review.id))
        .where(Review.indicator_id.in_(ids)).group_by(Review.quarter, Review.status)).all()
    counts = {q: {"filled": filled.get(q, 0), "submitted": 0, "approved": 0} for q in range(1, 5)}
    for quarter, status, count in reviews:
        if status in ("submitted", "approved"):
            counts[quarter][status] += count
    return counts


def realisasi_step(year: Year, indicators: list[Indicator]) -> Step:
    step = Step("realisasi", "Realisasi TW I-IV diisi, diverifikasi dan dikunci", [
        ("Realisasi", url_for("realisasi.page", year=year.year)),
        ("Verifikasi", url_for("review.index", year=year.year))])
    total = len(indicators)
    counts = _quarter_counts(indicators)
    for q in range(1, 5):
        c = counts[q]
        step.quarters.append({"name": quarter_name(q), "total": total, **c})
        if c["approved"] < total:
            missing = [f"{total - c['filled']} belum diisi"] if c["filled"] < total else []
            if c["submitted"]:
                missing.append(f"{c['submitted']} menunggu verifikasi")
            missing.append(f"{total - c['approved']} belum disetujui")
            step.blockers.append(f"{quarter_short(q)}: " + ", ".join(missing))
    step.status = _status(bool(total) and not step.blockers,
                          any(c["filled"] for c in counts.values()))
    return step


def pengukuran_step(year: Year, indicators: list[Indicator]) -> Step:
    step = Step("pengukuran", "Laporan Pengukuran Kinerja per triwulan diterbitkan", [
        ("Laporan", url_for("reports.index", year=year.year))])
    issued = _current(year, "pengukuran")
    # "Setahun" (quarter 0) covers the fourth quarter: it reports the whole year.
    covered = {doc.quarter or 4 for doc in issued}
    for q in range(1, 5):
        if q in covered:
            step.facts.append(f"s.d. {quarter_name(q)} terbit")
        else:
            step.blockers.append(f"Pengukuran s.d. {quarter_name(q)} belum diterbitkan")
    step.status = _status(len(covered) == 4, bool(covered))
    return step


def lkjip_deadline(year: int) -> date:
    """The LKjIP is due by the end of February of the next year."""
    return date(year + 1, 2, calendar.monthrange(year + 1, 2)[1])


def lkjip_step(year: Year, indicators: list[Indicator]) -> Step:
    step = Step("lkjip", "LKjIP disusun dan diterbitkan", [
        ("LKjIP", url_for("lkjip.page", year=year.year))])
    sasaran = db.session.scalar(sa.select(sa.func.count(Sasaran.id)).where(
        Sasaran.year_id == year.id))
    expected = len(FIXED_SLOTS) + sasaran
    filled = db.session.scalar(sa.select(sa.func.count(LkjipText.id)).where(
        LkjipText.year_id == year.id, sa.func.trim(LkjipText.text) != ""))
    step.facts.append(f"{min(filled, expected)} dari {expected} bagian narasi terisi")
    issued = _current(year, "lkjip")
    for doc in issued:
        step.facts.append(_issued_fact(doc))
    if not issued:  # once issued, the office decided the text was complete
        if filled < expected:
            step.blockers.append(f"{expected - filled} bagian narasi belum ditulis")
        due = lkjip_deadline(year.year)
        days = (due - clock.today()).days
        when = f"{days} hari lagi" if days >= 0 else f"terlambat {-days} hari"
        step.facts.append(f"Batas terbit {format_date(due)} ({when})")
        step.blockers.append("LKjIP belum diterbitkan")
    step.status = _status(bool(issued), bool(filled))
    return step


def lke_step(year: Year, indicators: list[Indicator]) -> Step:
    step = Step("lke", "LKE (evaluasi mandiri) diisi dan diajukan", [
        ("LKE", url_for("lke.page", year=year.year))])
    evaluation = evaluation_of(year)
    checked = total = 0
    if evaluation:
        total = db.session.scalar(
            sa.select(sa.func.count(LkeCriterion.id))
            .join(LkeSubcomponent, LkeCriterion.subcomponent_id == LkeSubcomponent.id)
            .join(LkeComponent, LkeSubcomponent.component_id == LkeComponent.id)
            .where(LkeComponent.set_id == evaluation.set_id))
        checked = db.session.scalar(sa.select(sa.func.count(LkeCheck.id)).where(
            LkeCheck.evaluation_id == evaluation.id, LkeCheck.side == "mandiri",
            LkeCheck.met.is_not(None)))
        step.facts.append(f"{checked} dari {total} kriteria dinilai; status: "
                          f"{evaluation.status_label}")
    if not evaluation or checked < total:
        step.blockers.append("Kriteria penilaian mandiri belum semua dinilai")
    submitted = bool(evaluation) and evaluation.status == "submitted"
    if not submitted:
        step.blockers.append("Belum diajukan ke evaluator")
    step.status = _status(submitted, bool(checked))
    return step


STEPS = (renstra_step, iku_step, targets_step, pk_step, realisasi_step, pengukuran_step,
         lkjip_step, lke_step)


def steps(year: Year) -> list[Step]:
    indicators = list(year.indicators)
    return [build(year, indicators) for build in STEPS]


def next_step(all_steps: list[Step]) -> tuple[int, Step] | None:
    """The first step not done (number from 1), or None when the year is complete."""
    return next(((n, s) for n, s in enumerate(all_steps, start=1) if s.status != DONE), None)
