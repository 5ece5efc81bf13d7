"""Which section of the guide explains which page: the "Bantuan" link in base.html.

One entry per main page (endpoint -> anchor of docs/panduan/); a page not listed shows no link.
tests/test_guide.py checks that the main pages show the link and every anchor exists."""
from flask import url_for

SECTIONS = {
    "indicators.home": "iku",
    "indicators.register": "iku",
    "indicators.create": "iku",
    "indicators.new_year": "tahun-baru",
    "dashboard.page": "dasbor",
    "realisasi.page": "realisasi",
    "realisasi.indicator": "indikator",
    "reports.index": "terbitkan",
    "reports.import_form": "iku",
    "budget.index": "anggaran",
    "monitoring.overview": "pantauan",
    "monitoring.my_tasks": "tugas",
    "documents.register": "dokumen",
    "review.index": "verifikasi",
    "sasaran.index": "sasaran",
    "sasaran.renstra_index": "renstra",
    "sasaran.renstra": "renstra",
    "admin.settings_index": "pengaturan",
    "admin.users": "pengguna",
    "admin.user": "pengguna",
    "admin.tokens_page": "token-api",
    "admin.profile": "profil",
    "reports.signer_settings": "pengaturan",
    "realisasi.capaian_settings": "pengaturan",
    "evidence.settings_page": "pengaturan",
    "reminders.deadline_settings": "tenggat",
    "lkjip.page": "lkjip",
    "lke.page": "lke",
    "auth.login": "masuk",
    "flow.page": "urutan",
    "units.index": "daftar-unit",
    "units.edit": "kelola-unit",
}


def help_url(endpoint: str | None) -> str | None:
    """The guide's address for this page's section, or None for a page without one."""
    anchor = SECTIONS.get(endpoint or "")
    return url_for("guide.page", _anchor=anchor) if anchor else None
