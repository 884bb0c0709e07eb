"""scripts/serve_class.sh: two Streamlit workers behind HAProxy, cookie-sticky, stopped by SIGTERM.

Starts the real script on a free port (HAProxy from Debian's `haproxy` package; scripts/test.sh
installs it), waits for states (the script's "serving" line, health answers), never for a time.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "scripts" / "serve_class.sh"
HANG_GUARD_S = 180  # only against a hung process; no assertion depends on how long anything takes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, cookie: str | None = None) -> tuple[int, str, str, str]:
    """Status, body, X-Cnnviz-Worker and the worker cookie HAProxy set (or "")."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=HANG_GUARD_S) as response:
        set_cookies = response.headers.get_all("Set-Cookie") or []
        worker_cookie = next((c.split(";")[0] for c in set_cookies if c.startswith("cnnviz_worker=")), "")
        return (response.status, response.read().decode(), response.headers.get("X-Cnnviz-Worker", ""),
                worker_cookie)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def class_server():
    assert Path("/usr/sbin/haproxy").exists() or any(
        (Path(d) / "haproxy").exists() for d in os.environ.get("PATH", "").split(os.pathsep)
    ), "HAProxy is missing: apt-get install -y haproxy (scripts/test.sh does it)"
    port = free_port()
    env = dict(os.environ, CNNVIZ_BIND="127.0.0.1")
    proc = subprocess.Popen(["bash", str(SCRIPT), str(port), "2"], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    lines = []
    try:
        for line in proc.stdout:  # until the script says it serves (or exits)
            lines.append(line)
            if line.startswith("serving the class"):
                break
        assert lines and lines[-1].startswith("serving the class"), "".join(lines)
        pids = [int(m.group(1)) for line in lines if (m := re.search(r" pid (\d+)", line))]
        yield proc, f"http://127.0.0.1:{port}", pids
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_balancer_health_sticky_cookies_websocket_and_sigterm(class_server):
    proc, base, pids = class_server
    assert len(pids) == 3  # two workers and HAProxy

    status, body, _, _ = get(f"{base}/_stcore/health")
    assert (status, body) == (200, "ok")

    # Sessions without a cookie are spread: two of them land on different workers.
    seen = {}
    for _ in range(10):
        _, _, worker, cookie = get(f"{base}/")
        assert cookie == f"cnnviz_worker={worker}"
        seen[worker] = cookie
        if len(seen) == 2:
            break
    assert sorted(seen) == ["w1", "w2"]

    # The same cookie sticks to its worker, and HAProxy does not re-set it.
    for worker, cookie in seen.items():
        for _ in range(4):
            _, _, served_by, new_cookie = get(f"{base}/_stcore/health", cookie=cookie)
            assert (served_by, new_cookie) == (worker, "")

    # Streamlit's websocket passes through the balancer: one script run finishes without error.
    ws_url = base.replace("http", "ws", 1) + "/_stcore/stream"
    with connect(ws_url, additional_headers={"Cookie": seen["w2"]}, open_timeout=HANG_GUARD_S,
                 max_size=2**26) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = "lang=en"
        msg.rerun_script.page_name = ""
        ws.send(msg.SerializeToString())
        kinds = []
        while "script_finished" not in kinds:
            fwd = ForwardMsg()
            fwd.ParseFromString(ws.recv(timeout=HANG_GUARD_S))
            kinds.append(fwd.WhichOneof("type"))
            if kinds[-1] == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                assert fwd.delta.new_element.WhichOneof("type") != "exception"
        assert fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY

    # SIGTERM stops the script and every process it started.
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=HANG_GUARD_S) == 0
    assert [pid for pid in pids if alive(pid)] == []
