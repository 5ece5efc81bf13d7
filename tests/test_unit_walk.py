"""The permission walk: every route of the URL map, asked for Kapuas' data by a user of its
sibling Barito Selatan, by a user of their parent (the province), and by an anonymous visitor,
in every way a browser asks (page, htmx fragment, PDF, Excel, DOCX, CSV, evidence download):

- a sibling gets 404 for everything of Kapuas, reads and writes alike;
- the parent reads every page it may read and gets 403 for every write;
- an anonymous visitor of an install with several units is sent to log in;
- every old address (without the unit) redirects to the same page of the default unit;
and nothing of that changes a row or a file.
"""
import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from iku_web.scope import UnitCodeConverter
from tests.conftest import csrf_token, demo_app
from tests.test_permissions import uploads_listing
from tests.units_support import build_tree, signed_in

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# The pages of a unit the parent's verifier may open without being an admin there.
ADMIN_PAGES = {"admin.profile", "admin.user", "admin.users", "admin.settings_index",
               "budget.import_preview", "reports.import_form", "reports.import_realisasi_form",
               "reports.signer_settings", "reminders.deadline_settings", "indicators.new_year",
               "indicators.create", "indicators.edit", "sasaran.index", "sasaran.edit",
               "sasaran.past", "sasaran.renstra", "sasaran.renstra_index", "budget.edit",
               "sasaran.renstra_edit_indicator", "rollup.children"}
VERIFIER_PAGES = {"review.index", "audit.index", "audit.export_csv"}


def _ids(tree) -> dict:
    return {"indicator_id": tree.kapuas_indicator, "evidence_id": tree.kapuas_evidence,
            "doc_id": tree.kapuas_document, "signer_id": tree.kapuas_signer,
            "renstra_id": tree.kapuas_renstra, "program_id": tree.kapuas_program,
            "sasaran_id": tree.kapuas_sasaran, "past_id": tree.kapuas_past,
            "user_id": tree.kapuas_user, "year": 2023, "quarter": 1}


def _url(rule, ids: dict, code: str) -> str:
    if rule.endpoint == "indicators.switch_year":
        return f"/{code}/pindah-tahun?tahun=2023&dari=/{code}/2023/realisasi"
    values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, UnitCodeConverter):
            values[name] = code
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        elif isinstance(converter, IntegerConverter):
            values[name] = ids.get(name, 1)  # ids the tree does not make: 1 (refused first)
        else:
            values[name] = "kata_pengantar"  # the LKjIP slot
    return rule.build(values, append_unknown=False)[1]


@pytest.fixture(scope="module")
def walk(tmp_path_factory, migrated_db):
    app = demo_app(tmp_path_factory.mktemp("walk"), migrated_db, [])
    tree = build_tree(app)
    clients = {name: signed_in(app, name) for name in ("admin.barito-selatan",
                                                       "verifier.kalteng")}
    anonymous = app.test_client()
    anonymous.token = csrf_token(anonymous, "/masuk")
    clients["anonymous"] = anonymous
    app.walk_started = _fingerprint(app)
    return app, tree, clients


def _fingerprint(app):
    """Every row of every table but the sessions (whose last_seen moves as the walk goes)
    and every uploaded file."""
    import sqlalchemy as sa

    from iku_web.extensions import db

    with app.app_context(), db.engine.connect() as conn:
        rows = [(t.name, sorted(map(repr, conn.execute(sa.select(t)).all())))
                for t in db.metadata.sorted_tables if t.name != "user_session"]
    return rows, uploads_listing(app)


def _unit_rules():
    from iku_web import create_app
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "SECRET_KEY": "x"})
    return sorted((rule.rule, rule.endpoint, method) for rule in app.url_map.iter_rules()
                   if rule.rule.startswith("/<unit:kode>")
                   for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))


UNIT_RULES = _unit_rules()


def _rule(app, path, endpoint):
    return next(r for r in app.url_map.iter_rules() if r.rule == path and r.endpoint == endpoint)


