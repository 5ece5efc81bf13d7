"""Download names that Windows, macOS and Linux can all save; the list keeps the original."""
import re
from urllib.parse import unquote

import pytest

from iku_web.evidence.storage import download_name
from tests import evidence_samples as samples
from tests.evidence_samples import first_indicator_id, rows, upload


@pytest.mark.parametrize(("original", "offered"), [
    ("CON.pdf", "CON_.pdf"), ("nul.txt", "nul_.txt"), ("aux.docx", "aux_.docx"),
    ("Com1.xlsx", "Com1_.xlsx"), ("LPT9.tar.gz", "LPT9_.tar.gz"), ("prn", "prn_"),
    ("laporan.", "laporan"), ("laporan ", "laporan"), ("laporan. . ", "laporan"),
    ("rekap :2023?.pdf", "rekap _2023_.pdf"), ("..", "berkas"), ("", "berkas"),
    ("console.pdf", "console.pdf"), ("CONTOH.pdf", "CONTOH.pdf"), ("com10.pdf", "com10.pdf"),
    ("Laporan – Ünïcödé.pdf", "Laporan – Ünïcödé.pdf"),
])
def test_download_name_is_safe_everywhere(original, offered):
    assert download_name(original) == offered


@pytest.mark.parametrize(("make", "name", "offered"), [
    (samples.pdf, "CON.pdf", "CON_.pdf"), (samples.docx, "aux.docx", "aux_.docx"),
    (samples.png, "nul.png", "nul_.png"),
])
def test_reserved_name_is_offered_safely_and_listed_as_uploaded(app, admin, make, name,
                                                                offered):
    indicator_id = first_indicator_id(app)
    assert "berhasil diunggah" in upload(admin, indicator_id, [(make(), name)]).text
    row = rows(app)[-1]
    assert row.original_name == name
    with admin.get(f"/barito-selatan/bukti/{row.id}/unduh") as response:
        response.get_data()
    header = response.headers["Content-Disposition"]
    match = re.search(r"filename\*=UTF-8''(\S+)", header) or re.search(r"filename=(\S+)",
                                                                      header)
    assert unquote(match.group(1)).strip('"') == offered
    page = admin.get(f"/barito-selatan/2023/indikator/{indicator_id}").text
    assert f">{name}<" in page
