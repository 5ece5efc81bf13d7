"""The API's error answers: JSON with an Indonesian message, never the login redirect or the
HTML error page a browser gets (docs/api.md, "Kesalahan")."""
from flask import g, jsonify, request

API_PATH = "/api/"
LOGIN_MESSAGE = ("Autentikasi diperlukan: kirim token API pada header "
                 "\"Authorization: Bearer <token>\", atau masuk terlebih dahulu.")
MESSAGES = {
    403: "Anda tidak memiliki hak untuk membaca data ini.",
    404: "Tidak ditemukan.",
    405: "Metode tidak diizinkan: API ini hanya untuk dibaca (GET).",
}


def is_api_request() -> bool:
    return request.path.startswith(API_PATH)


def error(code: int, message: str, **headers):
    response = jsonify({"error": {"status": code, "message": message}})
    response.status_code = code
    response.headers.update(headers)
    return response


def unauthorized():
    """401 for a request without a usable session or token; the token's fault when it had one."""
    message = g.get("api_token_error") or LOGIN_MESSAGE
    challenge = 'Bearer realm="iku-web"'
    if g.get("api_token_error"):
        challenge += ', error="invalid_token"'
    return error(401, message, **{"WWW-Authenticate": challenge})
