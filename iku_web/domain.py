"""The domain's word lists and small rules, each defined once (see docs/capaian.md and
docs/glossary.md). Pure Python: no Flask, no database."""
import re

QUARTERS = (1, 2, 3, 4)  # triwulan (TW) I..IV

# Code -> Indonesian label; the codes are stored in the database.
TARGET_KINDS = {
    "none": "Belum ditetapkan",
    "number": "Angka",
    "percent": "Persentase",
    "grade": "Nilai huruf (minimal)",
    "range": "Rentang",
}
POLARITIES = {"higher": "Semakin tinggi semakin baik", "lower": "Semakin rendah semakin baik"}
AGGREGATIONS = {"nilai_akhir": "Nilai akhir", "kumulatif": "Kumulatif", "rata_rata": "Rata-rata"}
# How the quarterly targets (Rencana Aksi) are written: each quarter's own target, aggregated
# like the realisasi, or the target due by the end of that quarter (docs/capaian.md).
QUARTER_TARGET_MODES = {
    "per_triwulan": "Per triwulan (target masing-masing triwulan)",
    "kumulatif": "Kumulatif s.d. triwulan (TW IV = target tahunan)",
}
# How a parent unit's indicator gets its realisasi (docs/rollup.md): typed as before, or
# computed from the linked indicators of its child units.
ROLLUP_RULES = {
    "typed": "Diketik (tidak dihitung)",
    "persentase_memenuhi": "Persentase unit memenuhi target",
    "jumlah": "Jumlah realisasi unit",
    "rata_rata": "Rata-rata realisasi unit",
    "minimum": "Nilai terendah unit",
    "maksimum": "Nilai tertinggi unit",
    "persentase_huruf": "Persentase unit dengan nilai LKE minimal target",
}
# The rules whose value is the share of children that met their target (in percent).
SHARE_RULES = ("persentase_memenuhi", "persentase_huruf")
GRADES = ("D", "C", "CC", "B", "BB", "A", "AA")  # letter grades, lowest first
# The documents for signing, by their URL name: IKU, Perjanjian Kinerja, Laporan Pengukuran.
# The narrative of a quarter's realisasi: field -> its name on the screen.
NARRATIVE_FIELDS = {"obstacles": "Kendala", "solutions": "Solusi", "follow_up": "Tindak lanjut"}
DOCUMENTS = ("iku", "pk", "pengukuran")

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def is_percent(kind: str, unit: str | None) -> bool:
    """A percentage indicator: its target kind is "percent" or its unit is "%". Its realisasi
    may be typed as a fraction ("187/234") and its numbers are shown with "%"."""
    return kind == "percent" or (unit or "").strip() == "%"


def is_percent_indicator(indicator) -> bool:
    """is_percent of an Indicator (or any row with target_kind and target_unit)."""
    return is_percent(indicator.target_kind, indicator.target_unit)


def is_hex_colour(text: str | None) -> bool:
    """A plain #rrggbb colour. Category colours are written into style attributes, so nothing
    else may pass (anything else could be CSS written by a user)."""
    return bool(text) and _HEX_COLOUR.fullmatch(text) is not None
