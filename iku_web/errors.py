"""One error page for every HTTP error, and a readable answer to an expired CSRF token."""
from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .htmx import is_htmx

MESSAGES = {
    400: "Permintaan tidak valid.",
    403: "Anda tidak memiliki hak untuk tindakan ini.",
    404: "Halaman tidak ditemukan.",
    405: "Metode tidak diizinkan.",
    413: "Berkas terlalu besar.",
    500: "Terjadi kesalahan pada server.",
}
CSRF_MESSAGE = (
    "Sesi formulir telah kedaluwarsa atau tidak valid. Muat ulang halaman lalu coba lagi."
)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)

    @app.after_request
    def _vary(response):
        # The same URL answers with a page or a fragment depending on HX-Request.
        response.vary.add("HX-Request")
        return response


def _render(code: int, message: str):
    if is_htmx():
        # app.js shows this text in the page-wide alert: htmx 2 does not swap error responses.
        return message, code, {"Content-Type": "text/plain; charset=utf-8"}
    return render_template("error.html", code=code, message=message), code


def _csrf_error(_error: CSRFError):
    return _render(400, CSRF_MESSAGE)


def _http_error(error: HTTPException):
    return _render(error.code or 500, MESSAGES.get(error.code or 500, error.description or ""))
