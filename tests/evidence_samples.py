"""Small real files of every kind an evidence upload meets, made in memory by the tests, and
the HTTP helpers of the evidence tests."""
import io
import zipfile
from pathlib import Path

import sqlalchemy as sa
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import stream_encode_multipart

from iku_web.extensions import db
from iku_web.models import Evidence, Indicator

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def pdf(text: str = "bukti") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": text})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _image(fmt: str, colour: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buf, fmt)
    return buf.getvalue()


def jpeg(colour: str = "red") -> bytes:
    return _image("JPEG", colour)


def png(colour: str = "blue") -> bytes:
    return _image("PNG", colour)


def xlsx(text: str = "Realisasi") -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = text
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def _zip(entries: dict[str, str | bytes], stored_first: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            kind = zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED
            zf.writestr(name, data, compress_type=kind)
    return buf.getvalue()


def docx(text: str = "Laporan", macros: bool = False) -> bytes:
    entries = {
        "[Content_Types].xml": CONTENT_TYPES_XML,
        "_rels/.rels": RELS_XML,
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            f"{text}</w:t></w:r></w:p></w:body></w:document>"),
    }
    if macros:
        entries["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"
    return _zip(entries)


def _odf(mimetype: str, body: str) -> bytes:
    return _zip({
        "mimetype": mimetype,
        "META-INF/manifest.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            f'manifest:full-path="/" manifest:media-type="{mimetype}"/></manifest:manifest>'),
        "content.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
            '"urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body>'
            f"{body}</office:body></office:document-content>"),
    }, stored_first="mimetype")


def odt(text: str = "Laporan") -> bytes:
    return _odf("application/vnd.oasis.opendocument.text", f"<office:text>{text}</office:text>")


def ods(text: str = "Tabel") -> bytes:
    return _odf("application/vnd.oasis.opendocument.spreadsheet",
                f"<office:spreadsheet>{text}</office:spreadsheet>")


def plain_zip() -> bytes:
    return _zip({"readme.txt": "bukan dokumen"})


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 118 + b"This program cannot be run"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
       b"<script>alert(1)</script></svg>")
SHELL = b"#!/bin/sh\nrm -rf /\n"


# --- HTTP helpers ----------------------------------------------------------------------

def first_indicator_id(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Indicator.id).where(Indicator.position == 1))


def multipart(data: MultiDict) -> dict:
    """The body encoded in memory: the test client spools bodies over 500 KB to a temporary
    file that it never closes (a ResourceWarning, which this suite turns into an error)."""
    stream, length, boundary = stream_encode_multipart(data, use_tempfile=False)
    return {"input_stream": stream, "content_length": length,
            "content_type": f"multipart/form-data; boundary={boundary}"}


def upload(client, indicator_id: int, files: list[tuple[bytes, str]], quarter: int = 1,
           headers: dict | None = None):
    """A multipart upload the way htmx sends it (HX-Request and the CSRF header)."""
    data = MultiDict([("berkas", FileStorage(io.BytesIO(content), filename=name))
                      for content, name in files])
    if headers is None:
        headers = {"HX-Request": "true", "X-CSRFToken": getattr(client, "token", "")}
    return client.post("/barito-selatan"
                       f"/2023/indikator/{indicator_id}/bukti/{quarter}", headers=headers,
                       **multipart(data))


def rows(app) -> list[Evidence]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Evidence).order_by(Evidence.id)))


def files_on_disk(app) -> list[str]:
    """Everything in UPLOAD_DIR, temporary and hidden files included."""
    return sorted(p.name for p in Path(app.config["UPLOAD_DIR"]).iterdir())
