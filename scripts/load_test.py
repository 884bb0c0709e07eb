"""Load test: N concurrent sessions on a running cnnviz server over Streamlit's websocket protocol.

Each session does what a browser tab does: GET the page (which gives it the class server's worker
cookie), opens ``/_stcore/stream`` with that cookie and asks for the page, then reruns it R times
in a row. One sample is the time from a rerun request to its ``script_finished`` message. Prints
p50/p95/max, the number of errors (exception elements, failed runs, dropped connections) and the
server's memory (resident set size, summed over the processes given by ``--pid`` or whose command
line contains ``--process``): before, peak while running, with the sessions still open, and
``--settle`` seconds after they closed; and the server CPU time per script run (user + system,
which unlike the wall-clock times hardly depends on what else the machine is doing).

``--trainer`` adds one student who presses Start on /training before the others arrive and
trains (its fragment rerun on the browser's timer) while they run: the report gives its steps and
the longest time its progress bar stood still.

Examples::

    # one worker started with `streamlit run app.py --server.port 8501`
    python scripts/load_test.py http://127.0.0.1:8501 conv_lab --sessions 40 --reruns 5 --process "streamlit run"
    # the class server (scripts/serve_class.sh 8501): memory of all its workers
    python scripts/load_test.py http://127.0.0.1:8501 inside --query lang=zh --process "streamlit run app.py"
    # one student trains while 40 open /training
    python scripts/load_test.py http://127.0.0.1:8501 training --trainer --process "streamlit run app.py"

The timings are for reading, not for asserting. Needs ``streamlit`` (for its protobuf messages)
and ``websockets``; stands alone otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import re
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RECV_TIMEOUT_S = 300  # a guard against a server that never answers, not a measurement


@dataclass
class Results:
    samples: list[float] = field(default_factory=list)   # seconds, one per finished rerun
    first_runs: list[float] = field(default_factory=list)  # each session's first run (page open)
    errors: list[str] = field(default_factory=list)
    workers: dict[str, int] = field(default_factory=dict)  # X-Cnnviz-Worker -> sessions


def fetch_cookie(base: str, page: str, results: Results) -> str:
    """GET the page like a browser; return the worker cookie the balancer set ("" without one)."""
    try:
        with urllib.request.urlopen(f"{base}/{page}", timeout=RECV_TIMEOUT_S) as response:
            worker = response.headers.get("X-Cnnviz-Worker", "")
            if worker:
                results.workers[worker] = results.workers.get(worker, 0) + 1
            cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
            return "; ".join(cookies)
    except OSError as exc:
        results.errors.append(f"GET /{page}: {exc}")
        return ""


async def run_once(ws, page: str, query: str, results: Results) -> float | None:
    """Request one run of ``page``; wait for its end; return its duration (None on an error)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    t0 = time.perf_counter()
    await ws.send(msg.SerializeToString())
    failed = False
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=RECV_TIMEOUT_S)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            if fwd.delta.new_element.WhichOneof("type") == "exception":
                results.errors.append(f"{page}: {fwd.delta.new_element.exception.message[:160]}")
                failed = True
        elif kind == "script_finished":
            status = fwd.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # this run was superseded; the rerun goes on
            if status not in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                results.errors.append(f"{page}: script_finished status {status}")
                failed = True
            break
    elapsed = time.perf_counter() - t0
    return None if failed else elapsed


async def session(base: str, page: str, query: str, reruns: int, results: Results,
                  all_open: asyncio.Event, counter: list[int], n: int,
                  release: asyncio.Event) -> None:
    cookie = await asyncio.to_thread(fetch_cookie, base, page, results)
    ws_url = base.replace("http", "ws", 1) + "/_stcore/stream"
    headers = {"Cookie": cookie} if cookie else {}
    try:
        async with websockets.connect(ws_url, additional_headers=headers, max_size=2**27,
                                      open_timeout=RECV_TIMEOUT_S) as ws:
            first = await run_once(ws, page, query, results)
            if first is not None:
                results.first_runs.append(first)
            for _ in range(reruns):
                elapsed = await run_once(ws, page, query, results)
                if elapsed is not None:
                    results.samples.append(elapsed)
            counter[0] += 1
            if counter[0] == n:
                all_open.set()
            await release.wait()  # keep the session open until every session is done
    except (TimeoutError, OSError, websockets.WebSocketException) as exc:
        results.errors.append(f"{page}: connection {type(exc).__name__}: {exc}")
        counter[0] += 1
        if counter[0] == n:
            all_open.set()


