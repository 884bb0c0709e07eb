"""Server memory per single upload (issue 12): each hostile file through its uploader in a real browser.

Against a running server (``streamlit run app.py --server.port 8765``), for each case: open the page in
a fresh tab (a new session), wait until it is idle, read the server's resident set size, upload the
file, wait until the rerun it causes has finished, read the RSS again; a thread samples the RSS every
10 ms in between for the peak. Prints, per case and round, the RSS before and the growth at the peak
and after, whether the page shows an exception, and the start of the message it shows.

Files (generated into a temporary directory by ``tests/hostile.py``, nothing binary in the repository):
a noise PNG just under the browser's 8 MB limit (8,000,000 bytes: Chromium on Linux and macOS counts
decimal megabytes), a 30000×30000 PNG of under 1 MB (a pixel bomb), and ``.npz`` zip bombs that unpack
to 1 GiB and 3.75 GiB, fed through the Convolution lab's photo, the Inside page's digit image and
model file, and the Training page's model file.

Example::

    streamlit run app.py --server.port 8765 --server.headless true &
    python scripts/upload_memory.py http://127.0.0.1:8765 --pid $! --rounds 2

The numbers are for reading, not for asserting. Needs Playwright and /usr/bin/chromium (Linux: the
RSS is read from /proc).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from hostile import zip_bomb_npz  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, RUN_COUNTER_SCRIPT, expect_rerun, wait_until_idle  # noqa: E402

BROWSER_LIMIT = 8_000_000


def make_files(folder: Path) -> dict[str, Path]:
    from PIL import Image

    files = {}
    side = 1630  # 1630² RGB stored uncompressed: 7,975,010 bytes
    noise = np.random.default_rng(0).integers(0, 256, (side, side, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, format="PNG", compress_level=0)
    assert len(buffer.getvalue()) < BROWSER_LIMIT
    files["max.png"] = buffer.getvalue()
    buffer = io.BytesIO()
    Image.new("L", (30000, 30000), 0).save(buffer, format="PNG")
    files["pixel_bomb.png"] = buffer.getvalue()
    files["bomb_1GiB.npz"] = zip_bomb_npz(1 << 30)
    files["bomb_3.75GiB.npz"] = zip_bomb_npz(3840 << 20)
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


CASES = [  # (label, page and query, uploader's widget key as a CSS class, file)
    ("conv_lab photo: 8 MB noise PNG", "/conv_lab?conv.photo=upload", "conv-upload", "max.png"),
    ("inside digit: 8 MB noise PNG", "/inside?inside.source=upload", "inside-image_file", "max.png"),
    ("conv_lab photo: pixel bomb", "/conv_lab?conv.photo=upload", "conv-upload", "pixel_bomb.png"),
    ("inside model: zip bomb 1 GiB", "/inside", "inside-model_file", "bomb_1GiB.npz"),
    ("inside model: zip bomb 3.75 GiB", "/inside", "inside-model_file", "bomb_3.75GiB.npz"),
    ("training model: zip bomb 1 GiB", "/training", "training-upload", "bomb_1GiB.npz"),
    ("training model: zip bomb 3.75 GiB", "/training", "training-upload", "bomb_3.75GiB.npz"),
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


class PeakSampler:
    def __init__(self, pid: int):
        self.pid, self.peak, self.done = pid, rss_mb(pid), False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.01)

    def stop(self) -> float:
        self.done = True
        self.thread.join()
        return self.peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base_url")
    parser.add_argument("--pid", type=int, required=True, help="the streamlit server's process id")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", default="", help="run only the cases whose label contains this text")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        files = make_files(Path(folder))
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.add_init_script(RUN_COUNTER_SCRIPT)
        context.set_default_timeout(120_000)
        for round_number in range(args.rounds):
            for label, path, key, name in CASES:
                if args.only not in label:
                    continue
                page = context.new_page()
                page.goto(args.base_url + path, wait_until="domcontentloaded")
                wait_until_idle(page)
                before = rss_mb(args.pid)
                sampler = PeakSampler(args.pid)
                with expect_rerun(page):
                    page.locator(f".st-key-{key} input[type=file]").set_input_files(str(files[name]))
                peak = sampler.stop()
                after = rss_mb(args.pid)
                exceptions = page.locator('[data-testid="stException"]').count()
                alerts = [text.split("\n")[-1][:70] for text in page.locator('[data-testid="stAlert"]').all_inner_texts()
                          if "MB" in text or "pixel" in text or "load" in text]
                print(f"{round_number} | {label:34s} | RSS before {before:6.0f} MB | peak {peak - before:+6.1f} MB | "
                      f"after {after - before:+6.1f} MB | exceptions {exceptions} | {alerts[:1]}", flush=True)
                page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
