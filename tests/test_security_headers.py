"""Security headers on every route of the URL map, for visitors and logged-in users, and no
inline script in any template (the Content-Security-Policy would block it)."""
import re
from pathlib import Path

import pytest

from iku_web import create_app
from tests.conftest import login
from tests.test_permissions import _urls

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _get_routes():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "SECRET_KEY": "x"})
    return sorted((rule.endpoint, url) for rule in app.url_map.iter_rules()
                  if "GET" in rule.methods and rule.redirect_to is None  # old addresses
                  for url in _urls(rule))


GET_ROUTES = _get_routes()


def check_headers(response, logged_in: bool, url: str):
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'", url
    assert "unsafe-eval" not in csp and "unsafe-inline" not in directives["style-src"]
    assert directives["object-src"] == "'none'"
    if url.endswith("/pratinjau"):  # the evidence preview is framed by this site only
        assert directives["frame-ancestors"] == "'self'"
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
    else:
        assert directives["frame-ancestors"] == "'none'", url
        assert headers["X-Frame-Options"] == "DENY", url
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers  # plain HTTP here
    if logged_in and not url.startswith("/static/"):
        assert "no-store" in headers["Cache-Control"], url


@pytest.mark.parametrize(("endpoint", "url"), GET_ROUTES)
def test_every_route_sends_the_security_headers(client, endpoint, url):
    check_headers(client.get(url), False, url)
    login(client)
    check_headers(client.get(url), True, url)
    check_headers(client.get(url, headers={"HX-Request": "true"}), True, url)


def test_hsts_is_sent_over_https(client):
    response = client.get("/barito-selatan/2023/iku", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_behind_a_proxy_the_client_address_and_https_are_taken_from_its_headers(tmp_path,
                                                                               migrated_db):
    from tests.conftest import demo_app

    app = demo_app(tmp_path, migrated_db, [])
    app.config["PROXY_COUNT"] = 1
    from iku_web import security
    security.init_app(app)
    response = app.test_client().get("/barito-selatan"
                                     "/2023/iku", headers={"X-Forwarded-Proto": "https",
                                                           "X-Forwarded-For": "10.2.3.4"})
    assert "Strict-Transport-Security" in response.headers


def test_the_print_preview_style_carries_the_nonce_of_its_response(client):
    response = client.get("/barito-selatan/2023/laporan/iku.html")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in response.text


INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")),
                         ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_has_inline_script(path):
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to static/js/"
    assert not INLINE_HANDLER.search(text), "inline event handler: use static/js/ or hx-*"
    assert "hx-on" not in text and "javascript:" not in text.lower()
