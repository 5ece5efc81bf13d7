"""The LKjIP draft as a flat list of blocks (heading, paragraph, list, slot, table, page
break) built from the view-model. The DOCX writer and the PDF template both walk this one list,
so the two documents carry the same words and numbers in the same order."""
from collections.abc import Iterator

from .. import chain as sakip
from ..presenters import quarter_target_labels
from .viewmodel import PLANNER, Lkjip, marker

Block = tuple[str, object]

MEASURE_HEADER = ("No", "Indikator Kinerja", "Target", "TW I", "TW II", "TW III", "TW IV",
                  "Realisasi", "Capaian", "Kategori")
MEASURE_WIDTHS = (4, 23, 9, 8, 8, 8, 8, 10, 10, 12)
SHORT_HEADER = ("No", "Indikator Kinerja", "Target", "Realisasi", "Capaian", "Kategori")
SHORT_WIDTHS = (5, 45, 12, 12, 12, 14)
PK_WIDTHS = (5, 35, 45, 15)
PK_TW_WIDTHS = (5, 24, 27, 12, 8, 8, 8, 8)
BUDGET_WIDTHS = (7, 45, 18, 18, 12)
COMPARE_HEADER = ("Indikator Kinerja", "Target", "Realisasi", "Capaian",
                  "Tahun sebelumnya (realisasi, capaian)", "Target akhir Renstra",
                  "Capaian thd. target akhir")
COMPARE_WIDTHS = (28, 10, 10, 10, 18, 12, 12)


def cover_note(vm: Lkjip) -> str:
    if vm.include_unverified:
        return ("PERHATIAN: draf ini termasuk data triwulan yang belum diverifikasi "
                "(belum disetujui verifikator).")
    return "Disusun dari data triwulan yang telah diverifikasi (disetujui verifikator)."


class _Tables:
    """Numbers the tables and writes their captions ("Tabel 3. ...")."""

    def __init__(self, vm: Lkjip) -> None:
        self.vm, self.count = vm, 0

    def __call__(self, title: str, rows, widths=None) -> Block:
        """widths: column widths in percent of the text width (equal when None)."""
        self.count += 1
        rows = tuple(rows)
        widths = tuple(widths or (100 / len(rows[0]),) * len(rows[0]))
        return ("table", (self.vm.caption(f"Tabel {self.count}. {title}"), rows, widths))


def category_label(row) -> str:
    return row.category.label if row.category else "-"


def measure_rows(vm: Lkjip, quarters: bool = True):
    yield MEASURE_HEADER if quarters else SHORT_HEADER
    for row in vm.rows:
        yield (f"{row.number}.", sakip.indicator_text(row.indicator), row.target_text,
               *((cell.text or "-" for cell in row.quarters) if quarters else ()),
               row.realisasi_text or "-", row.to_date_text, category_label(row))


def pk_rows(vm: Lkjip, with_quarters: bool):
    header = ("No", "Sasaran Strategis", "Indikator Kinerja", "Target")
    yield header + (("TW I", "TW II", "TW III", "TW IV") if with_quarters else ())
    for sasaran in vm.sasaran:
        for n, view in enumerate(sasaran.indicators):
            ind = view.row.indicator
            # The indicator's name, or its formula where the name only repeats the sasaran.
            indicator_text = sakip.indicator_text(ind)
            first = n == 0
            values = (f"{sasaran.number}." if first else "", sasaran.title if first else "",
                      indicator_text, view.row.target_text)
            yield values + (tuple(t or "-" for t in quarter_target_labels(ind))
                            if with_quarters else ())


def comparison_rows(vm: Lkjip, sasaran):
    """The numbers of a sasaran's indicators side by side: this year, the latest earlier year
    and the Renstra end target. Empty when the chain holds neither (one table per sasaran, not
    per indicator: 200 small tables took a quarter of the PDF time)."""
    chain = vm.chain
    ids = [view.row.indicator.id for view in sasaran.indicators]
    if not any(i in chain.previous or i in chain.renstra_end for i in ids):
        return ()
    rows = [COMPARE_HEADER]
    for view in sasaran.indicators:
        row, iid = view.row, view.row.indicator.id
        last = chain.previous.get(iid)
        year, realisasi, capaian_text, _note = last[-1] if last else ("", "", "", "")
        end = chain.renstra_end.get(iid, ("-", "-"))
        rows.append((view.text, row.target_text, row.realisasi_text or "-", row.to_date_text,
                     f"{year}: {realisasi or '-'} ({capaian_text or '-'})" if last else "-",
                     *end))
    return tuple(rows)


def executive_summary(vm: Lkjip, table) -> Iterator[Block]:
    s = vm.summary
    yield ("heading", (1, "Ikhtisar Eksekutif"))
    yield ("para", (
        f"Pada Tahun Anggaran {vm.year.year}, {vm.year.institution_name} mengukur "
        f"{s.indicators} indikator kinerja utama. Rata-rata capaian kinerja adalah "
        f"{s.average_text}; {s.met_text}; {s.without_capaian} indikator belum dapat dihitung "
        f"capaiannya. {s.average_note + ' ' if s.average_note else ''}"
        f"{s.doubt_text + ' ' if s.doubt_text else ''}"
        f"Data: {vm.data_note}."))
    yield table("Jumlah indikator per kategori capaian",
                (("Kategori", "Jumlah indikator"),
                 *((c.label, str(n)) for c, n in s.categories),
                 ("Belum dapat dihitung", str(s.without_capaian))))
    budget = vm.chain.budget_sentence
    yield ("para", budget) if budget else (
        "mark", marker(PLANNER, "realisasi dan serapan anggaran"))
    yield ("slot", vm.slot("ikhtisar"))