STEP_PATTERN = re.compile(r"step (\d+) of|第 (\d+)/\d+ 步")


async def trainer_session(base: str, query: str, start_key: str, stop: asyncio.Event, report: dict) -> None:
    """One student on /training: press Start, then rerun the live fragment on its timer like a
    browser does; record when the progress bar's step count changes (the longest stall)."""
    ws_url = base.replace("http", "ws", 1) + "/_stcore/stream"
    changes: list[tuple[float, int]] = []
    report.update(steps=0, longest_stall_s=None, error="")

    async def run(widgets=(), fragment_id="") -> tuple[str, float | None]:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = "training"
        for widget in widgets:
            msg.rerun_script.widget_states.widgets.append(widget)
        if fragment_id:
            msg.rerun_script.fragment_id = fragment_id
            msg.rerun_script.is_auto_rerun = True
        await ws.send(msg.SerializeToString())
        start_id, interval = "", None
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=RECV_TIMEOUT_S))
            kind = fwd.WhichOneof("type")
            if kind == "auto_rerun":
                report["fragment_id"], interval = fwd.auto_rerun.fragment_id, fwd.auto_rerun.interval
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "button" and element.button.id.endswith(start_key):
                    start_id = element.button.id
                elif which == "progress":
                    found = STEP_PATTERN.search(element.progress.text)
                    if found:
                        step = int(found.group(1) or found.group(2))
                        if not changes or changes[-1][1] != step:
                            changes.append((time.perf_counter(), step))
                elif which == "exception":
                    report["error"] = element.exception.message[:160]
            elif kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return start_id, interval

    try:
        async with websockets.connect(ws_url, max_size=2**27, open_timeout=RECV_TIMEOUT_S) as ws:
            start_id, _ = await run()
            if not start_id:
                report["error"] = f"no button with key {start_key} on /training"
                return
            _, interval = await run([WidgetState(id=start_id, trigger_value=True)])
            interval = interval or report.get("interval", 0.3)
            while not stop.is_set():
                await asyncio.sleep(interval)  # the browser's fragment timer
                await run(fragment_id=report.get("fragment_id", ""))
    except (TimeoutError, OSError, websockets.WebSocketException) as exc:
        report["error"] = f"{type(exc).__name__}: {exc}"
    if changes:
        report["steps"] = changes[-1][1] - changes[0][1]
        gaps = [b[0] - a[0] for a, b in itertools.pairwise(changes)]
        tail = time.perf_counter() - changes[-1][0]  # still no change at the end counts too
        report["longest_stall_s"] = round(max(gaps + [tail]), 2)
        report["steps_per_s"] = round(report["steps"] / max(changes[-1][0] - changes[0][0], 1e-9), 1)


def server_pids(pids: list[int], process: str | None) -> list[int]:
    """The given pids, plus every process whose command line contains ``process``."""
    found = list(pids)
    if process:
        me = os.getpid()
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == me:
                continue
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if process in cmdline and "load_test.py" not in cmdline:
                found.append(int(entry))
    return sorted(set(found))


def rss_mb(pids: list[int]) -> float:
    total_kb = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by ``pids`` (from /proc/PID/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / ticks


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    return sorted_values[min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))]


async def sample_memory(pids: list[int], peak: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], rss_mb(pids))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.25)


