"""Portal benchmark: document page render time and the server's peak memory.

    python bench/portal_bench.py               # the demo library, each page fetched 5 times
    python bench/portal_bench.py --rounds 10

A scratch data folder gets the demo library (``gongkai migrate`` + ``gongkai demo``); then
``gongkai serve`` (granian) runs on 127.0.0.1 and every public document page is fetched in
turn, one request at a time, each with a new query string so that the page cache never has it:
every request renders the page from the database ("uncached"; hot pages: serve_bench.py). Printed: p50/p99 of the time to the last byte, and the
server's peak resident memory (VmHWM) after the run. Figures only, nothing asserted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from disclosure_bench import free_port, start_server

ROOT = Path(__file__).resolve().parent.parent


def gongkai(data_dir: Path, *args: str) -> None:
    env = {**os.environ, "GONGKAI_DATA_DIR": str(data_dir), "LOG_LEVEL": "ERROR"}
    subprocess.run([sys.executable, "-m", "gongkai.cli", *args], cwd=ROOT, env=env, check=True)


def document_paths(port: int) -> list[str]:
    paths, page = [], 1
    while True:
        body = fetch(port, f"/documents/?page={page}")[1]
        found = sorted(set(re.findall(r'href="(/documents/\d+/)"', body)))
        if not found or set(found) <= set(paths):
            return paths
        paths += [path for path in found if path not in paths]
        page += 1


def fetch(port: int, path: str) -> tuple[float, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return elapsed, body


def peak_memory_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-portal-bench-") as scratch:
        data_dir = Path(scratch)
        gongkai(data_dir, "migrate", "--noinput", "--verbosity", "0")
        gongkai(data_dir, "demo")
        port = free_port()
        server = start_server(data_dir, port)
        try:
            paths = document_paths(port)
            times = [
                fetch(port, f"{path}?round={round_}")[0]
                for round_ in range(args.rounds)
                for path in paths
            ]
            peak = peak_memory_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"document pages: {len(paths)} pages × {args.rounds} rounds = {len(times)} requests")
    print(f"render time p50 {statistics.median(times) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    print(f"server peak memory (VmHWM) {peak:.0f} MB")


if __name__ == "__main__":
    main()
