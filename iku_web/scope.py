"""The unit and year a request works in, resolved once, in one place. See docs/units.md.

Every page of a unit lives under its code: `/<kode>/<tahun>/iku`, `/<kode>/dokumen`, ... The
blueprints keep declaring today's paths (`/<int:year>/iku`); `init_app` moves the unit's paths
under `/<kode>` once every blueprint is registered, and keeps each old path as a redirect (308)
to the same page of the default unit, so bookmarks and printed QR codes still resolve. The
view functions never see `kode`: it is taken out of the URL values here (g.unit) and put back
into every url_for from g.unit.
"""
import sqlalchemy as sa
from flask import Flask, abort, current_app, g
from flask_login import current_user
from sqlalchemy.orm import aliased
from werkzeug.routing import BaseConverter, Rule

from .access import can, current_unit
from .extensions import db
from .models import (
    Evidence,
    Indicator,
    IssuedDocument,
    PastRealisasi,
    Program,
    Renstra,
    Sasaran,
    Signer,
    Unit,
    Year,
)

# Paths of a unit's pages (prefixes as the blueprints write them) ...
UNIT_PATHS = ("/<int:year>/", "/dokumen", "/renstra", "/riwayat", "/pantauan", "/saya",
              "/tahun", "/pengguna", "/pengaturan", "/bukti/", "/pindah-tahun")
# ... except these, which are the install's.
INSTALL_PATHS = ("/pengguna/log-masuk", "/pengaturan/capaian", "/pengaturan/bukti",
                 "/pengaturan/logo", "/pengaturan/log-email", "/dokumen/alamat")


PREFIX = "/<unit:kode>"
# The read API names the unit after its version: /api/v1/<kode>/<tahun>/... (docs/api.md).
API_PREFIX = "/api/v1"


class UnitCodeConverter(BaseConverter):
    """A unit code: lower-case letters, digits and dashes, with at least one letter or dash
    (so that a year is never read as a unit)."""

    regex = r"[a-z0-9-]*[a-z-][a-z0-9-]*"


def default_unit() -> Unit:
    """The oldest unit: the office the install was made for (docs/units.md)."""
    return db.session.scalars(sa.select(Unit).order_by(Unit.id).limit(1)).one()


def is_unit_path(path: str) -> bool:
    if path.startswith(API_PREFIX + "/"):
        return is_unit_path(path.removeprefix(API_PREFIX))
    if path.startswith(INSTALL_PATHS):
        return False
    return path.startswith(UNIT_PATHS) or path in {p.rstrip("/") for p in UNIT_PATHS}


def unit_rule(path: str) -> str:
    """The path of a unit's page with the unit's code in it: before the page's own path,
    or after the version of the API."""
    if path.startswith(API_PREFIX + "/"):
        return API_PREFIX + PREFIX + path.removeprefix(API_PREFIX)
    return PREFIX + path


def init_app(app: Flask) -> None:
    """Call after every blueprint is registered."""
    app.url_map.converters["unit"] = UnitCodeConverter
    _move_unit_rules(app)
    app.url_value_preprocessor(_pull_unit)
    app.url_defaults(_add_unit)
    app.before_request(_refuse_strangers)


def _move_unit_rules(app: Flask) -> None:
    """Rebuild the URL map with the unit's rules under /<kode> and their old paths as
    redirects (werkzeug cannot take a rule out of a map)."""
    old = app.url_map
    new = app.url_map_class(host_matching=old.host_matching, strict_slashes=old.strict_slashes,
                            merge_slashes=old.merge_slashes,
                            redirect_defaults=old.redirect_defaults)
    new.converters = dict(old.converters)
    legacy, endpoints = [], set()
    for rule in old.iter_rules():
        options = dict(rule.get_empty_kwargs())
        if is_unit_path(rule.rule):
            endpoints.add(rule.endpoint)
            new.add(Rule(unit_rule(rule.rule), **options))
            options.update(endpoint=f"legacy:{rule.endpoint}",
                           redirect_to=_to_default_unit(rule.endpoint))
            legacy.append(Rule(rule.rule, **options))
        else:
            new.add(Rule(rule.rule, **options))
    for rule in legacy:
        new.add(rule)
    app.url_map = new
    app.extensions["unit_endpoints"] = frozenset(endpoints)


