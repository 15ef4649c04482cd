"""First paint of Vigil's dashboard in headless Chromium, against any Vigil database.

Starts `vigil serve` on a free loopback port over --db, loads the dashboard --runs times in a fresh
headless Chromium tab, and reads the browser's own clocks (milliseconds since navigation start):

  first_contentful_paint  performance.getEntriesByType('paint'), 'first-contentful-paint'
  points_drawn            the 'vigil-points-drawn' mark, set once the map's event points are on the map
  api                     the duration of each API request the first view made (Resource Timing)

The same measurements on an empty Vigil database, taken in the same process, are the baseline;
`ratio` is the run on --db against it (the median run of each). Needs chromium and chromedriver
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
const api = performance.getEntriesByType('resource').filter(e => e.name.includes('/api/'))
  .map(e => [new URL(e.name).pathname + new URL(e.name).search, Math.round(e.duration)]);
return {first_contentful_paint: paint ? Math.round(paint.startTime) : null,
        points_drawn: points ? Math.round(points.startTime) : null,
        map_points: Number(document.documentElement.dataset.mapPoints || 0), api: Object.fromEntries(api)};
"""


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
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return performance.getEntriesByName('vigil-points-drawn').length > 0"))
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
    return {
        "db": str(db), "events": stats["events"], "documents": stats["documents"], "runs": loads,
        "median_first_contentful_paint_ms": statistics.median(r["first_contentful_paint"] or 0 for r in loads),
        "median_points_drawn_ms": statistics.median(r["points_drawn"] for r in loads),
    }


def empty_database(folder: Path) -> Path:
    from vigil.store import SQLiteStore

    path = folder / "empty.db"
    SQLiteStore(path).close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a Vigil database (SQLite file)")
    parser.add_argument("--runs", type=int, default=3, help="page loads on each database (the median is reported)")
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
        "ratio_first_contentful_paint": round(result["median_first_contentful_paint_ms"]
                                              / max(1, baseline["median_first_contentful_paint_ms"]), 2),
        "ratio_points_drawn": round(result["median_points_drawn_ms"] / max(1, baseline["median_points_drawn_ms"]), 2),
    }
    text = json.dumps(out, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
