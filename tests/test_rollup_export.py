"""The drill-down of a computed indicator as Excel: one row per child with its value, target,
capaian, status and whether it was counted, the computation line, verified and sementara
sheets; read by whoever may read the parent's pages, and by nobody else."""
import io

from openpyxl import load_workbook

from tests.rollup_support import YEAR
from tests.rollup_views_support import (
    FIGURE_TW2,
    PROVISIONAL_TW2,
    client_as,
    province_app,  # noqa: F401 (fixture)
)


def _url(app, indicator_id=None, query: str = "") -> str:
    return f"/prov/{YEAR}/iku/{indicator_id or app.tree['parent']}/rincian.xlsx{query}"


def _rows(ws) -> dict[str, tuple]:
    """Per unit code: (value, target, capaian, status, standing, counted, note)."""
    return {row[2]: row[3:] for row in ws.iter_rows(min_row=7, values_only=True)}


def test_the_drill_down_workbook_by_hand(app):
    answer = client_as(app, "staff.prov").get(_url(app))
    assert answer.status_code == 200
    assert answer.mimetype.endswith("spreadsheetml.sheet")
    assert "rincian-iku-" in answer.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(answer.data))
    assert book.sheetnames == ["Terverifikasi", "Sementara"]
    ws = book["Terverifikasi"]
    # Without ?tw= the quarter the year comes from (nilai akhir: TW II).
    assert ws["A3"].value == "Triwulan II (data terverifikasi)"
    assert ws["A4"].value == FIGURE_TW2
    assert [c.value for c in ws[6]] == ["No", "Unit", "Kode Unit", "Realisasi", "Target",
                                       "Capaian", "Status Verifikasi", "Keadaan", "Dihitung",
                                       "Keterangan"]
    rows = _rows(ws)
    assert list(rows) == ["kab-a", "kab-b", "kab-c", "kab-d", "kab-e", "kab-f"]
    assert rows["kab-a"] == (1, "100%", 1, "Terverifikasi", "Memenuhi",
                             "Ya, memenuhi target", None)
    assert rows["kab-b"] == (0.7, "100%", 0.7, "Terverifikasi", "Tidak memenuhi",
                             "Ya, tidak memenuhi target", None)
    assert rows["kab-c"] == (None, "100%", "-", "Belum melapor", "Belum melapor",
                             "Ya, tidak memenuhi target", None)
    assert rows["kab-d"] == (None, "100%", "-", "Tidak berlaku", "Tidak berlaku", "Tidak",
                             "Tidak ada Pilkada tahun ini")
    # e's TW II is submitted, not approved: no verified value, so it does not meet; the
    # typed value is named, as on the drill-down page.
    assert rows["kab-e"] == (None, "100%", "-", "Belum diverifikasi", "Belum diverifikasi",
                             "Ya, tidak memenuhi target",
                             "Diketik 100%, belum diverifikasi: tidak dihitung")
    assert ws["B8"].number_format.endswith("%") is False  # the unit's name is text
    assert ws["D8"].number_format == "0%"  # 70% as a percent cell
    sementara = book["Sementara"]
    assert sementara["A4"].value == PROVISIONAL_TW2
    assert _rows(sementara)["kab-e"][0] == 1  # 100% once unverified entries count


def test_a_quarter_by_query(app):
    book = load_workbook(io.BytesIO(client_as(app, "staff.prov").get(_url(app, query="?tw=1"))
                                    .data))
    ws = book["Terverifikasi"]
    assert ws["A3"].value == "Triwulan I (data terverifikasi)"
    assert ws["A4"].value == "3 dari 5 KPU Kabupaten/Kota, 60% (1 tidak berlaku)"
    assert _rows(ws)["kab-f"][4] == "Tidak memenuhi"


def test_read_permission_is_the_parents(app):
    # An office's admin may not read its province: the page does not exist for them.
    assert client_as(app, "admin.kab-a").get(_url(app)).status_code == 404
    anonymous = app.test_client().get(_url(app))
    assert anonymous.status_code in (302, 401) and "xlsx" not in anonymous.mimetype


def test_only_computed_indicators_of_this_unit(app):
    client = client_as(app, "staff.prov")
    # The office's linked (typed) indicator is not the province's: 404 under /prov.
    assert client.get(_url(app, app.tree["linked"]["kab-a"])).status_code == 404
    assert client.get(f"/prov/{YEAR + 1}/iku/{app.tree['parent']}/rincian.xlsx").status_code \
        == 404
    # Under its own unit it is found but typed: nothing to drill into, its page instead.
    office = client_as(app, "admin.kab-a")
    typed = office.get(f"/kab-a/{YEAR}/iku/{app.tree['linked']['kab-a']}/rincian.xlsx")
    assert typed.status_code == 302
    assert typed.location.endswith(f"/kab-a/{YEAR}/iku/{app.tree['linked']['kab-a']}/rincian")


def test_the_drill_down_page_links_to_its_workbook(app):
    client = client_as(app, "staff.prov")
    page = client.get(f"/prov/{YEAR}/iku/{app.tree['parent']}/rincian?tw=1").get_data(
        as_text=True)
    assert f'href="{_url(app, query="?tw=1")}"' in page
