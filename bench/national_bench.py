"""National scale benchmark of the roll-up (issue 21): 553 units on PostgreSQL against a
province-sized install (15 units) and a 1-unit install built the same way, in one run.

    python bench/national_bench.py [--rounds 15] [--runs 3] [--seconds 60] [--clients 200]
                                   [--think 60] [--workers 3]       (make bench-national)

On a throw-away PostgreSQL cluster (fsync on, as a server runs) it builds with bulk inserts
(national_build.py): KPU RI + 38 provinces + 514 Kabupaten/Kota x 15 indicators x TW I-IV,
approved; a province and its 14 offices; one Kabupaten alone; and the 15-unit install again on
SQLite, the embedded default. Then it measures, alternating between the installs so that the
machine's noise hits all alike:

- the roll-up service and the pages that show roll-up (national_pages.PAGES) for KPU RI, a
  province and, as a control, a Kabupaten: p50/p95 over --rounds requests, and the SQL
  statements per request;
- a Kabupaten's realisasi save from --clients concurrent clients against gunicorn, on the
  553-unit install and on the 1-unit install, --runs runs of --seconds each (national_load.py):
  medians of each run's p50 and p95;
- the EXPLAIN (ANALYZE, BUFFERS) of the roll-up's statements for KPU RI.

Prints the figures, their ratios to the baselines and the goals of the issue, with the load
average (figures from a busy machine are indicative). Not a test; docs/performance.md.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from iku_web import create_app  # noqa: E402
from iku_web.extensions import db  # noqa: E402
from tests.pg import Cluster, pg_bin  # noqa: E402

# (name, provinces, Kabupaten/Kota, database): the installs built.
INSTALLS = [("553 unit PG", 38, 514, "pg"), ("15 unit PG", 0, 14, "pg"),
            ("1 unit PG", 0, 0, "pg"), ("15 unit SQLite", 0, 14, "sqlite")]


class BenchCluster(Cluster):
    """The tests' throw-away cluster, but with fsync on: a save's commit waits for the disk as
    on a server."""

    def start(self) -> None:
        self.run(pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                 "--no-sync")
        options = f"-k {self.sock} -c listen_addresses='' -p {self.port}"
        self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                 str(self.base / "server.log"), "-w", "start")

    def sql(self, statement: str) -> None:
        self.run(pg_bin("psql"), "-h", str(self.sock), "-p", str(self.port), "-U", "postgres",
                 "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", statement)

    def url(self, name: str) -> str:
        return f"postgresql://postgres@/{name}?host={self.sock}&port={self.port}"


def app_on(url: str, instance: Path):
    instance.mkdir(parents=True, exist_ok=True)
    return create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                       "INSTANCE_PATH": str(instance), "UPLOAD_DIR": str(instance / "up")})


def build_installs(cluster: BenchCluster, tmp: Path, clients: int) -> dict:
    """Every install of INSTALLS: {name: (url, app, tree, seconds to build)}."""
    from flask_migrate import upgrade
    from national_build import build

    template = app_on(cluster.create_database("iku_template"), tmp / "template")
    with template.app_context():
        upgrade()
        db.engine.dispose()
    built = {}
    for n, (name, provinces, kabupaten, kind) in enumerate(INSTALLS):
        if kind == "pg":
            cluster.sql(f"CREATE DATABASE install{n} TEMPLATE iku_template")
            url = cluster.url(f"install{n}")
        else:
            url = f"sqlite:///{tmp / f'install{n}.sqlite3'}"
        app = app_on(url, tmp / f"install{n}")
        with app.app_context():
            if kind != "pg":
                upgrade()
            started, cpu = time.perf_counter(), time.process_time()
            tree = build(provinces, kabupaten, clients)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            if kind == "pg":
                db.session.execute(db.text("ANALYZE"))  # as autovacuum would by now
                db.session.commit()
        built[name] = (url, app, tree, seconds)
        print(f"built {name}: {tree.units} units, {sum(tree.rows.values())} rows "
              f"{tree.rows} in {seconds:.1f} s (CPU of this process {cpu:.1f} s)", flush=True)
    return built


def roles(tree) -> dict[str, str]:
    """The units measured, by their place in the tree."""
    if tree.province and tree.top != tree.province:
        return {"KPU RI": tree.top, "provinsi": tree.province, "kabupaten": tree.save_unit}
    if tree.province:
        return {"provinsi": tree.top, "kabupaten": tree.save_unit}
    return {"kabupaten": tree.save_unit}


def load() -> str:
    return "load average " + ", ".join(f"{v:.1f}" for v in os.getloadavg()) \
        + f" on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=200)
    # 200 verifiers each saving about once a minute: 3.3 saves a second offered.
    parser.add_argument("--think", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--skip-save", action="store_true", help="pages and EXPLAIN only")
    args = parser.parse_args()

    import national_pages
    import national_report

    print(load(), flush=True)
    cluster = BenchCluster()
    cluster.start()
    try:
        with tempfile.TemporaryDirectory(prefix="iku-national-") as tmp:
            built = build_installs(cluster, Path(tmp), args.clients)
            sites = [national_pages.Site(name, app, roles(tree))
                     for name, (_url, app, tree, _s) in built.items()]
            print(f"pages: {args.rounds} rounds; {load()}", flush=True)
            samples = national_pages.measure(sites, args.rounds)
            page_load = load()
            big = built["553 unit PG"][2]
            plans = {f"KPU RI ({big.top})": national_pages.explain(sites[0], big.top),
                     f"province ({big.province})": national_pages.explain(sites[0],
                                                                         big.province)}
            saves = None if args.skip_save else save_runs(built, Path(tmp), args)
            national_report.report(built, samples, page_load, plans, saves, args)
            for _url, app, _tree, _s in built.values():
                with app.app_context():
                    db.engine.dispose()
    finally:
        cluster.stop()


def save_runs(built: dict, tmp: Path, args) -> dict:
    """{install: [Run]} of the Kabupaten save on the 553-unit and the 1-unit install."""
    import national_load
    import sqlalchemy as sa
    from loopback import stop

    from iku_web.models import Indicator, Unit, Year

    servers, clients, runs = [], {}, {}
    try:
        for name in ("553 unit PG", "1 unit PG"):
            url, app, tree, _s = built[name]
            with app.app_context():
                ids = list(db.session.scalars(
                    sa.select(Indicator.id).join(Year).join(Unit)
                    .where(Unit.code == tree.save_unit).order_by(Indicator.position)))
            server, port = national_load.serve(url, tmp / f"serve-{len(servers)}", args.workers)
            servers.append(server)
            clients[name] = national_load.logged_in(port, tree.save_unit, ids, args.clients,
                                                    args.think)
            runs[name] = []
        for n in range(args.runs):
            for name in clients:
                run = national_load.timed_run(clients[name], args.seconds)
                runs[name].append(run)
                print(f"save run {n + 1} {name}: {len(run.times)} saves, "
                      f"p50 {run.percentile(50) * 1000:.0f} ms, "
                      f"p95 {run.percentile(95) * 1000:.0f} ms, errors {run.errors}, "
                      f"load {run.load:.1f}", flush=True)
    finally:
        stop(*servers)
    return runs


if __name__ == "__main__":
    main()
