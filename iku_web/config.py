"""Configuration read from the environment, with instance/ as the home of local state."""
import os
import secrets
from pathlib import Path


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into instance/ (never in git)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def from_environment(instance_path: Path) -> dict:
    instance_path.mkdir(parents=True, exist_ok=True)
    default_db = "sqlite:///" + str(instance_path / "iku.sqlite3")
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _normalise_db_url(os.environ.get("DATABASE_URL", default_db)),
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR", str(instance_path / "uploads")),
        # Werkzeug refuses bodies above this before any view runs; the evidence view gives the
        # friendly message, so leave room above the largest configurable file limit.
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 210 * 1024 * 1024)),
        "WTF_CSRF_TIME_LIMIT": int(os.environ.get("WTF_CSRF_TIME_LIMIT", 8 * 3600)),
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", 8 * 60)),
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", 0)),
        # PostgreSQL: how long a statement waits for a lock before the user gets "coba lagi".
        "PG_LOCK_TIMEOUT_MS": int(os.environ.get("PG_LOCK_TIMEOUT_MS", 5000)),
        # TrueType font for the characters DejaVu Sans lacks in PDFs (reports/pdf_text.py);
        # empty: Debian's fonts-droid-fallback.
        "PDF_FALLBACK_FONT": os.environ.get("PDF_FALLBACK_FONT", ""),
        **_mail_settings(),
    }


def _mail_settings() -> dict:
    """SMTP for `flask remind`; without MAIL_SERVER no e-mail is sent (the command says so)."""
    env = os.environ.get
    return {
        "MAIL_SERVER": env("MAIL_SERVER", ""),
        "MAIL_PORT": int(env("MAIL_PORT") or 0),  # 0: 25, or 465 with MAIL_USE_SSL
        "MAIL_USE_TLS": env("MAIL_USE_TLS", "").lower() in ("1", "true", "yes"),
        "MAIL_USE_SSL": env("MAIL_USE_SSL", "").lower() in ("1", "true", "yes"),
        "MAIL_USERNAME": env("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env("MAIL_PASSWORD", ""),
        "MAIL_DEFAULT_SENDER": env("MAIL_DEFAULT_SENDER", ""),
        # Links in e-mails need the address people open the app at.
        "IKU_BASE_URL": env("IKU_BASE_URL", "").rstrip("/"),
    }


def _normalise_db_url(url: str) -> str:
    # Heroku-style URLs say postgres://, which SQLAlchemy 2 no longer accepts.
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://"):]
    return url
