"""One view-model of the LKjIP draft: the page, the DOCX and the PDF are all written from it,
so the three can never show different numbers."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from .. import capaian, measurement, settings
from .. import chain as sakip
from ..extensions import db
from ..formatting import roman, sentence
from ..models import LkjipText, Year
from ..queries import evidence_counts, locked_quarters
from ..rollup import presenter
from ..rollup.service import computations
from . import chain as chain_data

PLANNER = "Subbagian Perencanaan, Data dan Informasi"
# Fixed narrative slots: key, title, who writes it.
FIXED_SLOTS = (
    ("kata_pengantar", "Kata Pengantar", "Ketua / Sekretaris"),
    ("ikhtisar", "Ikhtisar Eksekutif (uraian)", PLANNER),
    ("organisasi", "Struktur Organisasi", PLANNER),
    ("isu_strategis", "Isu Strategis", PLANNER),
    ("penutup", "Penutup", "Ketua / Sekretaris"),
)
UNVERIFIED_NOTE = "termasuk data triwulan yang belum diverifikasi"
VERIFIED_NOTE = "hanya triwulan yang telah diverifikasi"


def marker(writer: str, what: str) -> str:
    """The visible mark of a slot left for a person to write."""
    return f"[diisi oleh {writer}: {what}]"


@dataclass(frozen=True)
class Slot:
    key: str
    title: str
    writer: str
    text: str  # what was typed on the LKjIP page, "" when nothing yet
    version: int = 0

    @property
    def placeholder(self) -> str:
        return marker(self.writer, self.title)

    @property
    def shown(self) -> str:
        """The text the documents print: the typed text, or the marked slot."""
        return self.text or self.placeholder


@dataclass(frozen=True)
class Comparison:
    """One of the seven analyses of an indicator as sentences (the numbers of a sasaran's
    indicators are also put side by side in one table per sasaran, sections.py);
    `slot` says it is left for a person (no data in IKU Web)."""

    number: int
    title: str
    sentences: tuple[str, ...]
    slot: bool = False


@dataclass(frozen=True)
class IndicatorView:
    row: measurement.Row
    comparisons: tuple[Comparison, ...]

    @property
    def text(self) -> str:
        """The indicator as the PK and Pengukuran name it."""
        return sakip.indicator_text(self.row.indicator)


@dataclass(frozen=True)
class SasaranView:
    number: int
    title: str
    indicators: tuple[IndicatorView, ...]
    analysis: Slot


@dataclass(frozen=True)
class Lkjip:
    year: Year
    include_unverified: bool
    measurement: measurement.Measurement
    slots: dict[str, Slot]
    sasaran: tuple[SasaranView, ...]
    chain: chain_data.Chain
    closing: str  # "Buntok, Januari 2024"
    # The computed indicators' computation and who did not meet, by indicator id
    # (rollup/presenter.py: the same words as the Pengukuran and the dashboard).
    rollup: dict[int, "presenter.Printed"] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"Laporan Kinerja Instansi Pemerintah Tahun {self.year.year}"

    @property
    def rows(self) -> tuple[measurement.Row, ...]:
        return self.measurement.rows

    @property
    def summary(self) -> measurement.Summary:
        return self.measurement.summary

    @property
    def data_note(self) -> str:
        return UNVERIFIED_NOTE if self.include_unverified else VERIFIED_NOTE

    def caption(self, text: str) -> str:
        """A table caption; with unverified data every caption says so."""
        return f"{text} ({UNVERIFIED_NOTE})" if self.include_unverified else text

    def slot(self, key: str) -> Slot:
        return self.slots[key]


def measure(year: Year, include_unverified: bool) -> measurement.Measurement:
    """The year's measurement; by default only approved quarters count."""
    if include_unverified:
        return measurement.build(year)
    approved = locked_quarters(year.id)
    cap, categories = settings.capaian_cap(), settings.categories()
    entries = {iid: {q: e for q, e in quarters.items() if (iid, q) in approved}
               for iid, quarters in measurement.load_entries(year).items()}
    evidence = evidence_counts(year.id)
    computed = computations(year.indicators)  # a computed indicator: its verified roll-up
    rows = tuple(
        measurement.build_row(number, ind, entries.get(ind.id, {}), evidence, 4, cap, categories,
                              computation=computed.get(ind.id))
        for number, ind in enumerate(year.indicators, start=1))
    return measurement.Measurement(year, 4, rows, measurement.summarize(rows, categories))


def stored_texts(year: Year) -> dict[str, LkjipText]:
    return {t.slot: t for t in db.session.scalars(
        sa.select(LkjipText).where(LkjipText.year_id == year.id))}


def _slot(texts, key, title, writer) -> Slot:
    stored = texts.get(key)
    return Slot(key, title, writer, stored.text if stored else "", stored.version if stored else 0)


def notes_of(row: measurement.Row) -> list[tuple[str, str, str, str]]:
    """(TW, kendala, solusi, tindak lanjut) of the counted quarters that have any text."""
    notes = []
    for cell in row.quarters:
        entry = cell.entry
        if entry is None:
            continue
        texts = ((entry.obstacles or "").strip(), (entry.solutions or "").strip(),
                 (entry.follow_up or "").strip())
        if any(texts):
            notes.append((roman(cell.quarter), *texts))
    return notes


