"""The read half of the national benchmark: the pages that show roll-up and the roll-up service
call, timed in process (Flask test client) with the SQL statements of each request counted,
and the EXPLAIN (ANALYZE) of the roll-up's queries on PostgreSQL."""
import re
import statistics
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from national_build import PASSWORD, YEAR
from werkzeug.exceptions import MethodNotAllowed, NotFound

from iku_web.extensions import db
from iku_web.models import Indicator, Unit, User, Year
from iku_web.rollup import service

# The pages measured, one line each: {unit} {year} and {indicator} (the unit's first
# indicator, a computed one above the Kabupaten/Kota; a page naming it is asked of the computed
# units only) are filled in. A page this version of the app does not have is left out.
PAGES = [
    ("realisasi", "/{unit}/{year}/realisasi"),
    ("rincian", "/{unit}/{year}/iku/{indicator}/rincian"),
    ("API capaian", "/api/v1/{unit}/{year}/capaian"),
]


@dataclass
class Site:
    """One install served in this process: its app, a client signed in as the admin, and the
    statements its engine ran."""
    name: str
    app: object
    units: dict[str, str]  # role in the tree ("KPU RI", "provinsi", "kabupaten") -> code
    statements: list = field(default_factory=lambda: [0])

    def __post_init__(self):
        with self.app.app_context():
            sa.event.listen(db.engine, "before_cursor_execute", self._count)
        self.client = self.app.test_client()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                          self.client.get("/masuk").text).group(1)
        answer = self.client.post("/masuk", data={"username": "admin", "password": PASSWORD,
                                                  "csrf_token": token})
        assert answer.status_code == 302, answer.status_code
        self.headers = self._api_headers()

    def _count(self, *_args):
        self.statements[0] += 1

    def _api_headers(self) -> dict:
        """A bearer token of the admin for the API, when this version has tokens."""
        try:
            from iku_web.api import tokens
        except ImportError:
            return {}
        with self.app.app_context():
            admin = db.session.scalar(sa.select(User).where(User.username == "admin"))
            _row, token = tokens.issue(admin, "bench", None, admin)
            db.session.commit()
        return {"Authorization": f"Bearer {token}"}

    def first_indicator(self, code: str, position: int = 1) -> int:
        with self.app.app_context():
            return db.session.scalar(
                sa.select(Indicator.id).join(Year).join(Unit)
                .where(Unit.code == code, Year.year == YEAR, Indicator.position == position))

    def has(self, path: str) -> bool:
        try:
            self.app.url_map.bind("localhost").match(path, method="GET")
        except (NotFound, MethodNotAllowed):
            return False
        return True

    def timed(self, call) -> tuple[float, float, int]:
        """(wall ms, CPU ms of this process, statements) of call(). The CPU time is the
        steadier figure on a shared machine: the others' load stretches the wall time only
        (PostgreSQL's own work is in the wall time, not in the CPU time)."""
        before = self.statements[0]
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        return wall * 1000, cpu * 1000, self.statements[0] - before

    def get(self, path: str) -> tuple[float, float, int]:
        def call():
            answer = self.client.get(path, headers=self.headers
                                     if path.startswith("/api/") else {})
            assert answer.status_code == 200, (self.name, path, answer.status_code)
        return self.timed(call)

    def rollup(self, code: str) -> tuple[float, float, int]:
        """The roll-up service for every indicator of the unit."""
        with self.app.app_context():
            indicators = db.session.scalars(
                sa.select(Indicator).join(Year).join(Unit)
                .where(Unit.code == code, Year.year == YEAR)).all()

            def call():
                assert len(service.computations(indicators)) == len(indicators)
            return self.timed(call)

    def forget(self) -> None:
        """Drop the roll-up's stored subtrees (rollup/memo.py), as a restart does."""
        self.app.extensions.pop("rollup_subtrees", None)

    def saver(self, code: str, position: int = 1):
        """A call that saves a new value in the unit's TW IV cell of its indicator at
        `position` as the page does (htmx POST with the version it last got), as the admin."""
        iid, state = self.first_indicator(code, position), {"version": 0, "base": "", "n": 0}
        token = re.search(r'"X-CSRFToken": "([^"]+)"',
                          self.client.get(f"/{code}/{YEAR}/realisasi").text).group(1)

        def call():
            state["n"] += 1
            answer = self.client.post(
                f"/{code}/{YEAR}/realisasi/{iid}/4", headers={"X-CSRFToken": token,
                                                              "HX-Request": "true"},
                data={"value": str(state["n"]), "version": state["version"],
                      "base": state["base"]})
            assert 'data-state="saved"' in answer.text, (self.name, answer.text[:300])
            state["version"] = int(re.search(r'name="version" value="(\d+)"',
                                             answer.text).group(1))
            state["base"] = re.search(r'name="base" value="([^"]*)"', answer.text).group(1)
        return lambda: self.timed(call)


