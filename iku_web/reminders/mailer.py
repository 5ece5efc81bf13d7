"""Sending e-mail with the standard library's smtplib.

Why not Flask-Mail: it is a thin wrapper over smtplib that would add a dependency, and the
reminder command needs exactly what smtplib gives directly: one connection for a run, the
error of each message to write in the mail log, and a connection failure reported instead of
raised in the middle of a loop.
"""
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app

TIMEOUT = 30


@dataclass(frozen=True)
class Mail:
    recipient: str
    subject: str
    body: str


def configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def sender() -> str:
    config = current_app.config
    return config.get("MAIL_DEFAULT_SENDER") or config.get("MAIL_USERNAME") or \
        "iku-web@localhost"


def _message(mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender()
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="iku-web")
    message.set_content(mail.body)
    return message


def _connect() -> smtplib.SMTP:
    config = current_app.config
    host = config["MAIL_SERVER"]
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(host, config.get("MAIL_PORT") or 465, timeout=TIMEOUT,
                                context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, config.get("MAIL_PORT") or 25, timeout=TIMEOUT)
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
    if config.get("MAIL_USERNAME"):
        smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
    return smtp


def send_all(mails: list[Mail]) -> list[str]:
    """Send every mail over one connection; the error text of each ("" when sent). A server
    that cannot be reached fails every mail with the same error."""
    if not mails:
        return []
    try:
        smtp = _connect()
    except (OSError, smtplib.SMTPException) as exc:
        return [f"{type(exc).__name__}: {exc}"] * len(mails)
    errors = []
    try:
        for mail in mails:
            try:
                smtp.send_message(_message(mail))
                errors.append("")
            except (OSError, smtplib.SMTPException) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return errors
