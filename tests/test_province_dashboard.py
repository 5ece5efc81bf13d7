"""The province dashboard: per computed indicator, the children's standing this quarter as a
sortable table (tests/rollup_views_support.py counts them by hand), the number that have not
reported, and "Kirim pengingat" to the admins of those children only."""
import sqlalchemy as sa
from lxml import html as lxml_html

from iku_web.extensions import db
from iku_web.lke import demo as lke_demo
from iku_web.models import Notification, Unit, User
from tests.rollup_support import YEAR, indicator
from tests.rollup_views_support import (
    client_as,
    province_app,  # noqa: F401 (fixture)
)


def _table(page: str, indicator_id: int):
    """(unit codes in order, {code: standing label}, not-reported count, remind button?)."""
    tree = lxml_html.fromstring(page)
    box = tree.get_element_by_id(f"unit-bawah-{indicator_id}")
    rows = box.xpath(".//tbody/tr[@data-unit]")
    codes = [row.get("data-unit") for row in rows]
    labels = {row.get("data-unit"): row.xpath("./td")[1].text_content().strip()
              for row in rows}
    count = int(box.xpath(".//*[@class='rollup-not-reported']")[0].text_content())
    return codes, labels, count, bool(box.xpath(".//form//button"))


def _notices(app) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(sa.select(User.username, sa.func.count(Notification.id))
                                  .join(Notification, Notification.user_id == User.id)
                                  .where(Notification.kind == "rollup_reminder")
                                  .group_by(User.username)).all()
        return dict(rows)


def test_statuses_and_count_this_quarter(app):
    page = client_as(app, "staff.prov").get(f"/prov/{YEAR}/dasbor?tw=2").get_data(as_text=True)
    codes, labels, count, button = _table(page, app.tree["parent"])
    assert labels == {"kab-a": "Memenuhi", "kab-b": "Tidak memenuhi", "kab-c": "Belum melapor",
                      "kab-d": "Tidak berlaku", "kab-e": "Belum diverifikasi",
                      "kab-f": "Memenuhi"}
    # Default order: worst first, then by name.
    assert codes == ["kab-c", "kab-e", "kab-b", "kab-a", "kab-f", "kab-d"]
    assert count == 1
    assert not button  # staff read, only the parent's admin reminds
    page = client_as(app, "staff.prov").get(f"/prov/{YEAR}/dasbor?tw=3").get_data(as_text=True)
    _codes, labels, count, _button = _table(page, app.tree["parent"])
    assert count == 5  # nobody reported TW III; the exempt office is not counted
    assert labels["kab-d"] == "Tidak berlaku"


