"""Every route of the URL map: anonymous users change nothing, and no POST passes without CSRF.

The URLs are built from the app's own URL map, so a route added later is covered without
editing this file.
"""
import hashlib

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from iku_web import create_app
from iku_web.scope import UnitCodeConverter
from tests.conftest import csrf_token, login

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _urls(rule) -> list[str]:
    """One URL per choice of an `any(...)` part; 2023 for a year, 1 for other numbers."""
    variants = [{}]
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            options = sorted(converter.items)
        elif isinstance(converter, UnitCodeConverter):
            options = ["barito-selatan"]  # the demo's unit
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
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and rule.redirect_to is None  # old addresses: redirects
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
    """A hash of every row of every table (SQLite or PostgreSQL)."""
    import sqlalchemy as sa

    from iku_web.extensions import db

    digest = hashlib.sha256()
    with app.app_context():
        with db.engine.connect() as conn:
            for table in db.metadata.sorted_tables:
                rows = conn.execute(sa.select(table)).all()
                digest.update(repr((table.name, sorted(map(repr, rows)))).encode())
        db.engine.dispose()
    return digest.hexdigest()


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


# --- the permission matrix: every route x every role --------------------------------------
# Who may use each route. A new route must get one line here, or
# test_every_route_is_classified fails. Key: "endpoint" (all its methods) or
# "endpoint METHOD". Values are the names in RULES.
ACCESS = {
    "static": "public",
    "indicators.home": "public",
    "indicators.register": "public",
    "indicators.row": "public",
    "realisasi.page": "public",
    "realisasi.indicator": "public",
    "reports.index": "public",
    "reports.document_pdf": "public",
    "reports.document_preview": "public",
    "reports.document_xlsx": "public",
    "reports.logo": "public",
    "reports.closing_line": "public",
    "indicators.switch_year": "public",
    "auth.login": "public",
    "auth.logout": "public",
    "evidence.panel": "members",  # public only when the office allows it (off by default)
    "evidence.download": "members",
    "evidence.preview": "members",
    "monitoring.my_tasks": "members",
    "monitoring.overview": "members",
    "monitoring.overview_latest": "members",
    "realisasi.save": "editor",
    "realisasi.save_narrative": "editor",
    "evidence.upload": "editor",
    "evidence.delete": "editor",
    "review.submit": "editor",
    "review.index": "reviewer",
    "review.decide": "reviewer",
    "audit.index": "reviewer",
    "audit.export_csv": "reviewer",
    "review.approve_selected": "reviewer",
    "documents.check": "public",
    "documents.check_form": "public",
    "documents.register": "members",
    "documents.download": "members",
    "documents.issue": "admin",
    "documents.revoke": "admin",
    "documents.base_url": "admin",
    "reminders.deadline_settings": "admin",
    "reminders.mail_log": "admin",
    "reminders.notification_page": "members",
    "reminders.open_notification": "members",
    "reminders.read_all": "members",
    "budget.index": "public",
    "budget.export": "public",
    "budget.add": "admin",
    "budget.delete": "admin",
    "budget.edit": "admin",
    "budget.import_apply": "admin",
    "budget.import_preview": "admin",
    "budget.rule": "admin",
    "budget.save": "admin",
    "sasaran.add": "admin",
    "sasaran.delete": "admin",
    "sasaran.edit": "admin",
    "sasaran.index": "admin",
    "sasaran.move": "admin",
    "sasaran.past": "admin",
    "sasaran.past_add": "admin",
    "sasaran.past_delete": "admin",
    "sasaran.renstra": "admin",
    "sasaran.renstra_add_indicator": "admin",
    "sasaran.renstra_delete_indicator": "admin",
    "sasaran.renstra_edit_indicator": "admin",
    "sasaran.renstra_unlink_indicator": "admin",
    "sasaran.renstra_index": "admin",
    "sasaran.renstra_targets": "admin",
    "sasaran.renstra_update": "admin",
    "sasaran.reorder": "admin",
    "lkjip.page": "members",
    "flow.page": "members",
    "guide.page": "public",
    "guide.pdf": "public",
    "lkjip.docx": "members",
    "lkjip.pdf": "members",
    "lkjip.preview": "members",
    "lkjip.save_slot": "admin",
    "lkjip.issue": "admin",
    "dashboard.page": "public",
    "dashboard.pdf": "public",
    "admin.profile": "admin",
    "admin.user": "admin",
    "admin.users": "admin",
    "admin.grant": "admin",
    "admin.revoke": "admin",
    "auth.login_log": "admin",
    "evidence.settings_page": "admin",
    "indicators.create": "admin",
    "indicators.delete": "admin",
    "indicators.edit": "admin",
    "indicators.new_year": "admin",
    "indicators.reorder": "admin",
    "indicators.update": "admin",
    "admin.settings_index": "admin",
    "realisasi.capaian_settings": "admin",
    "realisasi.load_preset": "admin",
    "realisasi.save_targets": "admin",
    "reports.import_apply": "admin",
    "reports.import_form": "admin",
    "reports.import_preview": "admin",
    "reports.import_realisasi_apply": "admin",
    "reports.import_realisasi_form": "admin",
    "reports.import_realisasi_preview": "admin",
    "reports.logo_delete": "admin",
    "reports.logo_upload": "admin",
    "reports.signer_create": "admin",
    "reports.signer_delete": "admin",
    "reports.signer_settings": "admin",
    "reports.signer_update": "admin",
    "lke.page": "members",
    "lke.xlsx": "members",
    "lke.pdf": "members",
    "lke.api": "members",
    "api.capaian_api": "public",  # as the Pengukuran it is made of
    "admin.tokens_page": "admin",
    "admin.token_revoke": "admin",
    "lke.check_mandiri": "lke_self",
    "lke.letter_mandiri": "lke_self",
    "lke.submit": "lke_self",
    "lke.check_evaluator": "reviewer",
    "lke.letter_evaluator": "reviewer",
    "lke.give_back": "reviewer",
    "lke.add_recommendation": "reviewer",
    "lke.follow_up": "lke_self",
    "lke.file_upload_mandiri": "lke_self",
    "lke.file_delete_mandiri": "lke_self",
    "lke.file_upload_evaluator": "reviewer",
    "lke.file_delete_evaluator": "reviewer",
    "lke.file_download": "members",
    # Install-wide: the install admin (in the matrix's one-unit install, its admin).
    "lke.criteria_sets": "admin",
    "lke.criteria_set": "admin",
    "lke.criteria_copy": "admin",
    "lke.criterion_update": "admin",
    "lke.criterion_retire": "admin",
    "lke.criterion_add": "admin",
    "units.index": "members",
    "units.edit": "admin",  # the install admin: in a single-unit install, its admins
    "units.delete": "admin",
    "units.switch": "members",
    "rollup_views.drilldown_xlsx": "members",
    "rollup_views.children": "public",  # a part of the dashboard
    "rollup_views.remind": "admin",
    "rollup.detail": "members",
    # The cascade, rule and per-office pages exist only for a unit with offices below it; the
    # matrix's install has one unit, so everyone is refused there (tests/test_rollup_pages.py
    # covers the parent's admin).
    "rollup.rule": "parent_admin",
    "rollup.cascade_view": "parent_admin",
    "rollup.children": "parent_admin",
}
ROLES = ("anonymous", "viewer", "staff_other", "staff_own", "verifier", "admin")
RULES = {
    "public": set(ROLES),
    "members": set(ROLES) - {"anonymous"},
    "editor": {"staff_own", "verifier", "admin"},
    "reviewer": {"verifier", "admin"},
    "admin": {"admin"},
    # The LKE's self-evaluation: every staff member and the admin (docs/lke.md).
    "lke_self": {"staff_other", "staff_own", "admin"},
    "parent_admin": set(),
}
MATRIX_PASSWORD = "matriks-rahasia-1"


