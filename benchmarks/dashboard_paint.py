"""First paint of Vigil's dashboard in headless Chromium, against any Vigil database.

Starts `vigil serve` on a free loopback port over --db, loads the dashboard --runs times in a fresh
headless Chromium tab, and reads the browser's own clocks (milliseconds since navigation start):

  first_contentful_paint  performance.getEntriesByType('paint'), 'first-contentful-paint'
  points_drawn            the 'vigil-points-drawn' mark, set once the map's event points are on the map
  rendered                the 'vigil-rendered' mark: the whole first view drawn (timeline, event list, filters)
  api                     the duration of each API request the first view made (Resource Timing)

The first load meets a cold server (its answer cache empty, the file maybe not in the OS cache); the
later loads are warm. The same measurements on an empty Vigil database, taken in the same process, are
the baseline; the ratios compare the cold loads and the medians of the warm loads. Needs chromium and chromedriver
(Debian: apt-get install chromium chromium-driver) and the built dashboard (make install).

    python benchmarks/dashboard_paint.py --db vigil.db [--runs 5] [--json out/paint.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,860")
READ_TIMINGS = """
const paint = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
const points = performance.getEntriesByName('vigil-points-drawn')[0];
const rendered = performance.getEntriesByName('vigil-rendered')[0];
const api = performance.getEntriesByType('resource').filter(e => e.name.includes('/api/'))
  .map(e => [new URL(e.name).pathname + new URL(e.name).search, Math.round(e.duration)]);
return {first_contentful_paint: paint ? Math.round(paint.startTime) : null,
        points_drawn: points ? Math.round(points.startTime) : null,
        rendered: rendered ? Math.round(rendered.startTime) : null,
        map_points: Number(document.documentElement.dataset.mapPoints || 0), api: Object.fromEntries(api)};
"""


METRICS = ("first_contentful_paint", "points_drawn", "rendered")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path):
    """`vigil serve` over the database, until the block ends."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "vigil.cli", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "api/stats", timeout=30).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"vigil serve did not start on {db}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        raise SystemExit("needs chromium and chromedriver (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="vigil-paint-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(300)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def load_once(driver, base: str, timeout: float) -> dict:
    """One load of the dashboard in a fresh tab, with the browser cache off; the browser's timings."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.switch_to.new_window("tab")
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    started = time.perf_counter()
    driver.get(base)
    WebDriverWait(driver, timeout).until(  # the whole first view, so that no request outlives the tab
        lambda d: d.execute_script("return performance.getEntriesByName('vigil-rendered').length > 0"))
    timings = driver.execute_script(READ_TIMINGS)
    timings["wall_seconds"] = round(time.perf_counter() - started, 3)
    handles = driver.window_handles
    driver.close()
    driver.switch_to.window(handles[0])
    return timings


def measure(db: Path, runs: int, timeout: float) -> dict:
    with serving(db) as base, chromium() as driver:
        stats = json.loads(urllib.request.urlopen(base + "api/stats", timeout=60).read())
        loads = [load_once(driver, base, timeout) for _ in range(runs)]
    warm = loads[1:] or loads
    return {
        "db": str(db), "events": stats["events"], "documents": stats["documents"], "runs": loads,
        "cold": {k: loads[0][k] for k in METRICS},
        "warm_median": {k: statistics.median(r[k] or 0 for r in warm) for k in METRICS},
    }


def empty_database(folder: Path) -> Path:
    from vigil.store import SQLiteStore

    path = folder / "empty.db"
    SQLiteStore(path).close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a Vigil database (SQLite file)")
    parser.add_argument("--runs", type=int, default=4, help="page loads on each database: one cold, then warm ones")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for the map's points")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    if not args.db.is_file():
        raise SystemExit(f"no database at {args.db}")
    from vigil.server import dashboard_missing

    if (missing := dashboard_missing()) is not None:
        raise SystemExit(str(missing))
    with tempfile.TemporaryDirectory() as tmp:
        baseline = measure(empty_database(Path(tmp)), args.runs, args.timeout)
    result = measure(args.db, args.runs, args.timeout)
    out = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "baseline_empty_db": baseline, "db": result,
        "ratio_against_empty_db": {
            when: {k: round(result[when][k] / max(1, baseline[when][k]), 2) for k in METRICS}
            for when in ("cold", "warm_median")},
    }
    text = json.dumps(out, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