async def run(args: argparse.Namespace) -> dict:
    base = args.url.rstrip("/")
    page = args.page.strip("/")
    pids = server_pids(args.pid, args.process)
    results = Results()
    before = rss_mb(pids)
    cpu_before = cpu_seconds(pids)
    peak = [before]
    stop = asyncio.Event()
    all_open, release = asyncio.Event(), asyncio.Event()
    counter = [0]
    sampler = asyncio.create_task(sample_memory(pids, peak, stop))
    trainer_report: dict = {}
    trainer = None
    if args.trainer:
        trainer = asyncio.create_task(trainer_session(base, args.query, "training.start", stop, trainer_report))
        while "fragment_id" not in trainer_report and not trainer.done():
            await asyncio.sleep(0.1)  # the student has pressed Start before the class arrives
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(session(base, page, args.query, args.reruns, results,
                                         all_open, counter, args.sessions, release))
             for _ in range(args.sessions)]
    await all_open.wait()
    wall = time.perf_counter() - t0
    open_mb = rss_mb(pids)
    cpu_used = cpu_seconds(pids) - cpu_before
    release.set()
    await asyncio.gather(*tasks)
    stop.set()
    await sampler
    if trainer is not None:
        await trainer
        trainer_report.pop("fragment_id", None)
    if args.settle > 0 and pids:
        await asyncio.sleep(args.settle)
    closed_mb = rss_mb(pids)
    q = sorted(results.samples)

    def ms(seconds: float) -> float:
        return round(1000 * seconds, 1)

    return {
        "url": base, "page": page, "query": args.query,
        "sessions": args.sessions, "reruns_per_session": args.reruns,
        "samples": len(q), "wall_s": round(wall, 2),
        "p50_ms": ms(statistics.median(q)) if q else None,
        "p95_ms": ms(percentile(q, 0.95)) if q else None,
        "max_ms": ms(q[-1]) if q else None,
        "first_run_p50_ms": ms(statistics.median(results.first_runs)) if results.first_runs else None,
        "server_cpu_ms_per_run": (round(1000 * cpu_used / (len(q) + len(results.first_runs)), 1)
                                  if pids and (q or results.first_runs) else None),
        "errors": len(results.errors), "first_errors": results.errors[:3],
        "workers": results.workers,
        "trainer": trainer_report or None,
        "server_pids": pids,
        "rss_before_mb": round(before, 1), "rss_peak_mb": round(peak[0], 1),
        "rss_open_mb": round(open_mb, 1), "rss_after_close_mb": round(closed_mb, 1),
        "mb_per_open_session": round((open_mb - before) / args.sessions, 2) if pids else None,
    }


def format_report(r: dict) -> str:
    lines = [
        (f"{r['url']}/{r['page']}?{r['query']}  {r['sessions']} sessions x {r['reruns_per_session']} reruns"
         f"  ({r['samples']} samples, {r['wall_s']} s)"),
        (f"  rerun  p50 {r['p50_ms']} ms   p95 {r['p95_ms']} ms   max {r['max_ms']} ms"
         f"   (page open p50 {r['first_run_p50_ms']} ms)"),
        f"  errors {r['errors']}" + (f"  e.g. {r['first_errors'][0]}" if r["first_errors"] else ""),
    ]
    if r["workers"]:
        lines.append("  sessions per worker " + ", ".join(f"{k}: {v}" for k, v in sorted(r["workers"].items())))
    if r["trainer"]:
        tr = r["trainer"]
        error = f", error {tr['error']}" if tr["error"] else ""
        lines.append(f"  training session: {tr['steps']} steps ({tr.get('steps_per_s')} steps/s) while the others ran,"
                     f" longest stall of its progress {tr['longest_stall_s']} s" + error)
    if r["server_pids"]:
        lines.append(
            f"  server RSS (pids {' '.join(map(str, r['server_pids']))}): before {r['rss_before_mb']} MB,"
            f" peak {r['rss_peak_mb']} MB, open {r['rss_open_mb']} MB"
            f" ({r['mb_per_open_session']} MB/session), after close {r['rss_after_close_mb']} MB")
        lines.append(f"  server CPU per script run {r['server_cpu_ms_per_run']} ms")
    else:
        lines.append("  server memory: not measured (give --pid or --process)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("url", help="base URL of the server, e.g. http://127.0.0.1:8501")
    ap.add_argument("page", help="page URL path, e.g. conv_lab ('' for home)")
    ap.add_argument("--sessions", type=int, default=40)
    ap.add_argument("--reruns", type=int, default=5, help="reruns per session after the first run")
    ap.add_argument("--query", default="lang=en", help="query string of the page, e.g. 'lang=zh&conv.stride=2'")
    ap.add_argument("--pid", type=int, action="append", default=[], help="server process id (repeatable)")
    ap.add_argument("--process", default=None,
                    help="measure every process whose command line contains this, e.g. 'streamlit run'")
    ap.add_argument("--settle", type=float, default=0.0,
                    help="seconds to wait after the sessions closed before the last memory reading")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON line")
    ap.add_argument("--trainer", action="store_true",
                    help="one more session presses Start on /training first and trains while the others run;"
                         " prints its steps and the longest time its progress stood still")
    args = ap.parse_args(argv)
    if args.sessions < 1 or args.reruns < 0:
        ap.error("--sessions must be at least 1 and --reruns at least 0")
    result = asyncio.run(run(args))
    print(json.dumps(result) if args.json else format_report(result))
    return 1 if result["errors"] or (result["trainer"] or {}).get("error") else 0


if __name__ == "__main__":
    sys.exit(main())