def comparisons(row: measurement.Row, chain: chain_data.Chain, group_key: str,
                year: int) -> tuple[Comparison, ...]:
    """The seven analyses of PermenPAN-RB 53/2014 for one indicator."""
    ind = row.indicator
    category = row.category.label if row.category else "belum dapat dikategorikan"
    if row.realisasi_text and row.to_date.percent is not None:
        outcome = f"realisasi {row.realisasi_text} dan capaian {row.to_date_text} ({category})"
    elif row.realisasi_text and row.to_date.status in capaian.GRADE_STATUSES:
        # A grade: its letter and verdict, never a percentage; the category only when it adds.
        outcome = f"nilai {row.to_date_text}" + (
            "" if row.to_date_text.endswith(category) else f" ({category})")
    elif row.realisasi_text:
        outcome = f"realisasi {row.realisasi_text}; capaian: {row.to_date_text}"
    else:
        outcome = "realisasi belum diisi, sehingga capaian belum dapat dihitung"
    first = Comparison(1, "Target dan realisasi tahun ini", (
        f"Indikator \u201c{sakip.indicator_text(ind)}\u201d pada tahun {year} memiliki target "
        f"{row.target_text}, dengan {outcome}.",
    ))

    previous = chain.previous.get(ind.id)
    if previous:
        sentences = [f"Tahun {y}: realisasi {r or '-'}, capaian {c or '-'}"
                     + (f" ({note})" if note else "") + "." for y, r, c, note in previous]
        sentences.append(f"Tahun {year}: realisasi {row.realisasi_text or '-'}, capaian "
                         f"{row.to_date_text}.")
        second = Comparison(2, "Dibandingkan tahun-tahun sebelumnya", tuple(sentences))
    else:
        second = Comparison(2, "Dibandingkan tahun-tahun sebelumnya", (
            marker(PLANNER, "realisasi dan capaian tahun-tahun sebelumnya"),), slot=True)

    end = chain.renstra_end.get(ind.id)
    if end:
        third = Comparison(3, "Dibandingkan target akhir Renstra", (
            f"Target akhir periode Renstra {end[0]}; realisasi s.d. tahun {year} "
            f"{row.realisasi_text or 'belum diisi'}, capaian terhadap target akhir: {end[1]}.",))
    else:
        third = Comparison(3, "Dibandingkan target akhir Renstra", (
            marker(PLANNER, "target akhir Renstra dan capaian terhadapnya"),), slot=True)

    national = chain.national.get(ind.id)
    fourth = Comparison(4, "Dibandingkan standar nasional", (
        (sentence(f"Standar nasional: {national}"),) if national else
        (marker(PLANNER, "standar nasional, bila ada"),)), slot=not national)

    notes = notes_of(row)
    if notes:
        sentences = []
        for tw, kendala, solusi, lanjut in notes:
            parts = [f"Triwulan {tw}:"]
            # Typed text that already ends in a stop ("..., S.E.") gets no second one.
            parts += [sentence(f"kendala: {kendala}") if kendala else "",
                      sentence(f"Solusi: {solusi}") if solusi else "",
                      sentence(f"Tindak lanjut: {lanjut}") if lanjut else ""]
            sentences.append(" ".join(p for p in parts if p))
        fifth = Comparison(5, "Penyebab keberhasilan/kegagalan dan solusi", tuple(sentences))
    else:
        fifth = Comparison(5, "Penyebab keberhasilan/kegagalan dan solusi", (
            marker("penanggung jawab indikator", "penyebab keberhasilan/kegagalan dan solusi"),),
            slot=True)

    efficiency = chain.efficiency.get(group_key)
    sixth = Comparison(6, "Efisiensi penggunaan sumber daya", (
        (efficiency,) if efficiency else
        (marker(PLANNER, "efisiensi penggunaan sumber daya (anggaran)"),)), slot=not efficiency)

    programs = chain.sasaran_programs.get(group_key)
    seventh = Comparison(7, "Program dan kegiatan pendukung", (
        (sentence("Program pendukung: " + "; ".join(programs)),) if programs else
        (marker(PLANNER, "program dan kegiatan yang mendukung"),)), slot=not programs)
    return (first, second, third, fourth, fifth, sixth, seventh)


def closing_line(year: Year, when: str) -> str:
    return ", ".join(p for p in (year.closing_place, when) if p)


def build(year: Year, include_unverified: bool = False, closing: str = "") -> Lkjip:
    """The draft of `year`; `closing` is the date of the closing line ("Januari 2024")."""
    m = measure(year, include_unverified)
    texts = stored_texts(year)
    slots = {key: _slot(texts, key, title, writer) for key, title, writer in FIXED_SLOTS}
    chain = chain_data.load(year, m)
    sasaran = []
    for number, group in enumerate(chain.groups, start=1):
        analysis = _slot(texts, group.key, f"Analisis sasaran {number}", PLANNER)
        slots[group.key] = analysis
        sasaran.append(SasaranView(number, group.title, tuple(
            IndicatorView(row, comparisons(row, chain, group.key, year.year))
            for row in group.rows), analysis))
    return Lkjip(year, include_unverified, m, slots, tuple(sasaran), chain,
                 closing_line(year, closing), presenter.printed_rows(m.rows))