def access_of(endpoint: str, method: str) -> str | None:
    return ACCESS.get(f"{endpoint} {method}", ACCESS.get(endpoint))


def _all_routes():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "SECRET_KEY": "x"})
    return sorted(
        (rule.endpoint, method, url)
        for rule in app.url_map.iter_rules() if rule.redirect_to is None
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
        for url in (_urls(rule) if rule.endpoint != "static" else ["/static/css/app.css"]))


ALL_ROUTES = _all_routes()


def test_every_route_is_classified():
    missing = sorted({f"{e} {m}" for e, m, _u in ALL_ROUTES if access_of(e, m) not in RULES})
    assert not missing, f"add these to ACCESS in tests/test_permissions.py: {missing}"


@pytest.fixture(scope="session")
def matrix_template(tmp_path_factory, migrated_db):
    """Built once: demo data, one account per role; indicator 1 belongs to staff_own and has
    one evidence file (id 1) in TW I. Each test gets a copy of the folder."""
    import sqlalchemy as sa

    from iku_web.extensions import db
    from iku_web.models import Indicator, User
    from tests import evidence_samples as samples
    from tests.conftest import demo_app

    folder = tmp_path_factory.mktemp("matrix")
    app = demo_app(folder, migrated_db, [(role, role.split("_")[0], MATRIX_PASSWORD)
                                         for role in ROLES[1:]])
    with app.app_context():
        owner = db.session.scalar(sa.select(User.id).where(User.username == "staff_own"))
        db.session.get(Indicator, 1).pic_user_id = owner
        db.session.commit()
    client = app.test_client()
    login(client, "admin", MATRIX_PASSWORD)
    client.token = csrf_token(client)
    assert samples.upload(client, 1, [(samples.pdf(), "bukti.pdf")]).status_code == 200
    with app.app_context():
        db.engine.dispose()
    return folder


