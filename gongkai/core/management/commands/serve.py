"""`gongkai serve`: the production web server (granian, WSGI), on IPv4 and IPv6 at once.

Why granian: on this project's 2-core machine a zero-work WSGI app answered about 30,000 req/s
under granian (2 workers) against about 12,000 under gunicorn (gthread 2×4) (issue 7), and the
cached document page about 6,000 req/s under granian where waitress, a single process, is held
to one core by the GIL (bench/serve_bench.py prints the figures). Its worker processes run
Python in parallel, one per core by default; its HTTP handling is in Rust. It runs
gongkai.wsgi, whose page-cache hits are answered in front of Django (gongkai.core.pagecache.wsgi).

A granian server listens on one address. Each ``--listen`` address gets its own server (a
child process with the full number of workers), so the default ``127.0.0.1`` + ``[::1]`` pair
works as before; ``[::]:PORT`` alone also accepts IPv4 on Linux (dual-stack socket).
Signals: SIGHUP restarts the workers gracefully (new code, running requests finish); SIGTERM
and Ctrl-C stop after the running requests.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEFAULT_LISTEN = "127.0.0.1:8000 [::1]:8000"
WSGI_TARGET = "gongkai.wsgi:application"


class Command(BaseCommand):
    help = (
        "运行网站（granian，同时监听 IPv4 与 IPv6）。"
        "Serve the site with granian on every --listen address (IPv4 and IPv6)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--listen",
            action="append",
            help=(
                "host:port to listen on, repeatable; IPv6 in brackets, e.g. [::]:8000. "
                f"Default: $GONGKAI_LISTEN or '{DEFAULT_LISTEN}'."
            ),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("GONGKAI_WORKERS", "0")) or os.cpu_count() or 1,
            help="Worker processes per address (default: $GONGKAI_WORKERS or one per CPU core).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("GONGKAI_THREADS", "8")),
            help=(
                "Threads per worker for requests that wait (database, files) "
                "(default: $GONGKAI_THREADS or 8)."
            ),
        )
        parser.add_argument(
            "--trusted-proxy",
            default=os.environ.get("GONGKAI_TRUSTED_PROXY", ""),
            help=(
                "Address of the reverse proxy whose X-Forwarded-For/-Proto headers are believed "
                "(default: $GONGKAI_TRUSTED_PROXY; none)."
            ),
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_false",
            dest="collectstatic",
            help="Do not collect static files before serving.",
        )

    def handle(self, *args, listen, workers, threads, trusted_proxy, collectstatic, **options):
        if collectstatic:
            # The manifest storage needs collected files; without them every page fails.
            call_command("collectstatic", interactive=False, verbosity=0)
        text = " ".join(listen or [os.environ.get("GONGKAI_LISTEN", DEFAULT_LISTEN)])
        try:
            addresses = bound_addresses(parse_listen(text))
        except (OSError, ValueError) as error:
            raise CommandError(f"无法监听 {text}。Cannot listen on {text}: {error}")
        # The workers read it from the environment (TrustedProxyMiddleware, settings).
        os.environ["GONGKAI_TRUSTED_PROXY"] = trusted_proxy
        for host, port in addresses:
            self.stdout.write(f"Serving on {address_url(host, port)}")
        self.stdout.write("按 Ctrl-C 停止。Press Ctrl-C to stop.")
        self.stdout.flush()
        servers = [
            build_server(host, port, workers=workers, threads=threads) for host, port in addresses
        ]
        run_servers(servers)


def parse_listen(text: str) -> list[tuple[str, int]]:
    """'127.0.0.1:8000 [::1]:8000' -> [('127.0.0.1', 8000), ('::1', 8000)]."""
    addresses = []
    for item in text.split():
        host, separator, port = item.rpartition(":")
        if not separator or not port.isdigit():
            raise ValueError(f"expected host:port, got {item!r}")
        addresses.append((host.strip("[]") or "0.0.0.0", int(port)))  # noqa: S104
    if not addresses:
        raise ValueError("no address")
    return addresses


def bound_addresses(addresses: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Check each address can be bound (a clear error now rather than in a worker); port 0
    becomes the free port the system picks."""
    bound = []
    for host, port in addresses:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
            bound.append((host, probe.getsockname()[1]))
    return bound


def address_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def build_server(host: str, port: int, *, workers: int, threads: int, target: str = WSGI_TARGET):
    from granian.constants import Interfaces
    from granian.log import LogLevels
    from granian.server import Server

    return Server(
        target,
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        log_level=LogLevels.warning,
        respawn_failed_workers=True,
        workers_kill_timeout=30,
    )


def run_servers(servers) -> None:
    """One server runs here; several run each in a child process, to which SIGHUP, SIGTERM
    and Ctrl-C are passed on."""
    if len(servers) == 1:
        servers[0].serve()
        return
    children = [multiprocessing.Process(target=server.serve) for server in servers]
    for child in children:
        child.start()

    def pass_on(signum, frame):
        for child in children:
            if child.pid and child.is_alive():
                os.kill(child.pid, signum)

    for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, pass_on)
    for child in children:
        child.join()
