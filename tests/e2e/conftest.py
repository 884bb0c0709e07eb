"""Real-browser journeys: a Streamlit server on a free port, driven by Debian's headless Chromium.

Fixtures
--------
``app_server``  (session) base URL of ``streamlit run app.py`` started from the repository root,
               with :data:`SERVER_ENV` (training paced by steps, see ``ui/training_state.py``).
``browser_context``  (session) a Playwright persistent context in a fresh user-data dir.
``open_page``  ``open_page("/conv_lab?conv.stride=2")`` → a Playwright ``Page`` whose script
               run has finished, with no ``stException`` on it. Console errors fail the test.
``screenshot``  ``screenshot(page, "conv_lab_zh")`` saves ``screenshots/<name>.png`` (git-ignored)
               when ``CNNVIZ_SCREENSHOTS`` is set, else does nothing.

Every test under ``tests/e2e`` is marked ``e2e``: ``python -m pytest -m "not e2e"`` skips them.
Chromium is not downloaded by Playwright (its hosts are unreachable); ``scripts/test.sh`` installs
Debian's package. Without ``/usr/bin/chromium`` these tests fail and say how to install it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = REPO_ROOT / "screenshots"
IDLE_APP = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SERVER_START_SECONDS = 60
PAGE_TIMEOUT_MS = 30_000
CHUNK_STEPS = 4
SERVER_ENV = {"CNNVIZ_CHUNK_STEPS": str(CHUNK_STEPS)}
"""Pacing of the test server: each live update of the Training page advances exactly CHUNK_STEPS
steps (no time budget), so what a test sees does not depend on the machine's speed."""

