"""The navbar's menu: at most six top-level entries grouped by what people do, each person
seeing only what their role in the current unit lets them use (docs/architecture.md,
"The menu").

MENU below is the whole menu. Adding a page is one line in its group: the label, the endpoint,
who sees it (`shown`), and the other endpoints on which it is the current page (`also`). A
group whose only visible entry is one page is drawn as a plain link with the group's label.
The unit and year switchers, the bell and the account (name, Keluar) are not menu entries."""
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_login import current_user

from . import access

MAX_TOP_LEVEL = 6


@dataclass(frozen=True)
class Viewer:
    """What the menu asks about the person reading the page."""

    signed_in: bool
    has_tasks: bool
    unit_count: int  # units they may read (the unit switcher's length)

    def can(self, action: str) -> bool:
        return access.allowed(action)


# Who sees an entry. Pages reached without signing in (dashboard, register, realisasi, reports,
# budget) are shown to guests too, as their views allow.
def anyone(v: Viewer) -> bool:
    return True


def signed_in(v: Viewer) -> bool:
    return v.signed_in


def reader(v: Viewer) -> bool:
    return v.can("read")


def with_tasks(v: Viewer) -> bool:
    return v.signed_in and v.has_tasks  # not a viewer: nothing is ever theirs to fill


def verifier(v: Viewer) -> bool:
    return v.can("verify")


def manager(v: Viewer) -> bool:
    return v.can("manage")


def install_admin(v: Viewer) -> bool:
    return v.can("install")


def reader_of_several_units(v: Viewer) -> bool:
    """The unit tree for those who read more than one unit; install admins find it under
    Pengaturan, where they also edit it."""
    return v.unit_count > 1 and not v.can("install")


@dataclass(frozen=True)
class Entry:
    label: str
    endpoint: str
    shown: Callable[[Viewer], bool] = anyone
    also: tuple[str, ...] = ()  # other endpoints on which this entry is the current page
    badge: str | None = None  # a template printing a count after the label
    year_query: bool = False  # ?tahun=: a page outside a year that links to that year's pages


@dataclass(frozen=True)
class Group:
    label: str
    entries: tuple[Entry, ...]


MENU = (
    Group("Beranda", (
        Entry("Dasbor", "dashboard.page"),
        Entry("Alur kerja", "flow.page", signed_in),
        Entry("Unit", "units.index", reader_of_several_units),
        Entry("Panduan", "guide.page"),
    )),
    Group("Tugas saya", (
        Entry("Tugas saya", "monitoring.my_tasks", with_tasks,
              badge="monitoring/_task_badge.html"),
    )),
    Group("Realisasi", (
        Entry("Tabel realisasi", "realisasi.page", also=("realisasi.indicator",)),
        Entry("Verifikasi", "review.index", verifier, badge="review/_waiting_badge.html"),
        Entry("Pantauan", "monitoring.overview", reader, also=("monitoring.overview_latest",)),
    )),
    Group("Perencanaan", (
        Entry("IKU", "indicators.register",
              also=("indicators.create", "indicators.edit", "sasaran.past")),
        Entry("Sasaran", "sasaran.index", manager, also=("sasaran.edit",)),
        Entry("Renstra", "sasaran.renstra_index", manager,
              also=("sasaran.renstra", "sasaran.renstra_edit_indicator")),
        Entry("Anggaran", "budget.index", also=("budget.edit", "budget.import_preview")),
    )),
    Group("Laporan", (
        Entry("Cetak dan terbitkan", "reports.index",
              also=("reports.import_form", "reports.import_realisasi_form")),
        Entry("LKjIP", "lkjip.page", reader),
        Entry("LKE", "lke.page", signed_in),
        Entry("Dokumen terbit", "documents.register", reader),
    )),
    Group("Pengaturan", (
        Entry("Semua pengaturan", "admin.settings_index", manager, year_query=True),
        Entry("Pengguna", "admin.users", manager, also=("admin.user", "auth.login_log")),
        Entry("Tahun anggaran", "indicators.new_year", manager),
        Entry("Profil lembaga", "admin.profile", manager),
        Entry("Tenggat pelaporan", "reminders.deadline_settings", manager),
        Entry("Penandatangan & logo", "reports.signer_settings", manager),
        Entry("Kategori capaian", "realisasi.capaian_settings", install_admin),
        Entry("Bukti dukung", "evidence.settings_page", install_admin),
        Entry("Riwayat perubahan", "audit.index", manager),
        Entry("Log e-mail", "reminders.mail_log", install_admin),
        Entry("Unit", "units.index", install_admin, also=("units.edit",)),
    )),
)


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    current: bool
    badge: str | None


@dataclass(frozen=True)
class Shown:
    """A group as drawn: its visible links; `current` when one of them is this page."""

    label: str
    links: tuple[Link, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def _needs_year(endpoint: str) -> bool:
    return any("year" in rule.arguments for rule in current_app.url_map.iter_rules(endpoint))


def _link(entry: Entry, year: int | None) -> Link | None:
    args = {}
    if _needs_year(entry.endpoint):
        if year is None:  # no year yet: nothing of a year to link to
            return None
        args["year"] = year
    elif entry.year_query and year is not None:
        args["tahun"] = year
    here = request.endpoint in (entry.endpoint, *entry.also)
    return Link(entry.label, url_for(entry.endpoint, **args), here, entry.badge)


def viewer(unit_count: int) -> Viewer:
    signed = bool(current_user.is_authenticated)
    return Viewer(signed, signed and current_user.has_tasks, unit_count)


def build(year: int | None, unit_count: int, menu=MENU) -> list[Shown]:
    """The groups this person sees on this page, with the year's addresses."""
    who = viewer(unit_count)
    shown = []
    for group in menu:
        links = tuple(link for entry in group.entries if entry.shown(who)
                      and (link := _link(entry, year)) is not None)
        if links:
            shown.append(Shown(group.label, links))
    return shown
