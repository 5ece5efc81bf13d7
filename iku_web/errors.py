"""One error page for every HTTP error, and a readable answer to an expired CSRF token."""
from flask import Flask, current_app, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from .database import lock_wait_expired
from .htmx import is_htmx

MESSAGES = {
    400: "Permintaan tidak valid.",
    403: "Anda tidak memiliki hak untuk tindakan ini.",
    404: "Halaman tidak ditemukan.",
    405: "Metode tidak diizinkan.",
    413: "Berkas terlalu besar.",
    500: "Terjadi kesalahan pada server.",
}
BUSY_MESSAGE = (
    "Basis data sedang sibuk melayani pengguna lain. Perubahan Anda belum disimpan; "
    "coba lagi sebentar lagi."
)
# A read waits for a lock only behind a table lock (a migration on PostgreSQL): nothing was
# being changed, so there is nothing "not saved" to report.
BUSY_READ_MESSAGE = (
    "Basis data sedang sibuk melayani pengguna lain. Muat ulang halaman ini sebentar lagi."
)
CSRF_MESSAGE = (
    "Sesi formulir telah kedaluwarsa atau tidak valid. Muat ulang halaman lalu coba lagi."
)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_busy)

    @app.after_request
    def _vary(response):
        # The same URL answers with a page or a fragment depending on HX-Request.
        response.vary.add("HX-Request")
        return response


def _render(code: int, message: str):
    from .api import answers

    if answers.is_api_request():
        return answers.error(code, answers.MESSAGES.get(code, message))
    if is_htmx():
        # app.js shows this text in the page-wide alert: htmx 2 does not swap error responses.
        return message, code, {"Content-Type": "text/plain; charset=utf-8"}
    return render_template("error.html", code=code, message=message), code


def _csrf_error(_error: CSRFError):
    return _render(400, CSRF_MESSAGE)


def _http_error(error: HTTPException):
    return _render(error.code or 500, MESSAGES.get(error.code or 500, error.description or ""))


def _database_busy(error: OperationalError):
    """A writer that waited the whole busy timeout for SQLite's write lock, or lock_timeout
    for a PostgreSQL lock (database.lock_wait_expired), is told to try again: nothing was
    saved, and it is not a bug."""
    from .extensions import db

    db.session.rollback()
    if not lock_wait_expired(error):
        raise error
    current_app.logger.warning("database busy: %s", error.orig)
    reading = request.method in ("GET", "HEAD")
    response = make_response(_render(503, BUSY_READ_MESSAGE if reading else BUSY_MESSAGE))
    response.headers["Retry-After"] = "2"
    return response