def _ask(client, method, url, htmx):
    headers = {"X-CSRFToken": client.token} | ({"HX-Request": "true"} if htmx else {})
    response = client.open(url, method=method, data={"csrf_token": client.token},
                           headers=headers)
    response.close()
    return response


def test_the_walk_covers_every_kind_of_answer():
    endpoints = {endpoint for _p, endpoint, _m in UNIT_RULES}
    assert {"reports.document_pdf", "reports.document_xlsx", "lkjip.docx", "audit.export_csv",
            "evidence.download", "documents.download", "realisasi.save"} <= endpoints
    assert len(UNIT_RULES) > 90


@pytest.mark.parametrize(("path", "endpoint", "method"), UNIT_RULES)
def test_a_sibling_finds_nothing(walk, path, endpoint, method):
    app, tree, clients = walk
    url = _url(_rule(app, path, endpoint), _ids(tree), "kapuas")
    for htmx in (False, True):
        response = _ask(clients["admin.barito-selatan"], method, url, htmx)
        assert response.status_code == 404, f"{method} {url} htmx={htmx}"


@pytest.mark.parametrize(("path", "endpoint", "method"), UNIT_RULES)
def test_the_parent_reads_and_never_writes(walk, path, endpoint, method):
    app, tree, clients = walk
    url = _url(_rule(app, path, endpoint), _ids(tree), "kapuas")
    for htmx in (False, True):
        response = _ask(clients["verifier.kalteng"], method, url, htmx)
        if method in WRITES:
            assert response.status_code == 403, f"{method} {url} htmx={htmx}"
        elif endpoint in ADMIN_PAGES | VERIFIER_PAGES:
            assert response.status_code == 403, f"{method} {url} htmx={htmx}"
        else:
            assert response.status_code in (200, 204, 302), f"{method} {url} htmx={htmx}"
            assert "/masuk" not in response.headers.get("Location", "")


@pytest.mark.parametrize(("path", "endpoint", "method"), UNIT_RULES)
def test_anonymous_visitors_log_in_first(walk, path, endpoint, method):
    app, tree, clients = walk
    url = _url(_rule(app, path, endpoint), _ids(tree), "kapuas")
    response = _ask(clients["anonymous"], method, url, htmx=False)
    assert response.status_code == 302 and "/masuk" in response.headers["Location"], url
    response = _ask(clients["anonymous"], method, url, htmx=True)
    if method in WRITES:
        assert response.status_code == 401, url
    else:
        assert "/masuk" in response.headers.get("HX-Redirect", ""), url


@pytest.mark.parametrize(("path", "endpoint", "method"),
                         [r for r in UNIT_RULES if r[2] == "GET"])
def test_old_addresses_redirect_to_the_default_unit(walk, path, endpoint, method):
    app, tree, clients = walk
    rule = _rule(app, path, endpoint)
    new = _url(rule, _ids(tree), "barito-selatan")
    old = new.removeprefix("/barito-selatan")
    response = clients["anonymous"].get(old)
    assert response.status_code == 308, old
    assert response.headers["Location"].endswith(new), old


@pytest.mark.parametrize("path", [
    "/kapuas/2023/laporan/pengukuran.pdf", "/kapuas/2023/laporan/iku.xlsx",
    "/kapuas/2023/laporan/lkjip.docx", "/kapuas/2023/dasbor.pdf", "/kapuas/2023/anggaran.xlsx",
    "/kapuas/bukti/{evidence}/unduh", "/kapuas/dokumen/{document}.pdf",
])
def test_the_parent_downloads_the_documents(walk, path):
    app, tree, clients = walk
    url = path.format(evidence=tree.kapuas_evidence, document=tree.kapuas_document)
    response = clients["verifier.kalteng"].get(url)
    assert response.status_code == 200 and len(response.data) > 0, url
    response.close()


def test_the_walk_changed_nothing(walk):
    """Last in the file: no request of the walk wrote a row or a file."""
    app, _tree, _clients = walk
    assert _fingerprint(app) == app.walk_started
