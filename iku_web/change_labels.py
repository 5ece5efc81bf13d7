"""What the change log's codes mean in Indonesian: the kind of entry (entity) and what changed
(field, or the action for entries such as an upload or an approval).

One mapping for every surface that shows the log: Riwayat perubahan and its CSV export, and an
indicator's own history. A code not listed here (a program's name in a budget entry, say) is
already text and is shown as it is.
"""
from .domain import NARRATIVE_FIELDS, QUARTERS
from .formatting import roman

# An indicator's own fields (indicators/audit.py logs one entry per field).
INDICATOR_FIELDS = {
    "name": "Indikator kinerja utama",
    "formula": "Perhitungan",
    "target": "Target",
    "polarity": "Polaritas",
    "aggregation": "Agregasi triwulan",
    "quarter_target_mode": "Target triwulan ditulis",
    "data_source": "Sumber data",
    "pic_unit": "Penanggung jawab (unit)",
    "pic_user": "Penanggung jawab (pengguna)",
}
REVIEW_ACTIONS = {"submit": "Ajukan verifikasi", "approve": "Disetujui verifikator",
                  "return": "Dikembalikan verifikator", "unlock": "Kunci dibuka verifikator"}

LOGIN = "masuk"  # the Riwayat "kind" that lists login events instead of changes
ENTITIES = {
    "realisasi": "Realisasi dan catatan", "evidence": "Bukti dukung",
    "indicator": "Indikator", "review": "Verifikasi", "year": "Tahun",
    "setting": "Pengaturan", "deadline": "Tenggat pelaporan", "sasaran": "Sasaran",
    "program": "Program/kegiatan", "budget_realisasi": "Realisasi anggaran",
    "budget_import": "Impor anggaran", "past_realisasi": "Realisasi tahun sebelumnya",
    "membership": "Peran pengguna",
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
    ("membership", "grant"): "Peran diberikan",
    ("membership", "role"): "Peran diubah",
    ("membership", "revoke"): "Peran dicabut",
}
# The actions the Riwayat filter offers: the codes a person looks for.
ACTIONS = {code: FIELDS[code] for code in (
    "value", "obstacles", "solutions", "follow_up", "submit", "approve", "return", "unlock",
    "create", "add", "delete")} | {"upload": "Bukti dukung diunggah",
                                    **{action: BY_ENTITY["membership", action]
                                       for action in ("grant", "role", "revoke")}}


def entity_label(entity: str) -> str:
    return ENTITIES.get(entity, entity)


def field_label(entity: str, field: str) -> str:
    """The Indonesian name of what a change log entry changed."""
    return BY_ENTITY.get((entity, field)) or FIELDS.get(field, field)
