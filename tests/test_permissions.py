"""Every route of the URL map: anonymous users change nothing, and no POST passes without CSRF.

The URLs are built from the app's own URL map, so a route added later is covered without
editing this file.
"""
import hashlib
import sqlite3

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from iku_web import create_app
from tests.conftest import csrf_token, login

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _urls(rule) -> list[str]:
    """One URL per choice of an `any(...)` part; 2023 for a year, 1 for other numbers."""
    variants = [{}]
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            options = sorted(converter.items)
        elif isinstance(converter, IntegerConverter):
            options = [2023 if name in ("year", "tahun") else 1]
        else:
            options = ["x"]
        variants = [{**v, name: option} for v in variants for option in options]
    return [rule.build(values, append_unknown=False)[1] for values in variants]


def _state_changing_routes():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "SECRET_KEY": "x"})
    return sorted(
        (rule.endpoint, method, url)
        for rule in app.url_map.iter_rules() if rule.endpoint != "static"
        for method in sorted(rule.methods & STATE_CHANGING)
        for url in _urls(rule)
    )


ROUTES = _state_changing_routes()
# Logging in is the one POST an anonymous visitor may make.
ANONYMOUS_ALLOWED = {"auth.login", "auth.logout"}
# The public check of a paper copy: an upload compared and forgotten; an unknown code is
# counted against the client (the throttle), which is the one row it writes.
ANONYMOUS_ALLOWED.add("documents.check")


def database_fingerprint(app) -> str:
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def uploads_listing(app) -> list[str]:
    from pathlib import Path

    return sorted(str(p) for p in Path(app.config["UPLOAD_DIR"]).rglob("*"))


def test_the_map_has_state_changing_routes():
    endpoints = {endpoint for endpoint, _method, _url in ROUTES}
    assert {"indicators.update", "indicators.delete", "admin.profile"} <= endpoints


@pytest.mark.parametrize(("endpoint", "method", "url"), ROUTES)
def test_anonymous_cannot_change_anything(client, app, endpoint, method, url):
    if endpoint in ANONYMOUS_ALLOWED:
        pytest.skip("logging in and out is for anonymous visitors")
    token = csrf_token(client)
    before, files = database_fingerprint(app), uploads_listing(app)
    for headers in ({"X-CSRFToken": token}, {"X-CSRFToken": token, "HX-Request": "true"}):
        response = client.open(url, method=method, data={"csrf_token": token}, headers=headers)
        refused = response.status_code in (401, 403, 404, 405) or (
            response.status_code == 302 and "/masuk" in response.headers["Location"]) or (
            response.status_code == 204 and "/masuk" in response.headers.get("HX-Redirect", ""))
        assert refused, f"{method} {url} answered {response.status_code} to an anonymous user"
    assert database_fingerprint(app) == before
    assert uploads_listing(app) == files


@pytest.mark.parametrize(("endpoint", "method", "url"), ROUTES)
def test_post_without_csrf_token_is_refused(client, app, endpoint, method, url):
    login(client)
    before = database_fingerprint(app)
    response = client.open(url, method=method, data={"name": "x"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "Sesi formulir telah kedaluwarsa" in response.text
    assert database_fingerprint(app) == before