def test_sort_by_query_and_the_htmx_fragment(app):
    client = client_as(app, "staff.prov")
    parent = app.tree["parent"]
    page = client.get(f"/prov/{YEAR}/dasbor?tw=2&urut=unit").get_data(as_text=True)
    assert _table(page, parent)[0] == ["kab-a", "kab-b", "kab-c", "kab-d", "kab-e", "kab-f"]
    fragment = client.get(f"/prov/{YEAR}/dasbor/unit-bawah/{parent}?tw=2&urut=capaian",
                          headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and text.lstrip().startswith("<section")
    # Lowest capaian first (b 70%, then a and f at 100%), those without one last by name.
    assert _table(text, parent)[0] == ["kab-b", "kab-a", "kab-f", "kab-c", "kab-d", "kab-e"]
    assert 'aria-sort="ascending"' in text
    # Without htmx the same address leads to the dashboard, sorted.
    plain = client.get(f"/prov/{YEAR}/dasbor/unit-bawah/{parent}?tw=2&urut=capaian")
    assert plain.status_code == 302
    assert "urut=capaian" in plain.location and "tw=2" in plain.location


def test_remind_notifies_only_the_silent_childrens_admins(app):
    client = client_as(app, "admin.prov")
    parent = app.tree["parent"]
    page = client.get(f"/prov/{YEAR}/dasbor?tw=2").get_data(as_text=True)
    assert _table(page, parent)[3]  # the admin sees the button
    url = f"/prov/{YEAR}/dasbor/unit-bawah/{parent}/pengingat?tw=2"
    answer = client.post(url, headers={"HX-Request": "true", "X-CSRFToken": client.token})
    assert answer.status_code == 200
    assert "Pengingat dikirim ke 2 admin dari 1 unit yang belum melapor." in \
        answer.get_data(as_text=True)
    assert _notices(app) == {"admin.kab-c": 1, "admin2.kab-c": 1}
    with app.app_context():
        notice = db.session.scalar(sa.select(Notification).where(
            Notification.kind == "rollup_reminder"))
        assert notice.message == ("Pengingat dari KPU Prov: KPU Kab-C belum melaporkan "
                                  f"Triwulan II {YEAR}, Persentase KPU Kabupaten/Kota tepat "
                                  "waktu.")
        assert notice.link.startswith(f"/kab-c/{YEAR}/")
    # Pressed again the same day: nobody gets a second notice.
    again = client.post(url, headers={"HX-Request": "true", "X-CSRFToken": client.token})
    assert "sudah diingatkan hari ini" in again.get_data(as_text=True)
    assert _notices(app) == {"admin.kab-c": 1, "admin2.kab-c": 1}
    # TW III: every office but the exempt one; a plain form post comes back to the dashboard.
    plain = client.post(f"/prov/{YEAR}/dasbor/unit-bawah/{parent}/pengingat?tw=3",
                        data={"csrf_token": client.token, "urut": "unit"})
    assert plain.status_code == 302 and "urut=unit" in plain.location
    assert _notices(app) == {"admin.kab-a": 1, "admin.kab-b": 1, "admin.kab-c": 2,
                             "admin2.kab-c": 2, "admin.kab-e": 1, "admin.kab-f": 1}


def test_remind_needs_csrf_and_the_parents_admin(app):
    url = f"/prov/{YEAR}/dasbor/unit-bawah/{app.tree['parent']}/pengingat?tw=2"
    admin = client_as(app, "admin.prov")
    assert admin.post(url).status_code == 400  # no CSRF token
    staff = client_as(app, "staff.prov")
    assert staff.post(url, data={"csrf_token": staff.token}).status_code == 403
    office = client_as(app, "admin.kab-c")
    assert office.post(url, data={"csrf_token": office.token}).status_code == 404
    assert _notices(app) == {}


def test_the_default_quarter_is_the_latest_rolled_up(app):
    """The province types nothing itself: its dashboard opens on TW II, the latest quarter its
    offices reported, not on TW IV where nobody has."""
    page = client_as(app, "staff.prov").get(f"/prov/{YEAR}/dasbor").get_data(as_text=True)
    assert "Capaian s.d. Triwulan II" in page
    assert _table(page, app.tree["parent"])[2] == 1


def _lke_indicator(app) -> int:
    """A second computed indicator of the province, persentase_huruf, linked in every office;
    every office but kab-c has filled and submitted its LKE (B). Its id."""
    with app.app_context():
        units = {u.code: u for u in db.session.scalars(sa.select(Unit))}
        parent = indicator(units["prov"], "Persentase KPU Kabupaten/Kota bernilai SAKIP minimal B",
                           "persentase_huruf")
        for code in "abcdef":
            child = indicator(units[f"kab-{code}"], "Nilai SAKIP", parent=parent)
            if code != "c":
                lke_demo.fill(child.year_ref, lke_demo.MET).status = "submitted"
        db.session.commit()
        return parent.id


def test_remind_of_a_missing_lke_links_to_the_offices_lke(app):
    """Under persentase_huruf the office that has not filled its LKE is reminded of its LKE
    (the link opens its LKE page of the year), not of a quarter's realisasi; the LKE is
    yearly, so the reminder of another quarter the same day sends nothing again."""
    parent = _lke_indicator(app)
    client = client_as(app, "admin.prov")
    page = client.get(f"/prov/{YEAR}/dasbor?tw=2").get_data(as_text=True)
    codes, labels, count, button = _table(page, parent)
    assert (labels["kab-c"], count, button) == ("Belum melapor", 1, True)
    answer = client.post(f"/prov/{YEAR}/dasbor/unit-bawah/{parent}/pengingat?tw=2",
                         headers={"HX-Request": "true", "X-CSRFToken": client.token})
    assert "Pengingat dikirim ke 2 admin dari 1 unit yang belum melapor." in answer.text
    assert _notices(app) == {"admin.kab-c": 1, "admin2.kab-c": 1}
    with app.app_context():
        notice = db.session.scalar(sa.select(Notification).where(
            Notification.kind == "rollup_reminder"))
        assert notice.link == f"/kab-c/{YEAR}/lke"
        assert notice.message == (
            f"Pengingat dari KPU Prov: KPU Kab-C belum mengisi LKE {YEAR}; tanpa nilai LKE "
            "yang final, unit ini dihitung tidak memenuhi pada Persentase KPU Kabupaten/Kota "
            "bernilai SAKIP minimal B.")
        link = notice.link
    assert client_as(app, "admin.kab-c").get(link).status_code == 200
    again = client.post(f"/prov/{YEAR}/dasbor/unit-bawah/{parent}/pengingat?tw=3",
                        headers={"HX-Request": "true", "X-CSRFToken": client.token})
    assert "sudah diingatkan hari ini" in again.text
    assert _notices(app) == {"admin.kab-c": 1, "admin2.kab-c": 1}
