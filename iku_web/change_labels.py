"""What the change log's codes mean in Indonesian: the kind of entry (entity) and what changed
(field, or the action for entries such as an upload or an approval).

One mapping for every surface that shows the log: Riwayat perubahan and its CSV export, and an
indicator's own history. A code not listed here (a program's name in a budget entry, say) is
already text and is shown as it is.
"""
from .domain import QUARTERS
from .formatting import roman
from .indicators.audit import FIELD_LABELS as INDICATOR_FIELDS
from .realisasi.service import NARRATIVE_FIELDS
from .review.service import ACTIONS as REVIEW_ACTIONS

LOGIN = "masuk"  # the Riwayat "kind" that lists login events instead of changes
ENTITIES = {
    "realisasi": "Realisasi dan catatan", "evidence": "Bukti dukung",
    "indicator": "Indikator", "review": "Verifikasi", "year": "Tahun",
    "setting": "Pengaturan", "deadline": "Tenggat pelaporan", "sasaran": "Sasaran",
    "program": "Program/kegiatan", "budget_realisasi": "Realisasi anggaran",
    "budget_import": "Impor anggaran", "past_realisasi": "Realisasi tahun sebelumnya",
}
FIELDS = {
    "value": "Realisasi", "update": "Data indikator", "create": "Dibuat", "add": "Ditambahkan",
    "delete": "Dihapus", "import": "Data indikator", "name": "Nama", "pagu": "Pagu",
    "sasaran": "Sasaran", "categories": "Kategori capaian", "capaian_cap": "Batas capaian",
    "percent_warning": "Batas peringatan persentase", "evidence_public": "Bukti dukung publik",
    "evidence_max_mb": "Ukuran maksimum bukti dukung",
    "institution_name": "Nama lembaga", "function": "Fungsi", "duties": "Tugas",
    "closing_place": "Tempat penandatanganan", "iku_decree_number": "Nomor keputusan IKU",
    "iku_decree_date": "Tanggal keputusan IKU", "pk_number": "Nomor PK",
    "rollup_rule": "Cara mengisi realisasi", "rollup_exemption": "Unit tidak berlaku",
    "parent_indicator": "Diturunkan dari",
    **INDICATOR_FIELDS, **NARRATIVE_FIELDS, **REVIEW_ACTIONS,
    **{f"target_tw{q}": f"Target TW {roman(q)}" for q in QUARTERS},
    **{f"tw{q}": f"Tenggat TW {roman(q)}" for q in QUARTERS},
}
# Codes whose meaning depends on the kind of entry.
BY_ENTITY = {
    ("evidence", "upload"): "Bukti dukung diunggah",
    ("evidence", "delete"): "Bukti dukung dihapus",
    ("indicator", "create"): "Indikator dibuat",
    ("indicator", "delete"): "Indikator dihapus",
    ("indicator", "name"): INDICATOR_FIELDS["name"],
}
# The actions the Riwayat filter offers: the codes a person looks for.
ACTIONS = {code: FIELDS[code] for code in (
    "value", "obstacles", "solutions", "follow_up", "submit", "approve", "return", "unlock",
    "create", "add", "delete")} | {"upload": "Bukti dukung diunggah"}


def entity_label(entity: str) -> str:
    return ENTITIES.get(entity, entity)


def field_label(entity: str, field: str) -> str:
    """The Indonesian name of what a change log entry changed."""
    return BY_ENTITY.get((entity, field)) or FIELDS.get(field, field)
