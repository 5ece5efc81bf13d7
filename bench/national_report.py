"""What the national benchmark prints: the build, the pages and the service with their
statements per request, the saves, each against its baseline and the goal of issue 21, and the
EXPLAIN of the roll-up's statements."""
import statistics

BIG, PROVINCE, SINGLE, SQLITE = "553 unit PG", "15 unit PG", "1 unit PG", "15 unit SQLite"


def _find(samples, site: str, unit: str, what: str):
    return next((s for s in samples if (s.site, s.unit, s.what) == (site, unit, what)), None)


def _statements(sample) -> str:
    low, high = min(sample.statements), max(sample.statements)
    return f"{low}" if low == high else f"{low}-{high}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(built: dict, samples: list, page_load: str, plans: dict, saves: dict | None,
           args) -> None:
    print("\n== Build (bulk inserts, after the migrations) ==")
    for name, (_url, _app, tree, seconds) in built.items():
        print(f"{name:<16}{tree.units:>5} units {sum(tree.rows.values()):>7} rows "
              f"{seconds:>7.1f} s")

    print(f"\n== Pages and roll-up service, in process, {args.rounds} rounds ({page_load}) ==")
    print(f"{'install':<16}{'unit':<11}{'request':<31}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'CPU ms':>9}{'SQL':>7}")
    for s in samples:
        print(f"{s.site:<16}{s.unit:<11}{s.what:<31}{len(s.times):>4}{s.p50:>9.1f}"
              f"{s.p95:>9.1f}{s.cpu50:>9.1f}{_statements(s):>7}")
    print("(p50/p95: wall time; CPU ms: median CPU time of this process; SQL: statements "
          "per request, min-max over the rounds)")

    print("\n== Roll-up against the goals ==")
    for what in sorted({s.what for s in samples} - {"save"}):
        top = _find(samples, BIG, "KPU RI", what)
        if top is None:
            continue
        # "realisasi, after a save below" is KPU RI's page in another state: the same baseline.
        base = what.split(",")[0]
        prov_big = _find(samples, BIG, "provinsi", base)
        prov = _find(samples, PROVINCE, "provinsi", base)
        lite = _find(samples, SQLITE, "provinsi", base)
        line = f"{what}: KPU RI p50 {top.p50:.1f} ms (CPU {top.cpu50:.1f}) at 553 units"
        if what != "service":
            line += f" (goal <= 300 ms: {_verdict(top.p50 <= 300)})"
        print(line)
        if prov is not None:
            ratio = top.p50 / prov.p50
            print(f"  / the same at the top of a 15-unit install (a province) {prov.p50:.1f} ms = "
                  f"{ratio:.2f}x, CPU {top.cpu50 / prov.cpu50:.2f}x"
                  + (f" (goal <= 3x: {_verdict(ratio <= 3)})" if what != "service" else ""))
            print(f"  province at 553 units {prov_big.p50:.1f} ms = "
                  f"{prov_big.p50 / prov.p50:.2f}x the same province at 15 units")
            same = statistics.mode(top.statements) == statistics.mode(prov.statements)
            print(f"  SQL per request (most frequent): top unit@553 "
                  f"{statistics.mode(top.statements)}, top unit@15 "
                  f"{statistics.mode(prov.statements)}: "
                  f"{'independent of the number of units' if same else 'DIFFERS'}"
                  f" (province@553, which has a parent: {_statements(prov_big)})")
        if lite is not None and prov is not None:
            print(f"  SQLite, province at 15 units: p50 {lite.p50:.1f} ms, p95 {lite.p95:.1f} "
                  f"ms, {_statements(lite)} SQL = {lite.p50 / prov.p50:.2f}x PostgreSQL")

    big, single = _find(samples, BIG, "kabupaten", "save"), _find(samples, SINGLE,
                                                                   "kabupaten", "save")
    speed = single.p50 / big.p50
    print(f"Kabupaten save, one client in process: p50 {big.p50:.1f} ms (CPU {big.cpu50:.1f}, "
          f"{_statements(big)} SQL) at 553 units, {single.p50:.1f} ms (CPU "
          f"{single.cpu50:.1f}, {_statements(single)} SQL) on 1 unit: speed {speed:.2f} "
          f"(goal >= 0.90: {_verdict(speed >= 0.9)}), CPU {single.cpu50 / big.cpu50:.2f}")

    if saves:
        _saves(saves, args)

    for title, statements in plans.items():
        print(f"\n== EXPLAIN (ANALYZE, BUFFERS) of the roll-up statements, {title} at 553 "
              "units ==")
        for n, (statement, plan) in enumerate(statements, 1):
            print(f"\n-- statement {n}: {' '.join(statement.split())[:300]}")
            for line in plan:
                # A condition on the list of the tree's ids names thousands of them.
                print(f"   {line if len(line) < 300 else line[:300] + '...'}")


def _saves(saves: dict, args) -> None:
    from national_load import summary

    print(f"\n== Kabupaten save, {args.clients} concurrent clients, think time "
          f"{args.think} s, gunicorn {args.workers} workers, {args.runs} x {args.seconds:.0f} s ==")
    print(f"{'install':<14}{'p50 ms':>9}{'p95 ms':>9}{'saved p50':>10}{'saved p95':>10}"
          f"{'saves/s':>9}{'saves':>7}{'errors':>7}{'conflicts':>10}{'load':>6}")
    found = {name: summary(runs) for name, runs in saves.items()}
    for name, s in found.items():
        print(f"{name:<14}{s['p50']:>9.1f}{s['p95']:>9.1f}{s['saved_p50']:>10.1f}"
              f"{s['saved_p95']:>10.1f}{s['per_second']:>9.1f}{s['saves']:>7}{s['errors']:>7}"
              f"{s['conflicts']:>10}{s['load']:>6.1f}")
    print("(p50/p95: every answer; saved: the answers that stored the value, the others were "
          "conflicts)")
    big, single = found[BIG], found[SINGLE]
    speed = single["p50"] / big["p50"]
    print(f"p95 at 553 units {big['p95']:.1f} ms, saved only {big['saved_p95']:.1f} ms (goal "
          f"<= 50 ms on an idle machine: {_verdict(big['saved_p95'] <= 50)}, load "
          f"{big['load']:.1f})")
    pairs = list(zip(saves[SINGLE], saves[BIG], strict=True))
    print(f"speed at 553 units = p50 of the 1-unit install / p50 at 553 units = {speed:.2f} "
          f"(goal >= 0.90: {_verdict(speed >= 0.9)}); per run (1 unit/553 units): "
          + ", ".join(f"{a.percentile(50) * 1000:.0f}/{b.percentile(50) * 1000:.0f} ms"
                      for a, b in pairs)
          + f"; median of the per-run ratios "
          f"{statistics.median(a.percentile(50) / b.percentile(50) for a, b in pairs):.2f}")