@pytest.fixture
def matrix_app(tmp_path, matrix_template):
    import shutil

    from iku_web.extensions import db
    from tests import pg_mode
    from tests.conftest import make_app

    shutil.copytree(matrix_template, tmp_path, dirs_exist_ok=True)
    if pg_mode.ENABLED:
        pg_mode.clone(matrix_template, tmp_path)
    app = make_app(tmp_path)
    yield app
    with app.app_context():
        db.engine.dispose()


def _answer_kind(response) -> str:
    """refused (401, 403, or sent to log in), error (5xx) or served."""
    location = response.headers.get("Location", "") + response.headers.get("HX-Redirect", "")
    if response.status_code in (401, 403) or (
            response.status_code in (302, 204) and "/masuk" in location):
        return "refused"
    return "error" if response.status_code >= 500 else "served"


@pytest.mark.parametrize(("endpoint", "method", "url"), ALL_ROUTES)
def test_permission_matrix(matrix_app, endpoint, method, url):
    """Each role gets the answer its class says; the roles that may use the route go last
    (their requests may change or delete what the URL names)."""
    allowed = RULES[access_of(endpoint, method)]
    answers = {}
    for role in sorted(ROLES, key=lambda r: r in allowed):
        client = matrix_app.test_client()
        if role != "anonymous":
            assert login(client, role, MATRIX_PASSWORD).status_code == 302
        token = csrf_token(client)
        # Pages as a browser opens them, changes as htmx sends them.
        headers = {"X-CSRFToken": token} | ({} if method == "GET" else {"HX-Request": "true"})
        response = client.open(url, method=method, data={"csrf_token": token}, headers=headers)
        answers[role] = _answer_kind(response)
        response.close()  # file answers keep their file open until closed
    expected = {role: "served" if role in allowed else "refused" for role in ROLES}
    assert answers == expected, f"{method} {url}"
