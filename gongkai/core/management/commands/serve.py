"""`gongkai serve`: the production web server (waitress), on IPv4 and IPv6 at once."""

import os
import signal

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application

DEFAULT_LISTEN = "127.0.0.1:8000 [::1]:8000"


class Command(BaseCommand):
    help = (
        "运行网站（waitress，同时监听 IPv4 与 IPv6）。"
        "Serve the site with waitress on every --listen address (IPv4 and IPv6)."
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
            "--threads",
            type=int,
            default=int(os.environ.get("GONGKAI_THREADS", "8")),
            help="Worker threads (default: $GONGKAI_THREADS or 8).",
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

    def handle(self, *args, listen, threads, trusted_proxy, collectstatic, **options):
        if collectstatic:
            # The manifest storage needs collected files; without them every page fails.
            call_command("collectstatic", interactive=False, verbosity=0)
        addresses = " ".join(listen or [os.environ.get("GONGKAI_LISTEN", DEFAULT_LISTEN)])
        try:
            server = build_server(
                get_wsgi_application(),
                listen=addresses,
                threads=threads,
                trusted_proxy=trusted_proxy,
            )
        except (OSError, ValueError) as error:
            raise CommandError(f"无法监听 {addresses}。Cannot listen on {addresses}: {error}")
        for url in server_urls(server):
            self.stdout.write(f"Serving on {url}")
        self.stdout.write("按 Ctrl-C 停止。Press Ctrl-C to stop.")
        self.stdout.flush()
        # SIGTERM (systemd, docker stop) shuts down like Ctrl-C, letting running requests end.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        server.run()


def build_server(app, *, listen: str, threads: int, trusted_proxy: str = ""):
    """A waitress server bound to every address of ``listen`` (space-separated host:port)."""
    from waitress import create_server

    proxy = {}
    if trusted_proxy:
        proxy = {
            "trusted_proxy": trusted_proxy,
            "trusted_proxy_headers": "x-forwarded-for x-forwarded-proto",
        }
    return create_server(app, listen=listen, threads=threads, ident="gongkai", **proxy)


def server_urls(server) -> list[str]:
    """The URLs the server actually listens on (port 0 resolved), IPv6 in brackets."""
    listening = getattr(server, "effective_listen", None) or [
        (server.effective_host, server.effective_port)
    ]
    return [
        f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
        for host, port in listening
    ]
