"""The browser tests' own server: what a page load asks of it."""
import logging

from tests.browser.conftest import browser_login


def test_a_reload_asks_the_server_for_the_page_only(live_server, page, caplog):
    """Static files come from the browser's cache after the first page load: a reload that
    revalidated all eight needed eight more connections to the test server, and three of them
    once waited 30 s (docs/testing.md, "The reload that waited 30 s")."""
    browser_login(page, live_server.url)
    caplog.set_level(logging.INFO, logger="werkzeug")  # the server logs every request it answers
    caplog.clear()
    page.reload()
    asked = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any("GET /barito-selatan/2023/iku " in line for line in asked), asked
    assert not [line for line in asked if "/static/" in line]