@dataclass
class Sample:
    site: str
    unit: str  # role in the tree
    what: str  # a page name, or "service"
    times: list = field(default_factory=list)
    cpu: list = field(default_factory=list)
    statements: list = field(default_factory=list)

    @property
    def cpu50(self) -> float:
        return statistics.median(self.cpu)

    @property
    def p50(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _stored_variants(site: Site, page: str) -> list:
    """The top page in the two cases the stored subtrees do not cover alone (rollup/memo.py):
    right after a save in a Kabupaten (its province computed again; the save is not timed),
    and with nothing stored (the first page after a restart)."""
    save = site.saver(site.units["kabupaten"], position=2)
    return [(Sample(site.name, "KPU RI", "realisasi, after a save below"),
             lambda: (save(), site.get(page))[1]),
            (Sample(site.name, "KPU RI", "realisasi, nothing stored"),
             lambda: (site.forget(), site.get(page))[1])]


def measure(sites: list[Site], rounds: int, budget: float = 90) -> list[Sample]:
    """Every page of every computed unit of every site, the service, and a Kabupaten's save
    (one client: the server's own time, no queue), in `rounds` rounds that alternate between
    them (machine noise hits all alike), after two warm-up rounds. A request that has taken
    `budget` seconds in all stops after 3 samples."""
    jobs = []
    for site in sites:
        for role, code in site.units.items():
            if role == "kabupaten":
                jobs.append((Sample(site.name, role, "save"), site.saver(code)))
            fill = {"unit": code, "year": YEAR, "indicator": site.first_indicator(code)}
            if role != "kabupaten":
                jobs.append((Sample(site.name, role, "service"), lambda s=site, c=code:
                             s.rollup(c)))
            if role == "KPU RI":
                jobs += _stored_variants(site, PAGES[0][1].format(**fill))
            for name, pattern in PAGES:
                if "{indicator}" in pattern and role == "kabupaten":
                    continue  # its indicators are typed: nothing to drill into
                path = pattern.format(**fill)
                if site.has(path):
                    jobs.append((Sample(site.name, role, name),
                                 lambda s=site, p=path: s.get(p)))
    for n in range(rounds + 2):
        for sample, call in jobs:
            if len(sample.times) >= 3 and sum(sample.times) > budget * 1000:
                continue
            ms, cpu, statements = call()
            if n >= 2:
                sample.times.append(ms)
                sample.cpu.append(cpu)
                sample.statements.append(statements)
    return [sample for sample, _call in jobs]


def explain(site: Site, code: str) -> list[tuple[str, list[str]]]:
    """The roll-up's statements for the unit's indicators, each with its EXPLAIN (ANALYZE,
    BUFFERS) on PostgreSQL."""
    with site.app.app_context():
        indicators = db.session.scalars(
            sa.select(Indicator).join(Year).join(Unit)
            .where(Unit.code == code, Year.year == YEAR)).all()
        caught = []
        site.forget()  # every statement: the provinces' subtrees are read as well

        def catch(_conn, _cursor, statement, parameters, _context, _many):
            caught.append((statement, parameters))

        sa.event.listen(db.engine, "before_cursor_execute", catch)
        try:
            service.computations(indicators)
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", catch)
        plans = []
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            for statement, parameters in caught:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                plans.append((statement, [row[0] for row in cursor.fetchall()]))
        finally:
            raw.close()
        return plans
