"""Security headers on every response, the proxy setting, and the CSP nonce.

The Content-Security-Policy allows scripts from this site only (no inline script, no eval),
styles from this site plus style attributes (templates colour category badges with them) and
<style> elements that carry this response's nonce (the HTML preview of the print documents).
"""
import secrets

from flask import Flask, current_app, g, request
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wsgi import LimitedStream

# Pages that the app itself shows in a frame (the evidence preview) may be framed by this
# site; nothing may be framed by another site.
FRAMED_BY_SELF = {"evidence.preview"}
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()")
HSTS = "max-age=31536000; includeSubDomains"
DRAIN_LIMIT = 64 * 1024 * 1024  # bytes read and dropped beyond MAX_CONTENT_LENGTH at most
CHUNK = 1024 * 1024


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str, frame_ancestors: str) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' 'nonce-{nonce}'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


def init_app(app: Flask) -> None:
    # Behind nginx/Apache, PROXY_COUNT=1 makes request.remote_addr the client's address (the
    # login throttle and the login log need it) and request.is_secure follow X-Forwarded-Proto.
    proxies = int(app.config.get("PROXY_COUNT", 0) or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.before_request(_load_user)
    app.after_request(_headers)
    app.after_request(_drain_body)


def _headers(response):
    framed_by_self = request.endpoint in FRAMED_BY_SELF
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(
        csp_nonce(), "'self'" if framed_by_self else "'none'"))
    headers.setdefault("X-Frame-Options", "SAMEORIGIN" if framed_by_self else "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static" and _logged_in():
        # Pages of a logged-in user must not stay in a shared browser's or proxy's cache.
        response.cache_control.no_store = True
        response.cache_control.private = True
        response.cache_control.public = False
        response.cache_control.max_age = None
        response.vary.add("Cookie")
    return response


def _load_user() -> None:
    """Check the session at the start of the request, before a view can take the database
    write lock (the session check may record activity on a connection of its own)."""
    if request.endpoint != "static":
        _logged_in()


def _drain_body(response):
    """Read what is left of the request body before answering.

    An answer sent before the body is read (a refused upload, a body over the limit) made the
    server close the connection while the browser was still sending: the browser then showed a
    connection reset instead of the answer. Bounded: beyond DRAIN_LIMIT the connection is
    closed as before.
    """
    length = request.content_length or 0
    if not length or length > DRAIN_LIMIT + (current_app.config.get("MAX_CONTENT_LENGTH") or 0):
        return response
    try:
        stream = request.stream
    except RequestEntityTooLarge:  # over MAX_CONTENT_LENGTH: nothing of it was read yet
        stream = LimitedStream(request.environ["wsgi.input"], length)
    try:
        while stream.read(CHUNK):
            pass
    except (OSError, ValueError, RequestEntityTooLarge):
        pass
    return response


def _logged_in() -> bool:
    try:
        return bool(current_user and current_user.is_authenticated)
    except Exception:  # noqa: BLE001  (an answer to a broken request still gets its headers)
        return False
