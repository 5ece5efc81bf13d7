"""IKU Web: key performance indicators (IKU) of an Indonesian government office."""
from pathlib import Path

from flask import Flask

from . import database  # noqa: F401  (registers the SQLite connection listeners)
from .config import from_environment
from .extensions import csrf, db, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    instance = Path(test_config.get("INSTANCE_PATH", app.instance_path)) if test_config else Path(
        app.instance_path
    )
    app.config.from_mapping(from_environment(instance))
    app.config.from_pyfile(str(instance / "config.py"), silent=True)
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.config["UPLOAD_DIR"]).mkdir(parents=True, exist_ok=True)

    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_errorhandlers(app)
    register_commands(app)
    register_security(app)
    register_scope(app)
    return app


def register_extensions(app: Flask) -> None:
    database.configure_engine(app)  # PostgreSQL: bounded lock wait
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)


def register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .anggaran import bp as budget_bp
    from .auth import bp as auth_bp
    from .dashboard import bp as dashboard_bp
    from .evidence import bp as evidence_bp
    from .flow import bp as flow_bp
    from .guide import bp as guide_bp
    from .indicators import bp as indicators_bp
    from .issued import bp as issued_bp
    from .lke import bp as lke_bp
    from .lkjip import bp as lkjip_bp
    from .monitoring import bp as monitoring_bp
    from .realisasi import bp as realisasi_bp
    from .reminders import bp as reminders_bp
    from .reports import bp as reports_bp
    from .review import bp as review_bp
    from .sakip import bp as sakip_bp

    for bp in (auth_bp, indicators_bp, admin_bp, realisasi_bp, evidence_bp, reports_bp,
               monitoring_bp, review_bp, issued_bp, sakip_bp, budget_bp, lkjip_bp,
               dashboard_bp, lke_bp, guide_bp, flow_bp):
        app.register_blueprint(bp)
    app.register_blueprint(reminders_bp)
    from .audit import bp as audit_bp
    app.register_blueprint(audit_bp)
    from .units import bp as units_bp
    app.register_blueprint(units_bp)
    from .rollup.routes import bp as rollup_bp
    app.register_blueprint(rollup_bp)


def register_template_helpers(app: Flask) -> None:
    from . import templating

    templating.init_app(app)


def register_errorhandlers(app: Flask) -> None:
    from . import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from . import commands

    commands.init_app(app)


def register_scope(app: Flask) -> None:
    from . import scope

    scope.init_app(app)  # last: it moves the unit's routes under /<kode>


def register_security(app: Flask) -> None:
    from . import security

    security.init_app(app)
