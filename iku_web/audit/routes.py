"""Riwayat perubahan: the whole change log (and the login log) for admins and verifiers,
filtered by year, indicator, user, kind of change, action and date range; paginated, and as CSV
with the same filters. Codes are shown as their Indonesian labels (change_labels.py) on the page
and in the CSV alike."""
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import Response, abort, render_template, request
from sqlalchemy.orm import aliased

from ..access import allowed, current_unit
from ..auth.log import OUTCOMES
from ..auth.permissions import verifier_required
from ..cell_safety import safe_row
from ..change_labels import ACTIONS, ENTITIES, LOGIN, entity_label, field_label
from ..extensions import db
from ..models import ChangeLog, Indicator, LoginEvent, Membership, User, Year
from . import bp

PER_PAGE = 50
CSV_LIMIT = 100_000
KINDS = {**ENTITIES, LOGIN: "Log masuk"}


@dataclass(frozen=True)
class Filters:
    year: int | None
    indicator: int | None
    user: int | None
    kind: str
    start: date | None
    end: date | None
    action: str = ""
    # Messages for the date fields that could not be read, shown at the field.
    errors: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_args(cls, args) -> "Filters":
        start, start_error = _date(args.get("dari"))
        end, end_error = _date(args.get("sampai"))
        errors = [(name, error) for name, error in (("dari", start_error),
                                                    ("sampai", end_error)) if error]
        if start and end and start > end:
            errors.append(("sampai", "Tanggal akhir sebelum tanggal awal; periksa rentangnya."))
            start = end = None
        return cls(_int(args.get("tahun")), _int(args.get("indikator")),
                   _int(args.get("pengguna")), _choice(args.get("jenis"), KINDS), start, end,
                   _choice(args.get("aksi"), ACTIONS), tuple(errors))

    def args(self) -> dict:
        values = {"tahun": self.year, "indikator": self.indicator, "pengguna": self.user,
                  "jenis": self.kind, "aksi": self.action, "dari": self.start,
                  "sampai": self.end}
        return {k: v for k, v in values.items() if v not in (None, "")}

    def error(self, name: str) -> str:
        return dict(self.errors).get(name, "")


def _choice(text, allowed) -> str:
    return text if text in allowed else ""


def _int(text):
    try:
        return int(text) if text else None
    except ValueError:
        return None


def _date(text) -> tuple[date | None, str]:
    """The date of a YYYY-MM-DD parameter (what a date field sends), or a message."""
    if not text:
        return None, ""
    try:
        return date.fromisoformat(text), ""
    except ValueError:
        return None, "Tanggal tidak dikenali; pilih tanggal pada kalender (tttt-bb-hh)."


def _between(column, f: Filters) -> list:
    where = []
    if f.start:
        where.append(column >= datetime.combine(f.start, time.min))
    if f.end:
        where.append(column < datetime.combine(f.end + timedelta(days=1), time.min))
    return where


# The account an entry is about (a role given or taken away), beside the one who acted.
Account = aliased(User)


def change_query(f: Filters):
    query = (sa.select(ChangeLog, User.username, Year.year, Indicator.position, Indicator.name,
                       Account.username)
             .outerjoin(User, ChangeLog.user_id == User.id)
             .outerjoin(Account, ChangeLog.account_id == Account.id)
             .outerjoin(Year, ChangeLog.year_id == Year.id)
             .outerjoin(Indicator, ChangeLog.indicator_id == Indicator.id)
             .where(*_between(ChangeLog.at, f), _this_unit())
             .order_by(ChangeLog.at.desc(), ChangeLog.id.desc()))
    if f.year:
        query = query.where(Year.year == f.year)
    if f.indicator:
        query = query.where(ChangeLog.indicator_id == f.indicator)
    if f.user:
        query = query.where(ChangeLog.user_id == f.user)
    if f.kind:
        query = query.where(ChangeLog.entity == f.kind)
    if f.action:
        query = query.where(ChangeLog.field == f.action)
    return query


