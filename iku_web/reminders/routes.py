"""Deadlines (admin), the notification page and the e-mail log (admin)."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import DateField
from wtforms.validators import InputRequired

from .. import clock
from ..auth.permissions import admin_required, install_admin_required, signed_in
from ..changelog import log_change
from ..database import begin_write
from ..domain import QUARTERS
from ..extensions import db
from ..fields import Form
from ..formatting import format_date
from ..models import Deadline, MailLog, Notification
from ..scope import get_year
from . import bp, deadlines, mailer, notifications


class DeadlineForm(Form):
    tw1 = DateField("Triwulan I", validators=[InputRequired("Tanggal wajib diisi.")])
    tw2 = DateField("Triwulan II", validators=[InputRequired("Tanggal wajib diisi.")])
    tw3 = DateField("Triwulan III", validators=[InputRequired("Tanggal wajib diisi.")])
    tw4 = DateField("Triwulan IV", validators=[InputRequired("Tanggal wajib diisi.")])


def _date_errors(form: DeadlineForm) -> None:
    for q in QUARTERS:
        field = getattr(form, f"tw{q}")
        if field.raw_data and field.raw_data[0] and field.data is None:
            field.errors[:] = ["Tanggal tidak valid; pilih tanggal dari kalender."]


@bp.route("/<int:year>/tenggat", methods=["GET", "POST"])
@admin_required
def deadline_settings(year: int):
    """The reporting deadline of each quarter of a year (default: the 10th of the next
    month)."""
    year_obj = get_year(year)
    form = DeadlineForm()
    current = deadlines.of_year(year_obj)
    if form.validate_on_submit():
        begin_write(db.session())
        saved = {d.quarter: d for d in db.session.scalars(
            sa.select(Deadline).where(Deadline.year_id == year_obj.id))}
        for q in QUARTERS:
            new = getattr(form, f"tw{q}").data
            if new == current[q].date:
                continue
            log_change("deadline", f"tw{q}", format_date(current[q].date), format_date(new),
                       year=year_obj, quarter=q)
            if q in saved:
                saved[q].due = new
            else:
                db.session.add(Deadline(year_id=year_obj.id, quarter=q, due=new))
        db.session.commit()
        flash(f"Tenggat pelaporan TA {year} disimpan.", "success")
        return redirect(url_for(".deadline_settings", year=year))
    if form.is_submitted():
        _date_errors(form)
    else:
        for q in QUARTERS:
            getattr(form, f"tw{q}").data = current[q].date
    defaults = {q: format_date(deadlines.default_due(year, q)) for q in QUARTERS}
    return render_template("reminders/deadlines.html", year=year_obj, form=form,
                           current=current, defaults=defaults,
                           mail_configured=mailer.configured())


@bp.route("/notifikasi")
@signed_in
def notification_page():
    """The user's notifications, newest first, unread ones marked."""
    notifications.sync_deadlines(clock.today(), only_user_id=current_user.id)
    return render_template("reminders/notifications.html",
                           items=notifications.of_user(current_user.id))


@bp.route("/notifikasi/<int:notification_id>/buka", methods=["POST"])
@signed_in
def open_notification(notification_id: int):
    """Mark one notification read and go to the place to act."""
    notice = db.get_or_404(Notification, notification_id)
    if notice.user_id != current_user.id:
        abort(404)
    if notice.read_at is None:
        notice.read_at = clock.now()
        db.session.commit()
    link = notice.link if notice.link.startswith("/") and not notice.link.startswith("//") \
        else url_for(".notification_page")
    return redirect(link)


@bp.route("/notifikasi/baca-semua", methods=["POST"])
@signed_in
def read_all():
    """Mark every notification of the user read."""
    db.session.execute(sa.update(Notification).where(
        Notification.user_id == current_user.id, Notification.read_at.is_(None))
        .values(read_at=clock.now()))
    db.session.commit()
    flash("Semua notifikasi ditandai sudah dibaca.", "success")
    return redirect(url_for(".notification_page"))


@bp.route("/pengaturan/log-email")
@install_admin_required
def mail_log():
    """Every reminder and digest e-mail sent or failed, newest first."""
    rows = db.session.scalars(sa.select(MailLog).order_by(MailLog.at.desc(), MailLog.id.desc())
                              .limit(500)).all()
    return render_template("reminders/mail_log.html", rows=rows)
