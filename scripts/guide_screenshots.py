"""Screenshots of the user guide, made from the demo data: one command, run again when the
screens change.

    .venv/bin/python scripts/guide_screenshots.py

Starts IKU Web on a loopback port with a temporary database (migrations + the demo year, an
admin and a person in charge), opens each page in Debian's Chromium through Playwright at
1280 x 800 and writes static/panduan/<name>.png (JPEG was measured no smaller for these
screens of text, and blurred it), which docs/panduan/*.md show."""
import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from iku_web import create_app  # noqa: E402
from iku_web.extensions import db  # noqa: E402
from iku_web.models import Indicator, User  # noqa: E402
from iku_web.seed import load_demo  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.WARNING)

OUT = ROOT / "static" / "panduan"
PASSWORD = "panduan-contoh-123"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
# (file name, user, path): the screens the guide shows.
SHOTS = [
    ("masuk", None, "/masuk"),
    ("iku", "admin", "/2023/iku"),
    ("alur", "admin", "/2023/alur"),
    ("realisasi", "staf", "/2023/realisasi"),
    ("indikator", "staf", "/2023/indikator/1"),
    ("verifikasi", "admin", "/2023/verifikasi"),
    ("laporan", "admin", "/2023/laporan"),
    ("dasbor", "admin", "/2023/dasbor"),
]


def demo_app(instance: Path):
    app = create_app({"INSTANCE_PATH": str(instance), "SECRET_KEY": "panduan",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'iku.sqlite3'}",
                      "UPLOAD_DIR": str(instance / "uploads")})
    with app.app_context():
        upgrade()
        load_demo()
        for username, role, name in (("admin", "admin", "Perencanaan"),
                                     ("staf", "staff", "Budi Santoso")):
            user = User(username=username, role=role, full_name=name)
            user.set_password(PASSWORD)
            db.session.add(user)
        db.session.flush()
        for indicator in db.session.scalars(db.select(Indicator)):
            indicator.pic_user_id = user.id  # the person in charge of every demo indicator
        db.session.commit()
    return app


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("networkidle")


def main() -> None:
    instance = Path(tempfile.mkdtemp(prefix="iku-panduan-"))
    app = demo_app(instance)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium")
                                        or "/usr/bin/chromium", args=CHROMIUM_ARGS)
            pages = {}
            for name, user, path in SHOTS:
                if user not in pages:
                    pages[user] = browser.new_page(viewport={"width": 1280, "height": 800})
                    if user:
                        login(pages[user], base, user)
                page = pages[user]
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                target = OUT / f"{name}.png"
                page.screenshot(path=str(target))
                print(target)
            browser.close()
    finally:
        server.shutdown()
        with app.app_context():
            db.engine.dispose()
        shutil.rmtree(instance, ignore_errors=True)


if __name__ == "__main__":
    main()