# Console errors that are not the app's fault, as (regex over "<message> <resource url>", reason).
BENIGN_CONSOLE_ERRORS: list[tuple[str, str]] = [
    (
        r"status of 404 .*https?://[^/]+/.+/_stcore/(health|host-config)$",
        "opening a deep link /<page> makes Streamlit's frontend probe <page>/_stcore/... as a "
        "possible server base path; the probe 404s and it falls back to /_stcore/ (its own design)",
    ),
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(app_dir: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app.py`` in ``app_dir``; return the process and its base URL once
    ``/_stcore/health`` answers."""
    port = free_port()
    log = log_path.open("w")
    env = {name: value for name, value in os.environ.items() if not name.startswith("CNNVIZ_CHUNK_")}
    env.update(SERVER_ENV)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=app_dir, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, base_url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    stop_server(process)
    pytest.fail(f"streamlit did not become healthy; its log:\n{log_path.read_text()}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    process, base_url = start_server(REPO_ROOT, log_path)
    yield base_url
    stop_server(process)


def launch_context(playwright, user_data_dir: Path):
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's browser with "
            "`apt-get update && apt-get install -y chromium` (or run `bash scripts/test.sh`, "
            "which does it). Do not use `playwright install`."
        )
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 900},
        locale="en-US",
    )


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory):
    from playwright.sync_api import expect, sync_playwright

    # expect(...) waits for a state; its bound (5 s by default) is only a guard against a hang, and
    # a loaded 2-core machine can take longer than 5 s for one rerun: give it the page timeout.
    expect.set_options(timeout=PAGE_TIMEOUT_MS)

    with sync_playwright() as playwright:
        context = launch_context(playwright, tmp_path_factory.mktemp("chromium-profile"))
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        context.add_init_script(RUN_COUNTER_SCRIPT)
        yield context
        context.close()


def is_benign(text: str) -> bool:
    return any(re.search(pattern, text) for pattern, _why in BENIGN_CONSOLE_ERRORS)


# Streamlit's frontend shows "notRunning" from the moment a widget sends its rerun request until
# the server's answer arrives, so the attribute alone cannot tell "idle" from "about to run". This
# script (installed in every page before the app's own code) numbers the WebSocket traffic: each
# rerun request the browser sends (BackMsg field 11, ``rerun_script``) and each completed script
# run it receives (ForwardMsg field 6, ``script_finished``, with any status but "finished early for
# a rerun") gets the next sequence number. The app is idle when the last completed run came after
# the last request and the page says "notRunning".
RUN_COUNTER_SCRIPT = """
(() => {
  if (window.__cnnvizRuns) return;
  const runs = window.__cnnvizRuns = {seq: 0, requested: 0, finished: 0, idleKey: null};
  const FINISHED_EARLY_FOR_RERUN = 2;
  const varint = (bytes, at) => {
    let value = 0, scale = 1, byte;
    do { byte = bytes[at.i++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
    return value;
  };
  // the status of a ForwardMsg's script_finished, or -1 when it is another message
  const finishedStatus = (bytes) => {
    const at = {i: 0};
    while (at.i < bytes.length) {
      const tag = varint(bytes, at), field = Math.floor(tag / 8), wire = tag % 8;
      if (field === 6 && wire === 0) return varint(bytes, at);
      if (field > 2) return -1;  // hash (1) and metadata (2) come first, then the message itself
      if (wire === 2) { const length = varint(bytes, at); at.i += length; }
      else if (wire === 0) varint(bytes, at);
      else return -1;
    }
    return -1;
  };
  const asBytes = (data) => data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  const Native = window.WebSocket;
  class CountingWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const bytes = asBytes(event.data);
        const status = bytes ? finishedStatus(bytes) : -1;
        if (status >= 0 && status !== FINISHED_EARLY_FOR_RERUN) runs.finished = ++runs.seq;
      });
    }
    send(data) {
      const bytes = asBytes(data);
      if (bytes && bytes[0] === 0x5a) runs.requested = ++runs.seq;  // field 11, length-delimited
      return super.send(data);
    }
  }
  window.WebSocket = CountingWebSocket;
})();
"""

# True on the second of two consecutive polls that both saw an idle app with the same counters.
IDLE_CHECK = """() => {
  const runs = window.__cnnvizRuns;
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = !!runs && !!app && app.getAttribute("data-test-script-state") === "notRunning"
               && runs.finished > runs.requested;
  const key = idle ? runs.requested + "/" + runs.finished : null;
  const stable = idle && runs.idleKey === key;
  if (runs) runs.idleKey = key;
  return stable;
}"""
IDLE_POLL_MS = 100


def wait_until_idle(page) -> None:
    """Wait until every script run the page asked for has finished and the page shows it.

    A state, not a time: the run counters of :data:`RUN_COUNTER_SCRIPT` must show a completed run
    after the last rerun request, on two consecutive polls (so a request sent between two
    checks is seen), with the app's script state "notRunning".
    """
    page.evaluate("() => { if (window.__cnnvizRuns) window.__cnnvizRuns.idleKey = null; }")
    page.wait_for_function(IDLE_CHECK, polling=IDLE_POLL_MS, timeout=PAGE_TIMEOUT_MS)


@contextmanager
def expect_rerun(page) -> Iterator[None]:
    """``with expect_rerun(page): <action>`` waits until the action's rerun request was sent and
    every run it asked for has finished (for actions that first do something else, like an
    upload, so that the page still looks idle for a while after the action returns)."""
    before = page.evaluate("() => window.__cnnvizRuns.seq")
    yield
    page.wait_for_function("seq => window.__cnnvizRuns.requested > seq", arg=before, polling=IDLE_POLL_MS,
                           timeout=PAGE_TIMEOUT_MS)
    wait_until_idle(page)


def wait_for_layout(page, height: int) -> None:
    """After ``page.set_viewport_size``: wait until the window has the new height and two animation
    frames have been drawn since (Streamlit and Plotly lay out again on resize)."""
    page.wait_for_function("h => window.innerHeight === h", arg=height)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")


def assert_no_exception(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    if exceptions.count():
        pytest.fail(f"the app shows an exception on {page.url}:\n{exceptions.first.inner_text()}")


class PageOpener:
    """Opens app pages in fresh tabs and records console errors from all of them."""

    def __init__(self, context, base_url: str) -> None:
        self.context = context
        self.base_url = base_url
        self.errors: list[str] = []
        self.pages: list = []

    def __call__(self, path_and_query: str = "/"):
        page = self.context.new_page()
        self.pages.append(page)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.goto(self.base_url + path_and_query, wait_until="domcontentloaded")
        wait_until_idle(page)
        assert_no_exception(page)
        self.check_console()
        return page

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        text = f"{message.text} {message.location.get('url', '')}"
        if not is_benign(text):
            self.errors.append(f"console error: {text}")

    def check_console(self) -> None:
        if self.errors:
            pytest.fail("browser console errors:\n" + "\n".join(self.errors))

    def close(self) -> None:
        for page in self.pages:
            page.close()


@pytest.fixture
def open_page(app_server: str, browser_context) -> Iterator[Callable]:
    opener = PageOpener(browser_context, app_server)
    yield opener
    try:
        opener.check_console()
    finally:
        opener.close()


@pytest.fixture
def screenshot() -> Callable:
    def save(page, name: str) -> Path | None:
        if not os.environ.get("CNNVIZ_SCREENSHOTS"):
            return None
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
