"""An implausible realisasi (1.234,5 typed for 123,45) is saved and computed as typed, but
until a verifier approves its quarter it is marked in every report and counted in no mean and
no category; the verifier sees the warning on the card and in the queue, and approves it only
one by one (docs/capaian.md, "Plausibility warning")."""
import io
import re

import pytest
from openpyxl import load_workbook

from tests.conftest import VERIFIER_PASSWORD, client_for, htmx_post, make_user
from tests.reports_support import read_pdf, squash
from tests.review_support import DECIDE, NO_EVIDENCE_OK, SUBMIT, status
from tests.test_realisasi import save


@pytest.fixture
def pic(app, admin):
    """The admin, in charge of indicator 1 (any editor submits the same way)."""
    return admin


@pytest.fixture
def verifier(app):
    make_user(app, "verif", "verifier", VERIFIER_PASSWORD)
    return client_for(app, "verif", VERIFIER_PASSWORD)


MARK = "Periksa: nilai di atas 200%, belum dikonfirmasi verifikator"


def _summary_count(html: str, label: str) -> str:
    return re.search(rf">{label}: (\d+)<", html).group(1)


def test_an_implausible_value_is_marked_until_a_verifier_approves_it(app, pic, verifier):
    assert save(pic, "1.234,5").status_code == 200
    page = pic.get("/barito-selatan/2023/realisasi").text
    capaian = re.search(r'id="rl-todate-1"[^>]*>(.*?)</td>', page, re.S).group(1)
    assert "1.234,5%" in capaian and MARK in capaian
    assert re.search(r'id="rl-cat-1"[^>]*><span class="text-muted">-</span>', page)
    assert _summary_count(page, "Tercapai") == "0"  # was counted "Tercapai" before
    assert re.search(r'id="rl-average">-<', page)  # 1.234,5% is no part of a mean
    assert "1 indikator bernilai tidak wajar" in page

    dashboard = pic.get("/barito-selatan/2023/dasbor").text
    assert MARK in dashboard and 'data-category="Tercapai">0<' in dashboard
    _, pages = read_pdf(pic.get("/barito-selatan/2023/laporan/pengukuran.pdf").data)
    assert squash(MARK) in squash(" ".join(pages))
    ws = load_workbook(io.BytesIO(pic.get("/barito-selatan"
                                          "/2023/laporan/pengukuran.xlsx").data)).active
    header = [c.value for c in ws[1]]
    assert MARK in ws.cell(row=2, column=header.index("Capaian s.d. TW IV") + 1).value
    _, pages = read_pdf(pic.get("/barito-selatan/2023/laporan/lkjip.pdf?belum_verifikasi=1").data)
    assert squash(MARK) in squash(" ".join(pages))

    # The verifier: a warning on the card and in the queue, no batch approval.
    assert "Diajukan" in htmx_post(pic, SUBMIT, NO_EVIDENCE_OK).text
    queue = verifier.get("/barito-selatan/2023/verifikasi").text
    assert "nilai tidak wajar" in queue and "Periksa: nilai di atas 200%." in queue
    assert 'name="item" value="1-1-' not in queue
    verifier.post("/barito-selatan/2023/verifikasi/setujui-terpilih",
                  data={"csrf_token": verifier.token, "item": "1-1-1"})
    assert status(app)[0] == "submitted"
    assert "nilainya tidak wajar" in verifier.get("/barito-selatan/2023/verifikasi").text
    assert "Disetujui dan dikunci." in htmx_post(verifier, DECIDE.format("setujui")).text

    # Approved: the value counts as typed, without the mark.
    page = pic.get("/barito-selatan/2023/realisasi").text
    capaian = re.search(r'id="rl-todate-1"[^>]*>(.*?)</td>', page, re.S).group(1)
    assert "1.234,5%" in capaian and "Periksa" not in capaian
    assert _summary_count(page, "Tercapai") == "1"
    assert "bernilai tidak wajar" not in page
    assert "sudah dikonfirmasi verifikator" in verifier.get("/barito-selatan"
                                                            "/2023/verifikasi?status=approved").text


def test_a_plausible_value_is_counted_at_once(pic):
    save(pic, "95")
    page = pic.get("/barito-selatan/2023/realisasi").text
    assert "belum dikonfirmasi" not in page
    assert re.search(r'id="rl-average">95%<', page)


def test_the_check_mark_beside_the_value_and_on_pantauan_goes_once_approved(app, pic, verifier):
    """The "Periksa" beside the realisasi cell and the Pantauan list key on the value alone;
    approving the quarter is the verifier's word that it was checked, so both go then."""
    save(pic, "1.234,5")
    page = pic.get("/barito-selatan/2023/realisasi").text
    assert 'id="warn-1-1"' in page
    pantauan = pic.get("/barito-selatan/2023/pantauan").text
    assert 'id="pantauan-cek-title"' in pantauan

    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    assert "Disetujui dan dikunci." in htmx_post(verifier, DECIDE.format("setujui")).text

    page = pic.get("/barito-selatan/2023/realisasi").text
    assert 'id="warn-1-1"' not in page and "Periksa" not in page
    pantauan = pic.get("/barito-selatan/2023/pantauan").text
    assert 'id="pantauan-cek-title"' not in pantauan and "Periksa:" not in pantauan
