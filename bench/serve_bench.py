"""Web server benchmark (issue 7 §1–2): the public document page under load, as ratios to
references measured in the same run.

    python bench/serve_bench.py                  # wrk -t2 -c50 -d8s per figure
    python bench/serve_bench.py --seconds 3      # a quick look

A scratch data folder gets the demo library; ``gongkai serve`` (granian, one worker per core)
runs on a free port of 127.0.0.1. Printed, each beside its reference:

- hot document page (page cache hit) vs a zero-work WSGI app returning the same bytes under the
  same server (goal ≥ 5,000 req/s, p99 ≤ 50 ms);
- when nginx is installed: the same page through nginx configured as docs/operations.md says
  (the configuration is read from that file) vs nginx sending the page from a plain file
  (goal ≥ 50 %);
- cold document page (not in the cache: every document page with a new query string, one
  request at a time): p50 and p99 (goal p50 ≤ 10 ms);
- resident memory of each server worker after the runs (goal ≤ 300 MB).

Needs wrk (Debian: apt-get install wrk; nginx optional). Figures only, nothing asserted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from disclosure_bench import free_port
from portal_bench import document_paths, gongkai

ROOT = Path(__file__).resolve().parent.parent
ZERO_APP = """
from pathlib import Path

BODY = Path(__file__).with_name("page.html").read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def app(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
"""
SERVE_ZERO_APP = """
import sys
from gongkai.core.management.commands.serve import build_server
build_server("127.0.0.1", int(sys.argv[1]), workers=int(sys.argv[2]), threads=int(sys.argv[3]),
             target="zero_app:app").serve()
"""


def wait_for(port: int, path: str = "/", timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port}")


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, body, elapsed


def wrk(url: str, *, seconds: int, connections: int) -> dict:
    """wrk -t2 -cN -dSs --latency: requests/s, p50 and p99 in ms, non-2xx count."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out)[1]),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out)[1]),
        "bad": int(m[1]) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
    }


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def start(command: list[str], *, env: dict, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (master and workers), then wait."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def worker_memory_mb(master: int) -> list[tuple[float, float]]:
    """(resident, peak resident) MB of each child process of ``master``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if int(re.search(r"PPid:\s+(\d+)", text)[1]) == master:
            rss = int(re.search(r"VmRSS:\s+(\d+)", text)[1]) / 1024
            hwm = int(re.search(r"VmHWM:\s+(\d+)", text)[1]) / 1024
            found.append((rss, hwm))
    return found


def nginx_config(scratch: Path, *, port: int, upstream: int) -> str:
    """The configuration of docs/operations.md ("Behind nginx"), pointed at the scratch folder."""
    docs = (ROOT / "docs" / "operations.md").read_text()
    section = docs[docs.index("## Behind nginx") :]
    documented = re.search(r"```nginx\n(.*?)```", section, re.S)[1]
    documented = re.sub(r"\s*# ssl_certificate.*", "", documented)
    for old, new in {
        "listen 443 ssl; listen [::]:443 ssl;": f"listen 127.0.0.1:{port};",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream};",
        "/var/lib/gongkai/pagefiles": str(scratch / "pagefiles"),
        "/var/lib/gongkai/media/": str(scratch / "media") + "/",
        "/var/log/nginx/access.log": str(scratch / "nginx-access.log"),
    }.items():
        documented = documented.replace(old, new)
    plain_file = f"""
server {{
    listen 127.0.0.1:{port + 1};
    location = /page.html {{ root {scratch}; }}
}}
"""
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes auto;
pid {scratch}/nginx.pid;
error_log {scratch}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {scratch}/nginx-tmp;
    proxy_temp_path {scratch}/nginx-tmp;
{documented}
{plain_file}
}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GONGKAI_THREADS", "8")))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    load = {"seconds": args.seconds, "connections": args.connections}
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="gongkai-serve-bench-") as name:
        scratch = Path(name)
        scratch.chmod(0o755)  # nginx's workers read the page files
        env = {
            **os.environ,
            "GONGKAI_DATA_DIR": str(scratch),
            "GONGKAI_PAGE_FILES_DIR": str(scratch / "pagefiles"),
            "GONGKAI_TRUSTED_PROXY": "127.0.0.1",
            "LOG_LEVEL": "ERROR",
        }
        for variable in ("DATABASE_URL", "REDIS_URL"):
            env.pop(variable, None)
        os.environ.update({key: env[key] for key in ("GONGKAI_DATA_DIR", "LOG_LEVEL")})
        gongkai(scratch, "migrate", "--noinput", "--verbosity", "0")
        gongkai(scratch, "demo")
        gongkai(scratch, "manage", "collectstatic", "--noinput", "--verbosity", "0")

        port = free_port()
        serve = [sys.executable, "-m", "gongkai.cli", "serve", "--listen", f"127.0.0.1:{port}"]
        server = start([*serve, "--no-collectstatic", "--threads", str(args.threads)], env=env)
        results: dict[str, dict] = {}
        try:
            wait_for(port)
            path = document_paths(port)[0]
            status, page, _ = get(port, path)
            (scratch / "page.html").write_bytes(page)
            results["hot"] = wrk(f"http://127.0.0.1:{port}{path}", **load)
            cold = [
                get(port, f"{document}?cold={round_}")[2] * 1000
                for round_ in range(3)
                for document in document_paths(port)
            ]
            if shutil.which("nginx"):
                results.update(run_nginx(scratch, port, path, load))
            memory = worker_memory_mb(server.pid)
        finally:
            stop(server)

        (scratch / "zero_app.py").write_text(ZERO_APP)
        zero_port = free_port()
        zero_env = {**env, "PYTHONPATH": os.pathsep.join([str(scratch), str(ROOT)])}
        zero = start(
            [sys.executable, "-c", SERVE_ZERO_APP, str(zero_port), str(workers), str(args.threads)],
            env=zero_env,
        )
        try:
            wait_for(zero_port)
            results["zero"] = wrk(f"http://127.0.0.1:{zero_port}/", **load)
        finally:
            stop(zero)
    report(results, cold, memory, page_bytes=len(page), path=path, workers=workers, args=args)


def run_nginx(scratch: Path, upstream: int, path: str, load: dict) -> dict:
    port = free_port()
    (scratch / "nginx-tmp").mkdir()
    config = scratch / "nginx.conf"
    config.write_text(nginx_config(scratch, port=port, upstream=upstream))
    subprocess.run(["nginx", "-t", "-q", "-c", str(config), "-p", str(scratch)], check=True)
    nginx = start(
        ["nginx", "-c", str(config), "-p", str(scratch), "-g", "daemon off;"], env=os.environ
    )
    try:
        wait_for(port)
        wait_for(port + 1, "/page.html")
        get(port, path)  # rendered by Gongkai once: its page file is written
        assert get(port, path)[1] == (scratch / "page.html").read_bytes()
        return {
            "nginx": wrk(f"http://127.0.0.1:{port}{path}", **load),
            "nginx_file": wrk(f"http://127.0.0.1:{port + 1}/page.html", **load),
        }
    finally:
        stop(nginx)


def report(results, cold, memory, *, page_bytes, path, workers, args) -> None:
    hot, zero = results["hot"], results["zero"]
    line = "{:<44} {:>9,.0f} req/s  p50 {:>6.2f} ms  p99 {:>7.2f} ms{}"
    print(
        f"page {path}: {page_bytes:,} bytes; {workers} workers × {args.threads} threads; "
        f"wrk -t2 -c{args.connections} -d{args.seconds}s"
    )
    for label, key in (
        ("hot document page, gongkai serve", "hot"),
        ("zero-work WSGI app, same server", "zero"),
        ("hot document page, nginx as documented", "nginx"),
        ("nginx sending the page from a file", "nginx_file"),
    ):
        if key in results:
            figures = results[key]
            bad = f"  ({figures['bad']} non-2xx)" if figures["bad"] else ""
            print(line.format(label, figures["rps"], figures["p50"], figures["p99"], bad))
    print(
        f"ratio hot page / zero-work app: {hot['rps'] / zero['rps']:.0%} (goal: ≥ 5,000 req/s, p99 ≤ 50 ms)"
    )
    if "nginx" in results:
        ratio = results["nginx"]["rps"] / results["nginx_file"]["rps"]
        print(f"ratio nginx as documented / nginx from a file: {ratio:.0%} (goal ≥ 50 %)")
    else:
        print("nginx not installed: its figures skipped (Debian: apt-get install nginx)")
    cold.sort()
    print(
        f"cold document page ({len(cold)} renders, one at a time): p50 "
        f"{statistics.median(cold):.1f} ms, p99 {cold[int(len(cold) * 0.99)]:.1f} ms (goal p50 ≤ 10 ms)"
    )
    for number, (rss, peak) in enumerate(memory, 1):
        print(f"worker {number}: resident {rss:.0f} MB, peak {peak:.0f} MB (goal ≤ 300 MB)")


if __name__ == "__main__":
    main()
