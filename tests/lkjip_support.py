"""Helpers of the LKjIP tests: read the DOCX back, read the realisasi screen, approve quarters."""
import io
import re
import zipfile
from datetime import datetime

import sqlalchemy as sa
from docx import Document
from lxml import etree
from lxml import html as lxml_html

from iku_web.extensions import db
from iku_web.models import Realisasi, Review

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data: bytes):
    assert data[:2] == b"PK"
    return Document(io.BytesIO(data))


def docx_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def xml_tables(root) -> list[list[list[str]]]:
    """Every table of the document XML as rows of cell texts."""
    return [[[_text(tc) for tc in tr.iter(f"{W}tc")] for tr in tbl.iter(f"{W}tr")]
            for tbl in root.iter(f"{W}tbl")]


def xml_paragraphs(root) -> list[str]:
    return [_text(p) for p in root.iter(f"{W}p")]


def screen_rows(page: str) -> dict[int, dict[str, str]]:
    """Target, realisasi, capaian and category of every indicator on the realisasi screen."""
    tree = lxml_html.fromstring(page)
    rows = {}
    for tr in tree.xpath('//tr[starts-with(@id, "rl-row-")]'):
        iid = int(tr.get("id").removeprefix("rl-row-"))
        cells = tr.xpath("./td")
        todate = tr.xpath(f'.//td[@id="rl-todate-{iid}"]')[0]
        realisasi = todate.xpath('./div[contains(@class, "text-muted")]')
        capaian = todate.text_content()
        if realisasi:
            capaian = capaian.replace(realisasi[0].text_content(), "")
        rows[iid] = {
            "target": cells[2].text_content().strip(),
            "realisasi": realisasi[0].text_content().strip().removeprefix("realisasi ")
            if realisasi else "-",
            "capaian": capaian.strip(),
            "category": tr.xpath(f'.//td[@id="rl-cat-{iid}"]')[0].text_content().strip(),
        }
    return rows


def approve(app, indicator_id: int, quarter: int) -> None:
    """Mark a quarter approved (the review flow itself is tested in test_review.py)."""
    with app.app_context():
        db.session.add(Review(indicator_id=indicator_id, quarter=quarter, status="approved",
                              comment="", reviewed_at=datetime.now()))
        db.session.commit()


def entries(app) -> list[tuple[int, int]]:
    with app.app_context():
        return list(db.session.execute(sa.select(Realisasi.indicator_id, Realisasi.quarter))
                    .tuples())


def squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)
