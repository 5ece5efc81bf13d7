"""Scoping by unit must not slow an office down: save and realisasi page on an install of 1
unit and of 15 units (the province demo's shape), in one process, in the same run.

    python bench/units_bench.py [--runs 7] [--saves 30] [--pages 4]

Builds two scratch SQLite databases by the migrations: one unit, and a province with 14
Kabupaten/Kota; every unit holds the same data (TA 2050 with 50 indicators, TA 2051 with 200,
realisasi in TW I and II) and its own admin. The measured office is the only unit of the
first install and a Kabupaten of the second (its admin is not an install admin, so every
request walks the membership and the lineage). Each run times, in turn, a batch of saves (one
cell, htmx, CSRF token, version and base as the page gives them), a batch of page loads, and
as many requests to a bare Flask "hello" through the same test client; the figures are the
medians over the runs of each batch's median, with the ratios to the 1-unit install measured
in the same run and the SQL statements per request (counted on the engine). Also the save at
200 against 50 indicators, and the save's rate against hello's. In process (Flask test
client), not under gunicorn: realisasi_bench.py measures gunicorn. Not a test: numbers depend
on the machine.
"""
import argparse
import re
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from flask import Flask  # noqa: E402
from sqlalchemy import event  # noqa: E402

from bench.common import add_realisasi, make_app  # noqa: E402

PASSWORD = "bench-password-1"
YEARS = {2050: 50, 2051: 200}
KABUPATEN = 14
TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')


def _year(unit_id: int, year: int, count: int):
    from iku_web.models import Indicator, Year

    year_obj = Year(year=year, unit_id=unit_id, institution_name="KPU Bench")
    for i in range(1, count + 1):
        year_obj.indicators.append(Indicator(
            position=i, name=f"Indikator kinerja nomor {i}", target_kind="percent",
            target_value=Decimal(100), target_unit="%", target_tw1=Decimal(25),
            target_tw2=Decimal(50), target_tw3=Decimal(75), target_tw4=Decimal(100)))
    return year_obj


