"""View counts (浏览量) without a database write per view.

Each process adds the views it serves (cache hits included) to a counter in memory, and a
thread of that process hands the totals to the registered handler every
``PAGE_VIEW_FLUSH_SECONDS``: a crash loses at most that interval's views. With 0 the handler
is called at once for every view (tests, and sites that prefer exact counts to speed).
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# Search engines' and monitors' own names in their User-Agent (Baiduspider, Googlebot/2.1,
# bingbot, Bytespider, 360Spider, Sogou web spider, YisouSpider, ...) and the site's own health
# check (gongkai.assessment.services.USER_AGENT). "bot" must end the name: phones are called
# CUBOT X19 too.
ROBOT_USER_AGENT = re.compile(r"[a-z]bot(?:[/;)]|$)|spider|crawler|slurp|site-check", re.I)


def is_robot(user_agent: str) -> bool:
    """A visit by a program that reads pages for itself, not for a person: not a view."""
    return bool(ROBOT_USER_AGENT.search(user_agent or ""))


def counts_as_view(method: str, user_agent: str) -> bool:
    """A person's GET; a HEAD (link checkers, monitors) and a robot's GET (search engines,
    the site's own health check) are not views."""
    return method == "GET" and not is_robot(user_agent)


# counter name -> handler(counts: {object id: views}) that adds them through the app's service
_handlers: dict[str, Callable[[dict[int, int]], None]] = {}


def register_view_counter(name: str, handler: Callable[[dict[int, int]], None]) -> None:
    """Make ``count_view(request, name, pk)`` add up into ``handler`` (called from AppConfig.ready)."""
    _handlers[name] = handler


class ViewCounter:
    def __init__(self):
        self._counts: Counter[tuple[str, int]] = Counter()
        self._lock = threading.Lock()
        self._flusher_pid: int | None = None

    def add(self, views) -> None:
        if not views:
            return
        with self._lock:
            self._counts.update(views)
        if settings.PAGE_VIEW_FLUSH_SECONDS <= 0:
            self.flush()
        elif self._flusher_pid != os.getpid():
            self._start_flusher()

    def flush(self) -> None:
        """Hand the counts gathered so far to their handlers; kept for the next flush on error."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
        by_name: dict[str, dict[int, int]] = {}
        for (name, pk), views in counts.items():
            by_name.setdefault(name, {})[pk] = views
        for name, views in by_name.items():
            try:
                _handlers[name](views)
            except Exception:
                logger.exception("view counts of %s not written; kept for the next flush", name)
                with self._lock:
                    self._counts.update({(name, pk): n for pk, n in views.items()})

    def add_counts(self, counts: dict[tuple[str, int], int]) -> None:
        with self._lock:
            self._counts.update(counts)
        self.flush()

    def discard(self) -> None:
        """Forget the counts not yet written, when the rows they name are gone (the database of
        a test, rolled back)."""
        with self._lock:
            self._counts.clear()

    def pending(self) -> int:
        with self._lock:
            return sum(self._counts.values())

    def flush_and_release(self) -> None:
        """The flusher thread's round: flush, then close the thread's database connections.

        Not close_old_connections: with CONN_MAX_AGE it keeps a connection younger than its age,
        and a round every few seconds would hold one open in every server process for good,
        counting against PostgreSQL's max_connections (and blocking a test database's drop)."""
        self.flush()
        connections.close_all()

    def _start_flusher(self) -> None:
        with self._lock:
            if self._flusher_pid == os.getpid():
                return
            self._flusher_pid = os.getpid()
        thread = threading.Thread(target=self._flush_forever, name="view-counts", daemon=True)
        thread.start()
        atexit.register(self.flush)

    def _flush_forever(self) -> None:
        stop = threading.Event()
        while not stop.wait(settings.PAGE_VIEW_FLUSH_SECONDS):
            self.flush_and_release()


view_counter = ViewCounter()

SERVED_LOG = "served.log"


def count_served_files(files_dir: Path, store) -> int:
    """Count the views of pages a front web server sent from ``files_dir`` itself: it logs the
    name of each file sent, one a line, to ``served.log`` there (docs/operations.md). Lines
    are read from where the last call stopped (kept in ``served.log.offset``; a log truncated
    by rotation is read from its start). Returns the number of files counted."""
    log, mark = files_dir / SERVED_LOG, files_dir / f"{SERVED_LOG}.offset"
    if not log.exists():
        return 0
    offset = int(mark.read_text() or 0) if mark.exists() else 0
    if log.stat().st_size < offset:
        offset = 0
    with log.open("rb") as lines:
        lines.seek(offset)
        data = lines.read()
    complete = data[: data.rfind(b"\n") + 1]
    names = Counter(line.decode() for line in complete.splitlines() if line)
    view_counter.add_counts(store.views_of_files(names))
    mark.write_text(str(offset + len(complete)))
    return sum(names.values())
