"""Every page we serve is well-formed enough for htmx: unique ids, and every htmx request has
a target it can find."""
from html.parser import HTMLParser

import pytest

PAGES = ["/barito-selatan/2023/iku", "/barito-selatan/2023/profil", "/barito-selatan/tahun",
         "/barito-selatan/pengguna", "/barito-selatan/2023/iku/baru",
         "/barito-selatan/pengguna/1", "/barito-selatan/2023/realisasi",
         "/barito-selatan/2023/indikator/1", "/barito-selatan/2023/indikator/1/bukti",
         "/barito-selatan/2023/laporan", "/barito-selatan/2023/pantauan", "/barito-selatan/saya",
         "/barito-selatan/pengaturan", "/barito-selatan/2023/verifikasi",
         "/pengaturan/capaian", "/pengaturan/bukti", "/barito-selatan/pengaturan/penandatangan",
         "/barito-selatan/2023/laporan/impor", "/barito-selatan/2023/laporan/impor-realisasi",
         "/barito-selatan/2023/dasbor", "/barito-selatan/2023/lke",
         "/panduan"]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.htmx: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if any(k in attrs for k in ("hx-get", "hx-post")):
            self.htmx.append(attrs)


def lint(html: str) -> list[str]:
    parser = _Collector()
    parser.feed(html)
    problems = [f"duplicate id {i}" for i in set(parser.ids) if parser.ids.count(i) > 1]
    for attrs in parser.htmx:
        target = attrs.get("hx-target", "")
        if target.startswith("#") and target[1:] not in parser.ids:
            problems.append(f"hx-target {target} not on the page")
    return problems


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_unique_ids_and_reachable_targets(admin, path):
    response = admin.get(path)
    assert response.status_code == 200
    assert lint(response.text) == []


def test_login_page_is_clean(client):
    assert lint(client.get("/masuk").text) == []


def test_lint_finds_duplicates_and_missing_targets():
    html = '<p id="a"></p><p id="a"></p><button hx-post="/x" hx-target="#nope"></button>'
    assert sorted(lint(html)) == ["duplicate id a", "hx-target #nope not on the page"]
