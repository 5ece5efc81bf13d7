"""The user guide (/panduan): rendered from docs/panduan/, every link opens a real page,
printable as one PDF, and every main page links to its section ("Bantuan")."""
import io
import re
import shutil
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from iku_web.guide import content
from iku_web.guide.help import SECTIONS

U = "/barito-selatan"
Y = f"{U}/2023"


class _Links(HTMLParser):
    """hrefs and ids of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.images = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs.get("src", ""))


def parse(html: str) -> _Links:
    links = _Links()
    links.feed(html)
    return links


def guide_part(html: str) -> str:
    """The rendered Markdown of /panduan (not the navbar around it)."""
    return html.split('class="col-lg-9 guide-text"', 1)[1]


def _served(client, path: str) -> bool:
    with client.get(path) as response:  # closes the static file it streams
        return response.status_code == 200


def broken_links(client, app, html: str) -> list[str]:
    """Every link of the guide's text that does not lead to a page: not in the app's routes,
    not answering 200 to a logged-in admin, or pointing at an anchor the page lacks."""
    page_ids = parse(html).ids
    broken = [src for src in parse(guide_part(html)).images if not _served(client, src)]
    adapter = app.url_map.bind("localhost")
    for href in parse(guide_part(html)).hrefs:
        path, _, anchor = href.partition("#")
        if not path:
            if anchor not in page_ids:
                broken.append(href)
            continue
        assert path.startswith("/"), f"{href}: the guide links only to the app's own pages"
        try:
            adapter.match(path, method="GET")
        except Exception:  # werkzeug's NotFound / MethodNotAllowed / RequestRedirect
            broken.append(href)
            continue
        answer = client.get(path, follow_redirects=True)
        if answer.status_code != 200:
            broken.append(href)
        elif anchor and anchor not in parse(answer.get_data(as_text=True)).ids:
            broken.append(href)
    return broken


def test_the_guide_has_a_part_per_role_and_a_table_of_contents(client):
    html = client.get("/panduan").get_data(as_text=True)
    toc = re.search(r'<nav class="col-lg-3[^>]*id="guide-toc">(.*?)</nav>', html, re.S).group(1)
    for anchor, title in (("admin", "Admin perencanaan"),
                          ("penanggung-jawab", "Penanggung jawab indikator"),
                          ("verifikator", "Verifikator"), ("pimpinan", "Pimpinan"),
                          ("lke", "Evaluasi mandiri (LKE)"), ("lkjip", "LKjIP"),
                          ("admin-provinsi", "Admin provinsi"), ("daftar-unit", "Daftar unit")):
        assert f'href="#{anchor}">{title}</a>' in toc
        assert f'id="{anchor}"' in html
    # Markdown was rendered (a table, lists), not shown as text.
    assert "<table>" in html and "<ol>" in html and "{#" not in html


def test_every_link_of_the_guide_opens_a_page_of_the_demo_year(admin, app):
    html = admin.get("/panduan?tahun=2023").get_data(as_text=True)
    hrefs = parse(guide_part(html)).hrefs
    assert f"{Y}/realisasi" in hrefs and f"{Y}/alur" in hrefs and f"{U}/pengguna" in hrefs
    assert len(hrefs) > 30
    assert len(parse(guide_part(html)).images) == 8  # scripts/guide_screenshots.py
    assert broken_links(admin, app, html) == []


def test_a_link_to_a_page_that_no_longer_exists_is_reported(admin, app, tmp_path, monkeypatch):
    for path in content.files():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "99-lama.md").write_text(
        "# Lama {#lama}\n\n[hilang](/{tahun}/halaman-lama), [jangkar](/panduan#tidak-ada), "
        "[baik](/{tahun}/iku)\n\n![gambar](/static/panduan/hilang.png)\n", encoding="utf-8")
    monkeypatch.setattr(content, "GUIDE_DIR", tmp_path)
    html = admin.get("/panduan?tahun=2023").get_data(as_text=True)
    assert broken_links(admin, app, html) == ["/static/panduan/hilang.png", f"{Y}/halaman-lama",
                                              "/panduan#tidak-ada"]


def test_the_guide_prints_as_one_pdf(client):
    response = client.get("/panduan.pdf?tahun=2023")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    pages = len(reader.pages)
    assert pages >= 6  # contents, then one page or more per file
    assert f"Halaman {pages} dari {pages}" in text
    # The footer names the guide on every page; "DRAF" only where the guide quotes it.
    assert all("Panduan Pengguna IKU Web" in page.extract_text() for page in reader.pages)
    assert text.count("DRAF - belum diterbitkan") == 1
    assert sum(len(page.images) for page in reader.pages) == 8  # the screenshots are printed
    for title in ("Daftar isi", "Penanggung jawab indikator", "Ajukan verifikasi",
                  "Evaluasi mandiri (LKE)", "Terbitkan"):
        assert title in text


MAIN_PAGES = [f"{Y}/dasbor", f"{Y}/iku", f"{Y}/realisasi", f"{Y}/laporan",
              f"{Y}/anggaran", f"{Y}/pantauan", f"{U}/saya", f"{U}/dokumen", f"{Y}/verifikasi",
              f"{Y}/sasaran", f"{U}/pengaturan", f"{U}/pengguna", f"{Y}/profil", f"{U}/renstra",
              f"{Y}/lkjip", f"{Y}/lke", f"{Y}/alur", f"{Y}/indikator/1", f"{U}/tahun",
              "/barito-selatan/2023/tenggat", "/barito-selatan/pengaturan/penandatangan", "/unit"]


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_main_pages_link_to_their_section_of_the_guide(admin, path):
    html = admin.get(path).get_data(as_text=True)
    match = re.search(
        r'<a class="help-link[^"]*" href="/panduan#([\w-]+)" id="help-link">Bantuan</a>', html)
    assert match, f"{path} has no Bantuan link"
    assert match.group(1) in content.render(2023, "barito-selatan").anchors


def test_every_help_section_exists_and_every_endpoint_is_a_route(app):
    anchors = content.render(2023, "barito-selatan").anchors
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert {a for a in SECTIONS.values() if a not in anchors} == set()
    assert {e for e in SECTIONS if e not in endpoints} == set()