def build(directory: Path, kabupaten: int) -> tuple[Flask, str]:
    """An install on `directory` with its default unit and `kabupaten` units below it, each
    with the same years and an admin; the code of the unit to measure (the last one)."""
    from flask_migrate import upgrade

    from iku_web.extensions import db
    from iku_web.models import Unit, User
    from iku_web.models.units import default_unit_id

    app = make_app(directory, PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")
    with app.app_context():
        upgrade()
        top = db.session.get(Unit, default_unit_id())
        units = [top] + [Unit(name=f"KPU Kabupaten {n}", code=f"kab-{n:02d}", kind="kabupaten",
                              place=f"Kota {n}", parent=top) for n in range(1, kabupaten + 1)]
        db.session.add_all(units)
        db.session.flush()
        for unit in units:
            admin = User(username=f"admin.{unit.code}", full_name="Admin")
            admin.set_password(PASSWORD)
            admin.set_role(unit.id, "admin")
            db.session.add(admin)
            for year, count in YEARS.items():
                year_obj = _year(unit.id, year, count)
                db.session.add(year_obj)
                db.session.flush()
                add_realisasi(year_obj.indicators)
        db.session.commit()
        code = units[-1].code
        db.engine.dispose()
    return app, code


class Office:
    """A logged-in admin of one unit of an install, saving its own cells and loading pages;
    counts the SQL statements of each request."""

    def __init__(self, app: Flask, code: str):
        from iku_web.extensions import db

        self.app, self.code, self.statements = app, code, 0
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", self._count)
        self.client = app.test_client()
        token = TOKEN.search(self.client.get("/masuk").text).group(1)
        answer = self.client.post("/masuk", data={"username": f"admin.{code}",
                                                  "password": PASSWORD, "csrf_token": token})
        assert answer.status_code == 302, answer.status_code
        self.cells = {}
        for year in YEARS:
            page = self.client.get(self.page_url(year)).text
            indicator = re.findall(r'id="rl-row-(\d+)"', page)[3]
            self.cells[year] = {"url": f"/{code}/{year}/realisasi/{indicator}/3",
                                "version": "0", "base": "", "n": 0}
        self.headers = {"X-CSRFToken": TOKEN.search(page).group(1), "HX-Request": "true"}

    def _count(self, *_args) -> None:
        self.statements += 1

    def page_url(self, year: int) -> str:
        return f"/{self.code}/{year}/realisasi"

    def save(self, year: int) -> None:
        cell = self.cells[year]
        cell["n"] += 1
        answer = self.client.post(cell["url"], headers=self.headers, data={
            "value": str(30 + cell["n"] % 50), "version": cell["version"],
            "base": cell["base"]}).text
        assert 'data-state="saved"' in answer, answer[:300]
        cell["version"] = re.search(r'name="version" value="(\d+)"', answer).group(1)
        cell["base"] = re.search(r'name="base" value="([^"]*)"', answer).group(1)

    def page(self, year: int) -> None:
        answer = self.client.get(self.page_url(year))
        assert answer.status_code == 200, answer.status_code

    def statements_of(self, call) -> int:
        before = self.statements
        call()
        return self.statements - before


def batch_median(call, count: int) -> float:
    """The median wall time (ms) of `count` calls."""
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--pages", type=int, default=4)
    args = parser.parse_args()
    hello = Flask("hello")
    hello.add_url_rule("/", "index", lambda: "hello")
    hello_client = hello.test_client()
    with tempfile.TemporaryDirectory(prefix="iku-units-bench-") as tmp:
        t0 = time.perf_counter()
        offices = {}
        for name, kabupaten in (("1 unit", 0), ("15 units", KABUPATEN)):
            directory = Path(tmp) / name.replace(" ", "-")
            directory.mkdir()
            offices[name] = Office(*build(directory, kabupaten))
        print(f"seeded in {time.perf_counter() - t0:.1f} s; {args.runs} runs of {args.saves} "
              f"saves and {args.pages} pages each")
        cases = {  # name -> (office, call)
            "save 50 / 1 unit": (offices["1 unit"], lambda o: o.save(2050)),
            "save 50 / 15 units": (offices["15 units"], lambda o: o.save(2050)),
            "save 200 / 1 unit": (offices["1 unit"], lambda o: o.save(2051)),
            "save 200 / 15 units": (offices["15 units"], lambda o: o.save(2051)),
            "page 50 / 1 unit": (offices["1 unit"], lambda o: o.page(2050)),
            "page 50 / 15 units": (offices["15 units"], lambda o: o.page(2050)),
        }
        queries = {}
        for name, (office, call) in cases.items():
            for _ in range(3):  # warm-up: templates, memo, first session touches
                call(office)
            queries[name] = office.statements_of(lambda o=office, c=call: c(o))
        medians: dict[str, list[float]] = {name: [] for name in [*cases, "hello"]}
        for run in range(args.runs):
            order = list(cases.items()) if run % 2 == 0 else list(reversed(cases.items()))
            for name, (office, call) in order:
                count = args.pages if name.startswith("page") else args.saves
                medians[name].append(batch_median(lambda o=office, c=call: c(o), count))
            medians["hello"].append(batch_median(lambda: hello_client.get("/"), args.saves))
    ms = {name: statistics.median(values) for name, values in medians.items()}

    def ratio(name: str) -> str:  # rate of the 15-unit install / rate of the 1-unit one
        base = name.replace("15 units", "1 unit")
        return f"{ms[base] / ms[name]:6.0%}" if name != base else "  base"

    print(f"{'request':22} {'median ms':>10} {'vs 1 unit':>10} {'SQL':>5}")
    for name in cases:
        print(f"{name:22} {ms[name]:10.2f} {ratio(name):>10} {queries[name]:5d}")
    print(f"{'hello (bare Flask)':22} {ms['hello']:10.3f}")
    print("save 200 / save 50 (rate), 1 unit: "
          f"{ms['save 50 / 1 unit'] / ms['save 200 / 1 unit']:.0%}; 15 units: "
          f"{ms['save 50 / 15 units'] / ms['save 200 / 15 units']:.0%} (aim >= 85%)")
    print(f"save / hello (rate), 50 indicators: 1 unit "
          f"{ms['hello'] / ms['save 50 / 1 unit']:.1%}, 15 units "
          f"{ms['hello'] / ms['save 50 / 15 units']:.1%} (issue's aim under gunicorn: >= 10%)")
    print("aim: 15 units >= 90% of 1 unit for save and page, same SQL statements")


if __name__ == "__main__":
    main()
