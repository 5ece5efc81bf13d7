"""Playwright against a live server in a thread, with Debian's Chromium (no browser download)."""
import re
import shutil
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from iku_web.extensions import db
from tests.browser import server_log
from tests.conftest import ADMIN_PASSWORD, demo_app

# CI machines are shared and slow at times: a save that takes 6 s there is late, not wrong.
expect.set_options(timeout=15_000)

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# When a page navigates away while the live server still sends it a static file, Werkzeug's
# development server leaves that file to the garbage collector; the warning lands in whichever
# browser test runs then. It is the test server's doing, not the app's, and only for static/.
STATIC_FILE_LEFT_OPEN = (
    r"ignore:unclosed file <_io\.BufferedReader name='[^']*/static/:ResourceWarning",
    r"ignore:Exception ignored in. <_io\.(FileIO|BufferedReader) name='[^']*/static/"
    r":pytest.PytestUnraisableExceptionWarning",
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.path.parts:
            for rule in STATIC_FILE_LEFT_OPEN:
                item.add_marker(pytest.mark.filterwarnings(rule))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, worker_id):
    args = CHROMIUM_ARGS
    if server_log.ENABLED:
        server_log.ROOT.mkdir(parents=True, exist_ok=True)
        args = [*args, f"--log-net-log={server_log.ROOT / f'chromium-{worker_id}.json'}",
                "--net-log-capture-mode=IncludeSensitive"]
    return {**browser_type_launch_args, "executable_path": shutil.which("chromium")
            or "/usr/bin/chromium", "args": args}


# How long the browser may reuse a static file without asking the server again (Flask's
# default, no-cache, makes every page load revalidate all of them). See docs/testing.md,
# "The reload that waited 30 s": each revalidation costs the test server a new connection.
STATIC_MAX_AGE = 3600


@pytest.fixture
def live_server(tmp_path, migrated_db, request):
    """The app on 127.0.0.1:<free port> with its own copy of the migrated database."""
    app = demo_app(tmp_path, migrated_db, [("admin", "admin", ADMIN_PASSWORD)])
    # Each test has a new browser context, so its first page load still fetches every static
    # file; the later ones ask the server for the page only.
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = STATIC_MAX_AGE
    event_log = server_log.ServerLog(request.node.nodeid) if server_log.ENABLED else None
    if event_log:
        server = make_server("127.0.0.1", 0, server_log.LoggedApp(app, event_log),
                             threaded=True, request_handler=server_log.LoggingHandler)
        server.event_log = event_log
        event_log.watch(server.server_port)
    else:
        server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    thread.join()
    if event_log:
        event_log.close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def page(page):
    """pytest-playwright's page, refusing native dialogs: the browser may close a native
    confirm by itself (a frame of the page navigating), so every question is the page's own
    <dialog>. A native one is dismissed and fails the test."""
    native = []

    def refuse(dialog):
        native.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", refuse)
    yield page
    assert native == [], f"native browser dialogs: {native}"


def browser_login(page, base_url: str, username: str = "admin", password: str = ADMIN_PASSWORD,
                  landing: str = "/barito-selatan/2023/iku"):
    """Log in through the form and wait for the page the user lands on."""
    page.goto(f"{base_url}/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}{landing}")


def answer_confirm(page, question: str, yes: bool = True):
    """Answer the page's own confirmation (a <dialog>, static/js/app.js) once it shows
    `question`: "Ya, lanjutkan" or "Batal"."""
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_text(re.compile(re.escape(question)))
    dialog.get_by_role("button", name="Ya, lanjutkan" if yes else "Batal").click()
    expect(dialog).to_be_hidden()


def menu_go(page, group: str, entry: str | None = None):
    """Open a page from the top menu as a person does: the menu button first on a narrow
    screen, then the group's label and the entry in it (or the group when it is one link)."""
    menu = page.locator("#main-menu")
    button = page.get_by_role("button", name="Buka/tutup menu")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()
    if entry is None:
        menu.locator("#menu-entries > li > a", has_text=group).click()
        return
    details = menu.locator("details.nav-group").filter(
        has=page.locator("summary", has_text=group))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    details.get_by_role("link", name=entry).click()
