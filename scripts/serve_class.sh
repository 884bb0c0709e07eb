#!/usr/bin/env bash
# Serve a class: `bash scripts/serve_class.sh PORT [WORKERS]`
#
# Runs WORKERS `streamlit run app.py` processes (default: the number of cores) on free loopback
# ports behind HAProxy listening on PORT, in the foreground. Ctrl-C (SIGINT) or SIGTERM stops
# HAProxy and every worker; if any of them exits on its own, the others are stopped too.
#
# - Stickiness by cookie (`cnnviz_worker`), not by client address: a class behind one NAT shares one
#   address, and a session's websocket, uploads and media must reach the worker that holds it.
# - New sessions go to the worker with the fewest open connections (each open tab holds one
#   websocket), so a class spreads over the workers.
# - Health checks on each worker's /_stcore/health; a worker that stops answering gets no new
#   sessions. Every response says which worker served it (header `X-Cnnviz-Worker`).
# - Workers share one random cookie secret (Streamlit's XSRF cookie stays valid on every worker).
#
# Environment: CNNVIZ_BIND (address HAProxy listens on, default 0.0.0.0), PYTHON (default python3),
# HAPROXY (default: haproxy on PATH or /usr/sbin/haproxy). Debian/Ubuntu: `apt-get install haproxy`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { echo "usage: $0 PORT [WORKERS]   (WORKERS defaults to the number of cores)" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
port=$1
workers=${2:-$(nproc 2>/dev/null || echo 2)}
[[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || usage
[[ $workers =~ ^[0-9]+$ ]] && [ "$workers" -ge 1 ] || usage
bind=${CNNVIZ_BIND:-0.0.0.0}
python=${PYTHON:-python3}
haproxy=${HAPROXY:-$(command -v haproxy || echo /usr/sbin/haproxy)}
if [ ! -x "$haproxy" ]; then
  echo "HAProxy is missing: install it with 'apt-get install -y haproxy' (as root)." >&2
  exit 1
fi

rundir=$(mktemp -d "${TMPDIR:-/tmp}/cnnviz-class.XXXXXX")
pids=()
stopping=0

stop_all() {
  stopping=1
  trap '' INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$rundir"
}
trap 'echo "stopping ..."; stop_all; echo "stopped"; exit 0' INT TERM

# Free loopback ports for the workers (asked from the kernel, then released for Streamlit).
read -r -a worker_ports <<<"$("$python" - "$workers" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
)"
secret=$("$python" -c "import secrets; print(secrets.token_hex(32))")

{
  cat <<EOF
global
    maxconn 4096
    log stderr format short local0 notice

defaults
    mode http
    log global
    option httplog
    option dontlognull
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # open websockets (one per browser tab) stay up for a whole lesson
    timeout tunnel 8h
    timeout client-fin 30s
    timeout http-request 30s

frontend class
    bind $bind:$port
    default_backend workers

backend workers
    balance leastconn
    cookie cnnviz_worker insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server inter 2s fall 3 rise 1
    http-response set-header X-Cnnviz-Worker %[srv_name]
EOF
  for i in $(seq 1 "$workers"); do
    echo "    server w$i 127.0.0.1:${worker_ports[$((i - 1))]} check cookie w$i"
  done
} >"$rundir/haproxy.cfg"
"$haproxy" -c -q -f "$rundir/haproxy.cfg" || { echo "HAProxy rejected $rundir/haproxy.cfg" >&2; exit 1; }

for i in $(seq 1 "$workers"); do
  wport=${worker_ports[$((i - 1))]}
  STREAMLIT_SERVER_COOKIE_SECRET=$secret "$python" -m streamlit run app.py \
    --server.port "$wport" --server.address 127.0.0.1 --server.headless true \
    --browser.gatherUsageStats false \
    --server.fileWatcherType none >"$rundir/worker$i.log" 2>&1 &
  pids+=($!)
  echo "worker w$i pid $! port $wport log $rundir/worker$i.log"
done

# Wait until every worker answers its health check (a state, not a fixed time).
for i in $(seq 1 "$workers"); do
  wport=${worker_ports[$((i - 1))]}
  until "$python" -c "import sys, urllib.request; urllib.request.urlopen('http://127.0.0.1:$wport/_stcore/health', timeout=2); sys.exit(0)" 2>/dev/null; do
    if ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then
      echo "worker w$i exited while starting; its log:" >&2
      cat "$rundir/worker$i.log" >&2
      stop_all
      exit 1
    fi
    sleep 0.5
  done
done


"$haproxy" -db -f "$rundir/haproxy.cfg" &
pids+=($!)
echo "haproxy pid $! config $rundir/haproxy.cfg"
probe=$bind; [ "$probe" = 0.0.0.0 ] && probe=127.0.0.1; [ "$probe" = "::" ] && probe=::1
[[ $probe == *:* ]] && probe="[$probe]"
until "$python" -c "import urllib.request; urllib.request.urlopen('http://$probe:$port/_stcore/health', timeout=2)" 2>/dev/null; do
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "haproxy exited" >&2; stop_all; exit 1; }
  sleep 0.2
done
echo "serving the class at http://$bind:$port with $workers workers (Ctrl-C stops everything)"

# Foreground: the first child to exit on its own stops the rest.
set +e
wait -n "${pids[@]}"
status=$?
set -e
if [ "$stopping" -eq 0 ]; then
  echo "a process exited (status $status); stopping everything" >&2
  for i in $(seq 1 "$workers"); do
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { echo "worker w$i log:" >&2; tail -n 30 "$rundir/worker$i.log" >&2; }
  done
  stop_all
  exit 1
fi
