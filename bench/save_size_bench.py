"""A save at 50 and at 200 indicators, in one process, alternating: the cost of the year's size.

    python bench/save_size_bench.py [--saves 200]

Seeds the scratch SQLite database of seed_years.py (years 2050 with 50 and 2051 with 200
indicators) and saves one cell of each year in turn through the test client (logged in, CSRF
token, version and base as the page gives them), so that a busy machine slows both alike.
Prints the median time of a save in each year and the ratio of their rates (aim: >= 85%).
Not a test: numbers depend on the machine; realisasi_bench.py measures the same under gunicorn.
"""
import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    from seed_years import PASSWORD, YEARS, seeded

    with seeded("iku-save-bench-"):
        from bench_apps import iku

        client = iku.test_client()
        token = re.search(r'"X-CSRFToken": "([^"]+)"', client.get("/masuk").text).group(1)
        client.post("/masuk", data={"username": "admin", "password": PASSWORD,
                                    "csrf_token": token})
        cells = {}
        for year, count in YEARS.items():
            page = client.get(f"/barito-selatan/{year}/realisasi").text
            indicator = re.findall(r'id="rl-row-(\d+)"', page)[3]
            cells[year] = {"url": f"/barito-selatan/{year}/realisasi/{indicator}/3",
                           "version": "0", "base": "", "n": 0, "count": count, "times": []}
        # Login starts a fresh session: the token of the page after it is the one that counts.
        token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
        headers = {"X-CSRFToken": token, "HX-Request": "true"}

        def save(cell) -> None:
            cell["n"] += 1
            t0 = time.perf_counter()
            answer = client.post(cell["url"], headers=headers, data={
                "value": str(30 + cell["n"] % 50), "version": cell["version"],
                "base": cell["base"]}).text
            cell["times"].append(time.perf_counter() - t0)
            assert 'data-state="saved"' in answer, answer[:300]
            cell["version"] = re.search(r'name="version" value="(\d+)"', answer).group(1)
            cell["base"] = re.search(r'name="base" value="([^"]*)"', answer).group(1)

        for cell in cells.values():
            for _ in range(5):
                save(cell)
            cell["times"].clear()
        for n in range(args.saves):
            for cell in (cells.values() if n % 2 else reversed(cells.values())):
                save(cell)
    small, large = (statistics.median(cell["times"]) * 1000 for cell in cells.values())
    print(f"{args.saves} saves per year, alternating, in one process; {os.cpu_count()} CPUs")
    for cell, ms in zip(cells.values(), (small, large), strict=True):
        print(f"save ({cell['count']} indicators): median {ms:.2f} ms")
    print(f"saves/s at 200 / saves/s at 50: {small / large:.0%} (aim: >= 85%)")


if __name__ == "__main__":
    main()