def _sees_install_entries() -> bool:
    """The install's entries (settings changes, logins) are for the install admins and for
    the verifiers of the top unit (in a single-unit install: as before units existed)."""
    return allowed("install") or (current_unit().parent_id is None and allowed("verify"))


def _this_unit():
    """The entries of the current unit and of its years, and those of neither (the install's)
    for whoever sees the install's entries."""
    unit_id = current_unit().id
    mine = sa.or_(Year.unit_id == unit_id, ChangeLog.unit_id == unit_id)
    install = sa.and_(ChangeLog.year_id.is_(None), ChangeLog.unit_id.is_(None))
    return sa.or_(mine, install) if _sees_install_entries() else mine


def login_query(f: Filters):
    if not _sees_install_entries():
        abort(403)
    query = (sa.select(LoginEvent).where(*_between(LoginEvent.at, f))
             .order_by(LoginEvent.at.desc(), LoginEvent.id.desc()))
    if f.user:
        query = query.where(LoginEvent.user_id == f.user)
    return query


@bp.route("/riwayat")
@verifier_required
def index():
    """The change log (or the login log), newest first, 50 per page."""
    f = Filters.from_args(request.args)
    if f.kind == LOGIN:
        page = db.paginate(login_query(f), per_page=PER_PAGE, error_out=False)
    else:
        page = db.paginate(change_query(f), per_page=PER_PAGE, error_out=False)
    rows = page.items if f.kind == LOGIN else db.session.execute(
        change_query(f).limit(PER_PAGE).offset((page.page - 1) * PER_PAGE)).all()
    return render_template(
        "audit/index.html", page=page, rows=rows, f=f, kinds=KINDS, login_kind=LOGIN,
        actions=ACTIONS, entity_label=entity_label, field_label=field_label, outcomes=OUTCOMES,
        years=db.session.scalars(sa.select(Year.year).where(Year.unit_id == current_unit().id)
                                 .order_by(Year.year.desc())).all(),
        users=db.session.execute(sa.select(User.id, User.username).join(Membership).where(
            Membership.unit_id == current_unit().id).order_by(User.username)).all(),
        indicators=_indicators(f.year))


def _indicators(year: int | None):
    """The indicators the filter offers: of the chosen year, else of every year (newest
    first, each named with its year), of the current unit."""
    query = (sa.select(Indicator.id, Indicator.position, Indicator.name, Year.year).join(Year)
             .where(Year.unit_id == current_unit().id)
             .order_by(Year.year.desc(), Indicator.position))
    if year:
        query = query.where(Year.year == year)
    return db.session.execute(query).all()


@bp.route("/riwayat.csv")
@verifier_required
def export_csv():
    """The same filters, every matching row (up to 100 000), as CSV for a spreadsheet."""
    f = Filters.from_args(request.args)
    out = io.StringIO()
    writer = csv.writer(out)
    if f.kind == LOGIN:
        writer.writerow(["waktu", "nama_pengguna", "alamat", "hasil"])
        for event in db.session.scalars(login_query(f).limit(CSV_LIMIT)):
            writer.writerow(safe_row([event.at.isoformat(sep=" ", timespec="seconds"),
                                      event.username, event.address,
                                      OUTCOMES.get(event.outcome, event.outcome)]))
    else:
        writer.writerow(["waktu", "pengguna", "tahun", "indikator", "triwulan", "jenis",
                         "bagian", "nilai_lama", "nilai_baru", "akun"])
        for log, username, year, position, _name, account in db.session.execute(
                change_query(f).limit(CSV_LIMIT)):
            writer.writerow(safe_row([log.at.isoformat(sep=" ", timespec="seconds"),
                                      username or "", year or "", position or "",
                                      log.quarter or "", entity_label(log.entity),
                                      field_label(log.entity, log.field),
                                      log.old_value or "", log.new_value or "",
                                      account or ""]))
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="riwayat-perubahan.csv"'})

