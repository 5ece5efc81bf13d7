"""`flask --app wsgi remind`: deadline notices in the app, reminders and a weekly digest by
e-mail. The rules are in docs/reminders.md.

Order matters: the in-app notices are committed first, so a mail server that fails never
loses them. A reminder counts as sent only when the SMTP server accepted it; a failed one is
logged and tried again on the next run.
"""
from datetime import date, timedelta

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from .. import clock
from ..extensions import db
from ..models import MailLog, Membership, Unit, User
from . import mailer, notifications, open_items

NO_SERVER = ("MAIL_SERVER belum diatur: tidak ada e-mail yang dikirim. Notifikasi di aplikasi "
             "tetap dibuat. Atur MAIL_SERVER (lihat README) untuk mengirim e-mail.")


def _link(path: str) -> str:
    return current_app.config.get("IKU_BASE_URL", "") + path


def _sent_since(kind: str, user_id: int, since: date) -> bool:
    return db.session.scalar(sa.select(sa.func.count(MailLog.id)).where(
        MailLog.kind == kind, MailLog.user_id == user_id, MailLog.status == "sent",
        MailLog.day >= since)) > 0


def reminder_mail(user: User, items: list[open_items.Item]) -> mailer.Mail:
    lines = [f"Yth. {user.display_name},", "",
             f"Ada {len(items)} isian IKU yang masih perlu Anda selesaikan:", ""]
    for item in items:
        lines.append(f"- {item.line}")
        if item.comment:
            lines.append(f"  Komentar verifikator: {item.comment}")
        lines.append(f"  {_link(item.link)}")
    lines += ["", "Pesan ini dikirim otomatis oleh IKU Web paling banyak sekali sehari sampai "
              "semua isian selesai."]
    return mailer.Mail(user.email, f"Pengingat IKU Web: {len(items)} isian belum selesai",
                       "\n".join(lines))


People = list[tuple[User, list[open_items.Item]]]


def digest_mail(admin: User, sections: list[tuple[Unit, People]]) -> mailer.Mail:
    """The weekly digest of the units `admin` administers, one section per unit."""
    total = sum(len(items) for _unit, people in sections for _user, items in people)
    count = sum(len(people) for _unit, people in sections)
    lines = [f"Yth. {admin.display_name},", "",
             f"Ringkasan mingguan: {count} penanggung jawab dengan {total} isian "
             "yang belum selesai.", ""]
    for unit, people in sections:
        if len(sections) > 1:
            lines += [unit.name, ""]
        for user, items in people:
            lines.append(f"{user.display_name} ({user.unit or user.username}): "
                         f"{len(items)} isian")
            lines += [f"  - {item.line}" for item in items]
        lines += ["", f"Pantauan pengisian: {_link(f'/{unit.code}/pantauan')}", ""]
    return mailer.Mail(admin.email, f"Ringkasan mingguan IKU Web: {total} isian belum "
                       "dilaporkan", "\n".join(lines[:-1]))


def _unit_admins() -> dict[int, list[int]]:
    """The admins of each unit, by unit id: the role held in the unit itself, so a
    province's admins get no digest of a Kabupaten's people."""
    admins: dict[int, list[int]] = {}
    for unit_id, user_id in db.session.execute(sa.select(Membership.unit_id, Membership.user_id)
                                               .where(Membership.role == "admin")).tuples():
        admins.setdefault(unit_id, []).append(user_id)
    return admins


Planned = tuple[str, User, list, mailer.Mail]  # kind, recipient user, items, message


def plan(on: date, found: dict[int, list[open_items.Item]]) -> list[Planned]:
    """(kind, user, items, mail) to send on `on`: one reminder per person with open items and
    an e-mail address not yet reminded today; one digest per admin not yet sent this week,
    covering the units they administer that have open items."""
    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.active))}
    out = []
    people = sorted(((users[uid], items) for uid, items in found.items() if uid in users),
                    key=lambda p: p[0].display_name.casefold())
    for user, items in people:
        if user.email and not _sent_since("reminder", user.id, on):
            out.append(("reminder", user, items, reminder_mail(user, items)))
    monday = on - timedelta(days=on.weekday())
    by_unit: dict[str, People] = {}
    for user, items in people:
        for code in dict.fromkeys(i.unit_code for i in items):
            by_unit.setdefault(code, []).append(
                (user, [i for i in items if i.unit_code == code]))
    units = {u.code: u for u in db.session.scalars(sa.select(Unit).where(
        Unit.code.in_(by_unit)).order_by(Unit.name))}
    admins = _unit_admins()
    for admin in sorted(users.values(), key=lambda u: u.username):
        if not admin.email or _sent_since("digest", admin.id, monday):
            continue
        sections = [(unit, by_unit[code]) for code, unit in units.items()
                    if admin.id in admins.get(unit.id, ())]
        if sections:
            lines = [i for _unit, group in sections for _u, items in group for i in items]
            out.append(("digest", admin, lines, digest_mail(admin, sections)))
    return out


def run(dry_run: bool, echo=click.echo) -> None:
    on = clock.today()
    found = open_items.by_user(on)
    todo = plan(on, found)
    if dry_run:
        echo(f"Uji coba (--dry-run), {on.isoformat()}: tidak ada yang dikirim atau disimpan.")
        if not mailer.configured():
            echo("Catatan: MAIL_SERVER belum diatur.")
        for kind, user, _items, mail in todo:
            echo(f"--- {kind} untuk {user.username} <{mail.recipient}>: {mail.subject}")
            echo(mail.body)
        echo(f"{len(todo)} e-mail akan dikirim.")
        return
    created = notifications.sync_deadlines(on, found=found)
    echo(f"{created} notifikasi tenggat baru di aplikasi.")
    if not mailer.configured():
        echo(NO_SERVER)
        return
    errors = mailer.send_all([mail for *_rest, mail in todo])
    now = clock.now()
    for (kind, user, items, mail), error in zip(todo, errors, strict=True):
        db.session.add(MailLog(at=now, day=on, kind=kind, user_id=user.id,
                               recipient=mail.recipient, subject=mail.subject,
                               items="\n".join(i.line for i in items),
                               status="failed" if error else "sent", error=error))
    db.session.commit()
    sent = errors.count("")
    echo(f"{sent} e-mail terkirim, {len(errors) - sent} gagal (dicoba lagi pada jalannya "
         "berikutnya).")


@click.command("remind")
@click.option("--dry-run", is_flag=True, help="Tampilkan apa yang akan dikirim, tanpa mengirim.")
@with_appcontext
def remind_command(dry_run: bool):
    """Send reminders of open items by e-mail and the weekly digest to admins."""
    run(dry_run)
