"""The storage helpers on their own: name cleaning, sniffing, and streaming a big upload."""
import tracemalloc
from pathlib import Path

import pytest

from iku_web.evidence import storage
from tests import evidence_samples as samples


@pytest.mark.parametrize(("raw", "clean"), [
    ("laporan.pdf", "laporan.pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\staf\\Desktop\\laporan.pdf", "laporan.pdf"),
    ('Laporan "Triwulan" I: <final>|?*.pdf', "Laporan 'Triwulan' I_ _final____.pdf"),
    ("Laporan %22TW%22.pdf", "Laporan 'TW'.pdf"),
    ("a\tb\r\nc\x7f\u200bd\u202e.pdf", "a b cd.pdf"),
    ("Cafe\u0301.pdf", "Café.pdf"),
    ("  spasi   ganda .pdf ", "spasi ganda .pdf"),
    ("...", "berkas"),
    ("", "berkas"),
    (None, "berkas"),
    ("x" * 300, "x" * 255),
    ("é" * 300 + ".docx", "é" * 250 + ".docx"),
])
def test_clean_name(raw, clean):
    assert storage.clean_name(raw) == clean


@pytest.mark.parametrize(("name", "ext"), [
    ("a.PDF", "pdf"), ("a.tar.gz", "gz"), (".pdf", ""), ("pdf", ""), ("a.", ""),
])
def test_extension(name, ext):
    assert storage.extension(name) == ext


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 B"), (1023, "1023 B"), (1536, "1,5 KB"), (1_258_291, "1,2 MB"),
    (20 * storage.MB, "20 MB"),
])
def test_human_size(size, text):
    assert storage.human_size(size) == text


@pytest.mark.parametrize(("content", "found"), [
    (samples.pdf(), storage.PDF), (samples.jpeg(), storage.JPEG), (samples.png(), storage.PNG),
    (samples.xlsx(), storage.XLSX), (samples.docx(), storage.DOCX),
    (samples.ods(), storage.ODS), (samples.odt(), storage.ODT),
    (samples.ELF, None), (samples.MZ, None), (samples.HTML, None), (samples.SVG, None),
    (samples.SHELL, None), (samples.plain_zip(), None), (samples.docx(macros=True), None),
    (b"PK\x03\x04 not really a zip", None), (b"%PD", None),
])
def test_sniff(tmp_path, content, found):
    path = tmp_path / "f"
    path.write_bytes(content)
    assert storage.sniff(path) == found


class ZeroStream:
    """A 50 MB "PDF" produced on the fly; records the chunk sizes it was asked for."""

    def __init__(self, size: int):
        self.left, self.asked = size, []

    def read(self, n: int = -1) -> bytes:
        self.asked.append(n)
        assert n is not None and 0 < n <= storage.CHUNK_SIZE, "must read in chunks"
        if self.left <= 0:
            return b""
        chunk = (b"%PDF-1.4\n" if not self.asked[:-1] else b"") .ljust(min(n, self.left), b"0")
        self.left -= len(chunk)
        return chunk


def test_a_50_mb_upload_is_streamed_not_held_in_memory(tmp_path):
    size = 50 * storage.MB
    stream = ZeroStream(size)
    tracemalloc.start()
    try:
        upload = storage.receive(stream, "besar.pdf", tmp_path, 60 * storage.MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * storage.MB
    assert upload.size == size and upload.content_type == storage.PDF
    assert Path(upload.temp_path).stat().st_size == size
    storage.discard(upload.temp_path)


def test_too_large_stream_stops_early_and_leaves_no_temp_file(tmp_path):
    stream = ZeroStream(50 * storage.MB)
    with pytest.raises(storage.Refused, match="Berkas melebihi batas 1 MB"):
        storage.receive(stream, "besar.pdf", tmp_path, storage.MB)
    assert len(stream.asked) <= storage.MB // storage.CHUNK_SIZE + 1
    assert list(tmp_path.iterdir()) == []
