"""IKU_TEST_DATABASE=postgresql: the whole HTTP suite on PostgreSQL.

Each test worker starts one throw-away cluster (tests/pg.py) the first time a test app is made,
migrates a template database once, and gives every test folder its own database copied from
that template (CREATE DATABASE ... TEMPLATE, fast). A folder asked for again (an app
"restarted" on the same data) gets the same database. Old databases are dropped as tests go,
so a run keeps a bounded number of them.
"""
import atexit
import itertools
import os
from pathlib import Path

ENABLED = os.environ.get("IKU_TEST_DATABASE", "").lower() in ("postgresql", "postgres", "pg")
KEEP = 12  # the newest databases of this worker that stay (a test uses at most a few)

_state: dict = {}
_counter = itertools.count(1)


def _cluster():
    if "cluster" not in _state:
        from flask_migrate import upgrade

        from iku_web import create_app
        from iku_web.extensions import db
        from tests.pg import Cluster

        cluster = Cluster()
        cluster.start()
        atexit.register(cluster.stop)
        url = cluster.create_database("iku_template")
        app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url,
                          "INSTANCE_PATH": str(cluster.base / "instance"),
                          "UPLOAD_DIR": str(cluster.base / "uploads")})
        with app.app_context():
            upgrade()
            db.engine.dispose()
        _state.update(cluster=cluster, urls={}, order=[], protected=set())
    return _state["cluster"]


def _url(cluster, name: str) -> str:
    return f"postgresql://postgres@/{name}?host={cluster.sock}&port={cluster.port}"


def _sql(cluster, statement: str) -> None:
    from tests.pg import pg_bin

    cluster.run(pg_bin("psql"), "-h", str(cluster.sock), "-p", str(cluster.port), "-U",
                "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", statement)


def database_for(instance: Path, template: str = "iku_template") -> str:
    """The database of this test folder (made from `template` the first time)."""
    cluster = _cluster()
    key = str(Path(instance).resolve())
    if key not in _state["urls"]:
        name = f"t{os.getpid()}_{next(_counter)}"
        _sql(cluster, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        _state["urls"][key] = (name, _url(cluster, name))
        _state["order"].append(key)
        _drop_old(cluster)
    return _state["urls"][key][1]


def clone(source_instance: Path, target_instance: Path) -> str:
    """A copy of the database of another test folder (its connections must be closed)."""
    source = _state["urls"][str(Path(source_instance).resolve())][0]
    _state["protected"].add(str(Path(source_instance).resolve()))
    return database_for(target_instance, template=source)


def _drop_old(cluster) -> None:
    order = _state["order"]
    while len(order) > KEEP:
        candidates = [k for k in order[:-KEEP] if k not in _state["protected"]]
        if not candidates:
            return
        key = candidates[0]
        order.remove(key)
        name, _url_ = _state["urls"].pop(key)
        _sql(cluster, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
