"""`gongkai worker`: runs queued jobs (django-tasks database backend) and the clock."""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gongkai.core import schedule
from gongkai.core.worker_leases import leased, new_worker_id


class Command(BaseCommand):
    help = (
        "后台任务：执行队列中的任务，每分钟发布定时内容，每天运行登记的日常任务。"
        "Run queued jobs, publish scheduled content every minute and enqueue daily jobs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when the queue is empty (default 1).",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Beat the clock once, run every job queued, then exit (for cron or tests).",
        )
        parser.add_argument(
            "--no-clock",
            action="store_false",
            dest="clock",
            help="Run queued jobs only; another worker keeps the clock.",
        )

    def handle(self, *args, interval, batch, clock, verbosity, **options):
        worker_id = new_worker_id()
        worker_options = {
            "interval": interval,
            "batch": batch,
            "reload": False,
            "startup_delay": False,
            "verbosity": verbosity,
            "worker_id": worker_id,
        }
        # The lease tells other workers this one is alive; holding it, this worker also
        # queues again the jobs that dead workers left running.
        with leased(worker_id):
            self._run(worker_options, batch=batch, clock=clock)

    def _run(self, worker_options, *, batch, clock):
        if batch:
            if clock:
                schedule.tick()
            call_command("db_worker", **worker_options)
            return
        stop = threading.Event()
        if clock:
            threading.Thread(
                target=schedule.run_clock, args=(stop,), name="gongkai-clock", daemon=True
            ).start()
        try:
            # db_worker owns the main thread: it installs the SIGINT/SIGTERM handlers.
            call_command("db_worker", **worker_options)
        finally:
            stop.set()
