"""The change history names the field in Indonesian, its old and new value, and the source
of the change: layar (the app's screens), impor Excel, perintah (command line)."""
import re

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, User
from tests import evidence_samples as samples
from tests.conftest import htmx_post
from tests.evidence_samples import upload
from tests.test_reports_excel import apply as apply_iku
from tests.test_reports_excel import upload as upload_iku
from tests.test_reports_excel import workbook
from tests.test_reports_import_realisasi import EXPORT, edited
from tests.test_reports_import_realisasi import apply as apply_realisasi
from tests.test_reports_import_realisasi import upload as upload_realisasi

FIELDS = {"name": "Terwujudnya Penyelenggaraan Pemilu sesuai jadwal",
          "formula": "Persentase KPU Kabupaten/Kota yang menyelenggarakan Pemilu sesuai jadwal",
          "target_kind": "percent", "target_value": "100", "target_unit": "%",
          "polarity": "higher", "aggregation": "nilai_akhir", "data_source": "Laporan baru",
          "pic_unit": "", "pic_user_id": "0", "target_grade": ""}


def history(client, indicator=1) -> list[list[str]]:
    """The rows of the change history table on the indicator page, as cell texts."""
    html = client.get(f"/barito-selatan/2023/indikator/{indicator}").text
    table = re.search(r'<table[^>]*id="history".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [[" ".join(re.sub(r"<[^>]+>", "", cell).split())
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def entry(rows, field_label):
    found = [row for row in rows if field_label in row]
    assert found, (field_label, rows)
    return found[0]


def test_admin_edit_names_each_field_with_old_and_new_value(admin, app):
    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
    response = htmx_post(admin, "/barito-selatan"
                                "/2023/iku/1", {**FIELDS, "pic_user_id": str(staff_id)})
    assert response.status_code == 200
    rows = history(admin)
    source = entry(rows, "Sumber data")
    assert "Laporan Pelaksanaan Tahapan Pemilu Serentak 2024 KPU Provinsi/KPU Kabupaten/Kota" \
        in source and "Laporan baru" in source and "layar" in source
    pic = entry(rows, "Penanggung jawab (pengguna)")
    assert "(kosong)" in pic and "Staf" in pic
    assert not [row for row in rows if "Data indikator" in row]
    # Unchanged fields are not listed.
    assert not [row for row in rows if "Perhitungan" in row]


def test_evidence_upload_is_named_in_indonesian(admin):
    assert "berhasil diunggah" in upload(admin, 1, [(samples.pdf(), "sk.pdf")]).text
    rows = history(admin)
    row = entry(rows, "Bukti dukung diunggah")
    assert "sk.pdf" in row and "layar" in row
    assert not [r for r in rows if "upload" in r]


def test_realisasi_import_is_marked_as_such(admin, app):
    htmx_post(admin, "/barito-selatan/2023/realisasi/1/1", {"value": "50"})
    data = edited(admin.get(EXPORT).data, D2=0.6)  # a percent cell holds 0,6 for 60%
    assert upload_realisasi(admin, data).status_code == 200
    assert apply_realisasi(admin).status_code == 302
    rows = history(admin)
    imported = entry(rows, "impor Excel")
    assert imported[3:6] == ["Realisasi", "50", "60"]
    typed = [row for row in rows if "layar" in row and "Realisasi" in row]
    assert typed


def test_indicator_import_names_the_fields(admin, app):
    data = workbook(admin, "/barito-selatan/2023/laporan/iku.xlsx")
    ws = data.active
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Sumber Data") + 1, value="Sumber dari Excel")
    import io
    out = io.BytesIO()
    data.save(out)
    assert upload_iku(admin, out.getvalue()).status_code == 200
    assert apply_iku(admin).status_code == 302
    row = entry(history(admin), "Sumber data")
    assert "Sumber dari Excel" in row and "impor Excel" in row


def test_changes_outside_a_request_come_from_a_command(app):
    with app.app_context():
        db.session.add(ChangeLog(entity="setting", field="capaian_cap", new_value="100"))
        db.session.commit()
        assert db.session.scalar(sa.select(ChangeLog.source).order_by(
            ChangeLog.id.desc())) == "perintah"
