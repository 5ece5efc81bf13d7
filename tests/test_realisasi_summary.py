"""The summary a save sends back is the summary of a full rebuild, after every kind of change.

A save answers with the year's summary (average capaian, categories, filled quarters) built
from one query of the stored values, with each indicator's figures reused while its target,
values, the cap and the categories are unchanged (measurement_memo.year_facts). Here the
figures are in use (warm) before each change, and the save's summary must then equal the one the
full page computes from scratch.
"""
import re

import sqlalchemy as sa

from iku_web import measurement, measurement_memo
from iku_web.extensions import db
from iku_web.indicators import deletion
from iku_web.models import Indicator, Year
from tests.conftest import htmx_post
from tests.test_register import FIELDS
from tests.test_reports_import_realisasi import EXPORT, apply, edited, upload

SUMMARY = re.compile(r'<div id="rl-summary".*?\n</div>', re.S)


def summary_of_save(admin) -> str:
    """The summary sent back by a save (a blank typed into the empty TW IV of indicator 1:
    nothing is stored, the answer still carries the summary)."""
    response = htmx_post(admin, "/barito-selatan"
                                "/2023/realisasi/1/4", {"value": "", "version": "0", "base": ""})
    assert response.status_code == 200
    return SUMMARY.search(response.text).group(0).replace(' hx-swap-oob="true"', "")


def summary_of_page(admin) -> str:
    return SUMMARY.search(admin.get("/barito-selatan/2023/realisasi").text).group(0)


def check(admin, seen: list[str]) -> None:
    """The save's summary equals the page's, and differs from the one before the change (the
    change did change the summary, so a stale one would show)."""
    summary = summary_of_save(admin)
    assert summary == summary_of_page(admin)
    assert not seen or summary != seen[-1]
    seen.append(summary)


def typed(admin, indicator: int, quarter: int, text: str) -> None:
    """Type a value into a cell as the open page would (its version and base as shown)."""
    page = admin.get("/barito-selatan/2023/realisasi").text
    meta = re.search(rf'id="meta-{indicator}-{quarter}".*?name="version" value="(\d+)">'
                     r'<input type="hidden" name="base" value="([^"]*)"', page)
    response = htmx_post(admin, f"/barito-selatan/2023/realisasi/{indicator}/{quarter}",
                         {"value": text, "version": meta.group(1), "base": meta.group(2)})
    assert "Tersimpan" in response.text, response.text[:300]


def test_the_summary_of_a_save_equals_a_full_rebuild_after_every_kind_of_change(admin, app):
    seen: list[str] = []
    check(admin, seen)  # every indicator's figures are now known
    # save
    typed(admin, 1, 1, "80")
    check(admin, seen)
    typed(admin, 6, 1, "230/234")
    check(admin, seen)
    typed(admin, 6, 1, "")  # cleared: blank, not 0
    check(admin, seen)
    # import (indicator 1, TW I 80 -> 95; indicator 5, TW II 0)
    data = edited(admin.get(EXPORT).data, D2=95, E6=0)
    assert "Terapkan perubahan" in upload(admin, data).text
    assert apply(admin).status_code == 302
    check(admin, seen)
    # settings: the cap, then the category table
    typed(admin, 1, 2, "130")
    check(admin, seen)
    assert admin.post("/pengaturan/capaian", data={
        "csrf_token": admin.token, "cap": "100",
        "categories-0-lower_bound": "100", "categories-0-inclusive": "y",
        "categories-0-title": "Tercapai", "categories-0-colour": "#198754",
        "categories-1-lower_bound": "0", "categories-1-inclusive": "y",
        "categories-1-title": "Tidak tercapai", "categories-1-colour": "#dc3545",
    }).status_code == 302
    check(admin, seen)
    assert admin.post("/pengaturan/capaian/preset/lkjip",
                      data={"csrf_token": admin.token}).status_code == 302
    check(admin, seen)
    # target edit: indicator 5 (TW II 0) gets a lower-is-better target
    response = htmx_post(admin, "/barito-selatan/2023/iku/5", {**FIELDS, "target_value": "10",
                                                "polarity": "lower"})
    assert response.status_code == 200 and "invalid-feedback" not in response.text
    check(admin, seen)
    # a new indicator, then a deleted one
    assert admin.post("/barito-selatan/2023/iku/baru", data={**FIELDS, "csrf_token": admin.token}
                      ).status_code == 302
    check(admin, seen)
    # indicator 5 has realisasi: deleted with the explicit confirmation
    assert htmx_post(admin, "/barito-selatan/2023/iku/5/hapus",
                     {"konfirmasi": deletion.CONFIRM_WORD}).status_code == 200
    check(admin, seen)
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        assert len(year.indicators) == 6
        indicator = db.session.get(Indicator, 1)
        assert measurement_memo.refresh(indicator)[1] == measurement.build(year).summary


def test_reused_figures_are_keyed_on_what_they_are_computed_from(app):
    """Two years with the same targets and values share figures; changing one value of one
    indicator makes a new key for that indicator only."""
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        cap, categories = measurement.settings.capaian_cap(), measurement.settings.categories()
        measurement_memo._FACTS.clear()
        facts, number = measurement_memo.year_facts(year.id, cap, categories,
                                                    year.indicators[2].id)
        assert number == 3 and len(facts) == 6
        known = measurement_memo._FACTS[(cap, categories,
                                         measurement_memo.DEFAULT_PERCENT_WARNING)]
        assert len(known) == 2  # the three demo indicators with a 100% target, the three without
        year.indicators[0].target_value = 50
        db.session.commit()
        again, _ = measurement_memo.year_facts(year.id, cap, categories)
        assert len(known) == 3 and again[1:] == facts[1:]
