"""How fast the Training page trains, next to ``python -m cnnviz.train`` on the same configuration.

    python scripts/bench_training.py                      # starts its own server on a free port
    python scripts/bench_training.py --url http://127.0.0.1:8501 --query "training.epochs=4"

1. Runs ``python -m cnnviz.train --quiet`` (the default configuration, or the one given by
   ``--query``'s ``training.*`` options) and reads the images/s it prints.
2. Opens ``/training`` in headless Chromium (Debian's ``/usr/bin/chromium``, through Playwright),
   presses Start and waits for the "Finished" line; the page's rate is the images trained
   (steps × batch size, read from the progress bar) over the wall time from the click to that line,
   so every cost the page adds (charts, statistics, held-out evaluation, the time between live
   updates) counts against it.
3. Prints both rates and their ratio (issue 13 asks for at least 70 %).

The numbers are for reading: nothing here is a test (a timing depends on the machine and its load).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI_RATE = re.compile(r"\|\s*([\d,]+) images/s")
STEP = re.compile(r"step (\d+) of (\d+)")
CLI_OPTIONS = {  # URL option -> CLI flag (the options a benchmark is likely to vary)
    "training.model": "--model", "training.activation": "--activation", "training.dataset": "--dataset",
    "training.train_size": "--train-size", "training.optimizer": "--optimizer", "training.lr": "--lr",
    "training.batch_size": "--batch-size", "training.epochs": "--epochs", "training.filters": "--filters",
    "training.conv_blocks": "--conv-blocks", "training.seed": "--seed",
}


def pinned(command: list[str], cpus: str | None) -> list[str]:
    """``command`` run on the given CPUs only (``taskset -c``), or as it is."""
    return ["taskset", "-c", cpus, *command] if cpus else command


def cli_rate(query: str, cpus: str | None = None) -> tuple[float, float, list[str]]:
    """Images/s printed by ``python -m cnnviz.train`` for the options in ``query``, its wall time, its flags."""
    flags = []
    for key, value in urllib.parse.parse_qsl(query):
        if key in CLI_OPTIONS:
            flags += [CLI_OPTIONS[key], value]
    start = time.perf_counter()
    done = subprocess.run(pinned([sys.executable, "-m", "cnnviz.train", "--quiet", *flags], cpus), cwd=ROOT, check=True,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    match = CLI_RATE.search(done.stdout)
    if not match:
        raise SystemExit(f"could not read images/s from: {done.stdout!r}")
    return float(match.group(1).replace(",", "")), wall, flags


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(chunk_seconds: str | None, cpus: str | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="bench_training_", suffix=".log", delete=False)  # noqa: SIM115
    env = {k: v for k, v in os.environ.items() if not k.startswith("CNNVIZ_CHUNK")}
    if chunk_seconds is not None:
        env["CNNVIZ_CHUNK_SECONDS"] = chunk_seconds
    proc = subprocess.Popen(pinned([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                                    "--server.address", "127.0.0.1", "--server.headless", "true",
                                    "--browser.gatherUsageStats", "false"], cpus),
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env=env)
    url = f"http://127.0.0.1:{port}"
    while True:  # wait for the state "health answers"
        if proc.poll() is not None:
            raise SystemExit(f"the server exited; see {log.name}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
                if response.read() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.2)


def page_rate(url: str, query: str, batch_size: int) -> tuple[float, float, int]:
    """Images/s of the Training page from Start to "Finished", the wall time and the steps trained."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(600_000)
        page.goto(f"{url}/training?lang=en" + (f"&{query}" if query else ""))
        start_button = page.get_by_role("button", name="Start")
        start_button.wait_for()
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        start = time.perf_counter()
        start_button.click()
        finished = page.get_by_text(re.compile(r"Finished: held-out accuracy"))
        stats = page.get_by_text(re.compile(r"Last chunk: "))
        while True:  # wait for "Finished"; every 2 s meanwhile, print the page's own chunk statistics
            try:
                finished.wait_for(timeout=2000)
                break
            except PlaywrightTimeout:
                if stats.count():
                    print(f"  {time.perf_counter() - start:5.1f} s  {stats.first.inner_text()}", flush=True)
        wall = time.perf_counter() - start
        steps = int(STEP.search(page.locator('[data-testid="stProgress"]').first.inner_text()).group(1))
        browser.close()
    return steps * batch_size / wall, wall, steps


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start one on a free port)")
    parser.add_argument("--query", default="", help='URL options of the run, e.g. "training.epochs=4"')
    parser.add_argument("--chunk-seconds", help="the started server's CNNVIZ_CHUNK_SECONDS (default: the app's)")
    parser.add_argument("--server-cpus", help='CPUs of the CLI run and the started server, e.g. "0" (taskset -c)')
    parser.add_argument("--browser-cpus", help='CPUs of the browser, e.g. "1": in a class the browser runs on the '
                                               "student's device, not on the server")
    args = parser.parse_args(argv)
    batch_size = int(dict(urllib.parse.parse_qsl(args.query)).get("training.batch_size", 64))

    cli, cli_wall, flags = cli_rate(args.query, args.server_cpus)
    print(f"python -m cnnviz.train {' '.join(flags)}: {cli:,.0f} images/s (wall {cli_wall:.1f} s)")
    proc = None
    url = args.url
    if url is None:
        proc, url = start_server(args.chunk_seconds, args.server_cpus)
    if args.browser_cpus:  # Chromium, started from this process, inherits its CPUs
        os.sched_setaffinity(0, {int(cpu) for cpu in args.browser_cpus.split(",")})
    try:
        page, wall, steps = page_rate(url, args.query, batch_size)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"Training page: {steps} steps × {batch_size} images in {wall:.1f} s = {page:,.0f} images/s")
    cli_wall_rate = steps * batch_size / cli_wall
    print(f"page / CLI: {page / cli:.0%} of the images/s it prints (training steps only), "
          f"{page / cli_wall_rate:.0%} of its images per wall second ({cli_wall_rate:,.0f}: evaluations, "
          "data loading and start-up included, as the page's time includes them)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