def _to_default_unit(endpoint: str):
    def target(adapter, **values) -> str:
        url = adapter.build(endpoint, {**values, "kode": default_unit().code},
                            append_unknown=False)
        query = adapter.query_args
        if isinstance(query, bytes):
            query = query.decode("latin-1")
        return f"{url}?{query}" if query and isinstance(query, str) else url

    return target


def _pull_unit(endpoint: str | None, values: dict | None) -> None:
    """Take the unit's code out of the URL; it is resolved once the user is known
    (_resolve_unit), from the user's own roles when it is one of their units."""
    if values and endpoint in current_app.extensions["unit_endpoints"]:
        g.unit_code = values.pop("kode")


def unit_count_column():
    """How many units the install has, as a column to read along with another query."""
    every = aliased(Unit)
    return sa.select(sa.func.count(every.id)).scalar_subquery()


def _resolve_unit() -> None:
    code = g.pop("unit_code")
    if current_user.is_authenticated:  # its roles and their units came with the session
        g.unit = next((m.unit for m in current_user.memberships if m.unit.code == code), None)
    if g.get("unit") is None or "unit_count" not in g:
        found = db.session.execute(sa.select(Unit, unit_count_column())
                                   .where(Unit.code == code)).first()
        if found is None:
            abort(404)
        g.unit, g.unit_count = found
    g.unit_from_url = True


def _add_unit(endpoint: str, values: dict) -> None:
    if "kode" not in values and endpoint in current_app.extensions["unit_endpoints"]:
        values["kode"] = current_unit().code


def _refuse_strangers():
    """A signed-in user who may not read the unit of the URL gets 404 on all its pages
    (reads and writes alike: they do not learn that it exists). Anonymous visitors read a
    unit's public pages only in an install of one unit (as before units existed); with
    several, they log in first, or logging out would show what a sibling may not see."""
    if "unit_code" not in g:
        return None
    _resolve_unit()
    if current_user.is_authenticated:
        if not can(current_user, "read", g.unit):
            abort(404)
        return None
    if g.unit_count > 1:
        from .guards import login_needed
        return login_needed()
    return None


def get_year(year: int) -> Year:
    """The Year `year` of the current unit, or 404; looked up once per request."""
    cached = g.get("year")
    if cached is not None and cached.year == year and cached.unit_id == current_unit().id:
        return cached
    g.year = db.first_or_404(sa.select(Year).where(Year.unit_id == current_unit().id,
                                                   Year.year == year))
    return g.year


def latest_year() -> int | None:
    """The current unit's most recent year that has indicators, else its most recent year."""
    unit_id = current_unit().id
    with_data = db.session.scalar(
        sa.select(sa.func.max(Year.year)).join(Indicator, Indicator.year_id == Year.id)
        .where(Year.unit_id == unit_id))
    return with_data or db.session.scalar(
        sa.select(sa.func.max(Year.year)).where(Year.unit_id == unit_id))


def year_path(year: int) -> str:
    """The path every page of a year of the current unit starts with ("/barito-selatan/2023"):
    for the writers that build many links by hand for speed (realisasi table, dashboard)."""
    return f"/{current_unit().code}/{year}"


# How each model reaches its unit: the joins from the model, and the unit column.
_YEAR_SCOPED = (Indicator, IssuedDocument, Program, Sasaran, Signer)
_INDICATOR_SCOPED = (Evidence, PastRealisasi)


def unit_clause(model, query):
    """`query` (a select of `model`) limited to the rows of the current unit."""
    unit_id = current_unit().id
    if model is Renstra:
        return query.where(Renstra.unit_id == unit_id)
    if model in _INDICATOR_SCOPED:
        query = query.join(Indicator, Indicator.id == model.indicator_id)
        return query.join(Year, Year.id == Indicator.year_id).where(Year.unit_id == unit_id)
    if model in _YEAR_SCOPED:
        return query.join(Year, Year.id == model.year_id).where(Year.unit_id == unit_id)
    raise TypeError(f"{model.__name__} is not unit-scoped")


def scoped_or_404(model, object_id: int):
    """The row of `model` with that id if it belongs to the current unit, else 404: the one
    lookup by id of everything a unit owns (in the spirit of flaskr's get_post)."""
    return db.first_or_404(unit_clause(model, sa.select(model).where(model.id == object_id)))