def chapter_one(vm: Lkjip) -> Iterator[Block]:
    yield ("heading", (1, "BAB I PENDAHULUAN"))
    yield ("heading", (2, "A. Profil Organisasi"))
    yield ("para", f"{vm.year.institution_name} melaksanakan tugas sebagai berikut:")
    duties = vm.year.duty_list
    yield ("list", tuple(duties)) if duties else ("mark", marker(PLANNER, "tugas"))
    yield ("para", f"Fungsi: {vm.year.function}") if vm.year.function.strip() else (
        "mark", marker(PLANNER, "fungsi"))
    yield ("heading", (2, "B. Struktur Organisasi"))
    yield ("slot", vm.slot("organisasi"))
    yield ("heading", (2, "C. Isu Strategis"))
    yield ("slot", vm.slot("isu_strategis"))


def chapter_two(vm: Lkjip, table) -> Iterator[Block]:
    yield ("heading", (1, "BAB II PERENCANAAN KINERJA"))
    yield ("heading", (2, "A. Rencana Strategis"))
    if vm.chain.renstra:
        yield ("para", vm.chain.renstra)
        if vm.chain.renstra_rows:
            columns = len(vm.chain.renstra_rows[0]) - 2
            yield table("Target indikator dalam Renstra", vm.chain.renstra_rows,
                        (5, 35, *(60 / columns,) * columns))
        else:
            yield ("mark", marker(PLANNER, "target Renstra per indikator"))
    else:
        yield ("mark", marker(PLANNER, "periode Renstra, sasaran strategis dan targetnya"))
    yield ("heading", (2, "B. Perjanjian Kinerja"))
    yield ("para", f"Perjanjian Kinerja Tahun {vm.year.year} memuat sasaran strategis, indikator "
                   "kinerja dan target berikut.")
    yield table(f"Perjanjian Kinerja Tahun {vm.year.year}", pk_rows(vm, False), PK_WIDTHS)


def chapter_three(vm: Lkjip, table) -> Iterator[Block]:
    yield ("heading", (1, "BAB III AKUNTABILITAS KINERJA"))
    yield ("heading", (2, "A. Capaian Kinerja Organisasi"))
    yield ("para", f"Rata-rata capaian {vm.summary.indicators} indikator: "
                   f"{vm.summary.average_text}; {vm.summary.met_text}.")
    yield table(f"Capaian kinerja Tahun {vm.year.year}", measure_rows(vm, False), SHORT_WIDTHS)
    for sasaran in vm.sasaran:
        yield ("heading", (3, f"Sasaran {sasaran.number}. {sasaran.title}"))
        compared = comparison_rows(vm, sasaran)
        if compared:
            yield table(f"Sasaran {sasaran.number}: tahun ini, tahun sebelumnya dan target "
                        "akhir Renstra", compared, COMPARE_WIDTHS)
        for view in sasaran.indicators:
            yield ("para", f"Indikator: {view.text}")
            computed = vm.rollup.get(view.row.indicator.id)
            for text in computed.lines if computed else ():
                yield ("para", text)
            for comparison in view.comparisons:
                text = " ".join(comparison.sentences)
                yield ("mark" if comparison.slot else "para",
                       f"{comparison.number}. {comparison.title}: {text}")
        yield ("slot", sasaran.analysis)
    yield ("heading", (2, "B. Realisasi Anggaran"))
    if vm.chain.programs:
        yield ("para", vm.chain.budget_sentence)
        yield table(f"Realisasi anggaran Tahun {vm.year.year}", vm.chain.programs,
                    BUDGET_WIDTHS)
        yield ("para", f"Efisiensi dihitung dengan rumus: {vm.chain.efficiency_rule}.")
    else:
        yield ("mark", marker(PLANNER, "pagu, realisasi dan serapan anggaran per program"))


def blocks(vm: Lkjip) -> Iterator[Block]:
    table = _Tables(vm)
    yield ("heading", (1, "Kata Pengantar"))
    yield ("slot", vm.slot("kata_pengantar"))
    yield ("pagebreak", None)
    yield from executive_summary(vm, table)
    yield ("pagebreak", None)
    yield from chapter_one(vm)
    yield ("pagebreak", None)
    yield from chapter_two(vm, table)
    yield ("pagebreak", None)
    yield from chapter_three(vm, table)
    yield ("pagebreak", None)
    yield ("heading", (1, "BAB IV PENUTUP"))
    yield ("slot", vm.slot("penutup"))
    yield ("pagebreak", None)
    yield ("heading", (1, "LAMPIRAN"))
    yield ("heading", (2, "Lampiran 1. Perjanjian Kinerja"))
    yield table(f"Perjanjian Kinerja Tahun {vm.year.year} dan target triwulan",
                pk_rows(vm, True), PK_TW_WIDTHS)
    if vm.chain.programs:
        yield table(f"Program dan anggaran Tahun {vm.year.year}", vm.chain.programs,
                    BUDGET_WIDTHS)
    yield ("heading", (2, "Lampiran 2. Pengukuran Kinerja"))
    yield table(f"Pengukuran Kinerja Tahun {vm.year.year}", measure_rows(vm), MEASURE_WIDTHS)
