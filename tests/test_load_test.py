"""scripts/load_test.py runs concurrent sessions over Streamlit's websocket protocol.

Against a tiny Streamlit app on a free port: 2 sessions x 2 reruns give 6 finished runs (4 timed
reruns), memory is read from the server's pid, and a page that raises is counted as errors.
No assertion depends on how long anything takes.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
LOAD_TEST = REPO_ROOT / "scripts" / "load_test.py"
HANG_GUARD_S = 180  # only against a hung process

TINY_APP = """
import streamlit as st
if st.query_params.get("boom"):
    raise ValueError("boom on purpose")
st.write("hello")
"""


@pytest.fixture(scope="module")
def tiny_server(tmp_path_factory):
    app = tmp_path_factory.mktemp("tiny") / "tiny_app.py"
    app.write_text(TINY_APP)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:  # wait for the state "health answers"
            assert proc.poll() is None, "the test server exited"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=HANG_GUARD_S)


def load_test(*args: str) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, str(LOAD_TEST), *args, "--json"], check=False, capture_output=True,
                          text=True, timeout=HANG_GUARD_S)
    return done.returncode, json.loads(done.stdout)


def test_two_sessions_against_a_server(tiny_server):
    url, pid = tiny_server
    code, result = load_test(url, "", "--sessions", "2", "--reruns", "2", "--pid", str(pid))
    assert code == 0, result
    assert (result["sessions"], result["samples"], result["errors"]) == (2, 4, 0)
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]
    assert result["first_run_p50_ms"] > 0
    assert result["server_pids"] == [pid] and result["rss_before_mb"] > 0


def test_page_errors_are_counted(tiny_server):
    url, _ = tiny_server
    code, result = load_test(url, "", "--sessions", "2", "--reruns", "1", "--query", "boom=1")
    assert code == 1
    assert (result["samples"], result["errors"]) == (0, 4)  # 2 sessions x (first run + 1 rerun)
    assert "boom on purpose" in result["first_errors"][0]
    assert result["server_pids"] == [] and result["mb_per_open_session"] is None
