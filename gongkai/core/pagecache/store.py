"""Where cached pages live: one SQLite file per host, or Redis when REDIS_URL is set.

Both stores answer the same four calls (get, put, invalidate, generation) and keep the same
promise: once ``invalidate(tags)`` has returned, no process serves a page stored with one of
those tags, and a page rendered from data read before an invalidation of one of its tags is
never stored after it (``put`` is refused when a tag was invalidated since ``since``).
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

# Raised with every change of SCHEMA: a cache of an older layout is emptied and rebuilt.
SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS page (key TEXT PRIMARY KEY, body BLOB NOT NULL, meta TEXT NOT NULL,
    stored_at REAL NOT NULL, file TEXT);
CREATE INDEX IF NOT EXISTS page_stored_at ON page (stored_at);
CREATE INDEX IF NOT EXISTS page_file ON page (file);
CREATE TABLE IF NOT EXISTS page_tag (tag TEXT NOT NULL, key TEXT NOT NULL,
    PRIMARY KEY (tag, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS page_tag_key ON page_tag (key);
CREATE TABLE IF NOT EXISTS tag_version (tag TEXT PRIMARY KEY, seq INTEGER NOT NULL,
    at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS generation (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
INSERT OR IGNORE INTO generation (id, seq) VALUES (1, 0);
"""
# A tag's invalidation is remembered long enough to refuse any render that read older data.
TAG_VERSION_KEEP_SECONDS = 3600
CULL_CHECK_EVERY = 200  # stores between two counts of the stored pages


@dataclass(frozen=True)
class CachedPage:
    """A rendered response as stored: status, headers (ETag included), body, the views it
    counts each time it is served (``(counter name, object id)`` pairs), and when it goes out
    of date by the clock alone (a Unix time, or None: only an invalidation ends it)."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    views: tuple[tuple[str, int], ...] = ()
    expires: float | None = None
    etag: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "etag", dict(self.headers).get("ETag", ""))

    def expired(self, now: float) -> bool:
        return self.expires is not None and now >= self.expires

    def meta(self) -> str:
        return json.dumps(
            {
                "status": self.status,
                "headers": self.headers,
                "views": self.views,
                "expires": self.expires,
            }
        )

    @classmethod
    def load(cls, body: bytes, meta: str) -> CachedPage:
        data = json.loads(meta)
        return cls(
            status=data["status"],
            headers=tuple(tuple(pair) for pair in data["headers"]),
            body=bytes(body),
            views=tuple((name, pk) for name, pk in data["views"]),
            expires=data.get("expires"),
        )


def body_etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


class MemoryCopies:
    """This process's copies of the pages it served lately, each with the generation it was
    read at, bounded in bytes (least recently used dropped first): each counts its ``body``
    and ``entry_bytes`` more (what its headers and key take, where bodies can be empty)."""

    def __init__(self, max_bytes: int, *, entry_bytes: int = 0):
        self.max_bytes = max_bytes
        self.entry_bytes = entry_bytes
        self._pages: OrderedDict[str, tuple[CachedPage, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, generation: int) -> CachedPage | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None or entry[1] != generation:
                return None
            self._pages.move_to_end(key)
            return entry[0]

    def put(self, key: str, page: CachedPage, generation: int) -> None:
        with self._lock:
            self._drop(key)
            self._pages[key] = (page, generation)
            self._bytes += len(page.body) + self.entry_bytes
            while self._bytes > self.max_bytes and self._pages:
                self._drop(next(iter(self._pages)))

    def discard(self, keys) -> None:
        with self._lock:
            for key in keys:
                self._drop(key)

    def _drop(self, key: str) -> None:
        entry = self._pages.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry[0].body) + self.entry_bytes


class SqlitePageStore:
    """Pages in ``directory/pages.sqlite3``, shared by every worker process of this host.

    A hit is served from the process's memory copy while the generation number (a counter in a
    memory-mapped file, raised by every invalidation) has not moved: a dictionary look-up and
    an 8-byte read. When it has moved, the copy is checked against the file (one indexed read).

    With ``files_dir``, a page given a ``file`` name in ``put`` is also written there, for a
    front web server to send without asking Gongkai (nginx ``try_files``, docs/operations.md);
    it is deleted with the page, within the same transaction.
    """

    def __init__(
        self, directory: Path, *, memory_bytes: int, max_entries: int, files_dir: Path | None = None
    ):
        self.directory = Path(directory)
        self.files_dir = Path(files_dir) if files_dir else None
        self.max_entries = max_entries
        self.memory = MemoryCopies(memory_bytes)
        self._local = threading.local()
        self._generation_map: tuple[int, mmap.mmap] | None = None
        self._open_lock = threading.Lock()
        self._stores_since_cull = 0

    # -- the four calls ---------------------------------------------------------------------

    def generation(self) -> int:
        return int.from_bytes(self._map()[:8], "little")

    def get(self, key: str) -> CachedPage | None:
        generation = self.generation()
        page = self.memory.get(key, generation)
        if page is not None:
            return page
        row = self._db().execute("SELECT body, meta FROM page WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        page = CachedPage.load(*row)
        self.memory.put(key, page, generation)
        return page

    def put(
        self, key: str, page: CachedPage, tags: set[str], *, since: int, file: str | None = None
    ) -> bool:
        db = self._db()
        file = file if self.files_dir else None
        with _immediate(db):
            if _newest_version(db, tags) > since:
                return False
            if file:
                self._write_file(file, page.body)
            db.execute(
                "INSERT OR REPLACE INTO page (key, body, meta, stored_at, file) VALUES (?, ?, ?, ?, ?)",
                (key, page.body, page.meta(), time.time(), file),
            )
            db.execute("DELETE FROM page_tag WHERE key = ?", (key,))
            db.executemany(
                "INSERT INTO page_tag (tag, key) VALUES (?, ?)", [(tag, key) for tag in tags]
            )
        self.memory.put(key, page, since)
        self._stores_since_cull += 1
        if self._stores_since_cull >= CULL_CHECK_EVERY:
            self._stores_since_cull = 0
            self.cull()
        return True

    def invalidate(self, tags: set[str]) -> None:
        db = self._db()
        now = time.time()
        with _immediate(db):
            (seq,) = db.execute("UPDATE generation SET seq = seq + 1 RETURNING seq").fetchone()
            db.executemany(
                "INSERT INTO tag_version (tag, seq, at) VALUES (?, ?, ?) "
                "ON CONFLICT (tag) DO UPDATE SET seq = excluded.seq, at = excluded.at",
                [(tag, seq, now) for tag in tags],
            )
            keys = _keys_tagged(db, tags)
            self._delete_pages(db, keys)
            if seq % 100 == 0:
                db.execute(
                    "DELETE FROM tag_version WHERE at < ?", (now - TAG_VERSION_KEEP_SECONDS,)
                )
        self._map()[:8] = seq.to_bytes(8, "little")
        self.memory.discard(keys)

    # -- upkeep -----------------------------------------------------------------------------

    def cull(self) -> None:
        """Drop the oldest tenth once more than ``max_entries`` pages are stored."""
        db = self._db()
        (count,) = db.execute("SELECT count(*) FROM page").fetchone()
        if count <= self.max_entries:
            return
        with _immediate(db):
            keys = [
                key
                for (key,) in db.execute(
                    "SELECT key FROM page ORDER BY stored_at LIMIT ?",
                    (count - self.max_entries * 9 // 10,),
                )
            ]
            self._delete_pages(db, keys)

    def views_of_files(self, names) -> dict[tuple[str, int], int]:
        """The views counted by the pages whose files were sent ``names[name]`` times."""
        db = self._db()
        views: dict[tuple[str, int], int] = {}
        for name, times in names.items():
            row = db.execute("SELECT body, meta FROM page WHERE file = ?", (name,)).fetchone()
            for counted in CachedPage.load(*row).views if row else ():
                views[counted] = views.get(counted, 0) + times
        return views

    def count(self) -> int:
        return self._db().execute("SELECT count(*) FROM page").fetchone()[0]

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection[1].close()
            self._local.connection = None

    # -- files, connections -----------------------------------------------------------------

    def _delete_pages(self, db: sqlite3.Connection, keys: list[str]) -> None:
        if self.files_dir:
            for key in keys:
                row = db.execute("SELECT file FROM page WHERE key = ?", (key,)).fetchone()
                if row and row[0]:
                    (self.files_dir / row[0]).unlink(missing_ok=True)
        db.executemany("DELETE FROM page WHERE key = ?", [(key,) for key in keys])
        db.executemany("DELETE FROM page_tag WHERE key = ?", [(key,) for key in keys])

    def _write_file(self, name: str, body: bytes) -> None:
        """Readable by the web server's user; replaced whole, never seen half-written."""
        target = self.files_dir / name
        target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_bytes(body)
        temporary.chmod(0o644)
        os.replace(temporary, target)

    def _db(self) -> sqlite3.Connection:
        # One connection per thread, opened again after a fork (workers fork from the server).
        opened = getattr(self._local, "connection", None)
        if opened is not None and opened[0] == os.getpid():
            return opened[1]
        self.directory.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            self.directory / "pages.sqlite3", timeout=30, isolation_level=None
        )
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            connection.executescript(
                "BEGIN IMMEDIATE; DROP TABLE IF EXISTS page; DROP TABLE IF EXISTS page_tag; "
                f"{SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            )
        self._local.connection = (os.getpid(), connection)
        return connection

    def _map(self) -> mmap.mmap:
        mapped = self._generation_map
        if mapped is not None and mapped[0] == os.getpid():
            return mapped[1]
        with self._open_lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.directory / "generation", os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if os.fstat(descriptor).st_size < 8:
                    seq = self._db().execute("SELECT seq FROM generation").fetchone()[0]
                    os.pwrite(descriptor, seq.to_bytes(8, "little"), 0)
                memory = mmap.mmap(descriptor, 8)
            finally:
                os.close(descriptor)
            self._generation_map = (os.getpid(), memory)
        return memory


class _immediate:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, error, trace):
        self.db.execute("ROLLBACK" if kind else "COMMIT")


def _newest_version(db: sqlite3.Connection, tags: set[str]) -> int:
    if not tags:
        return -1
    marks = ",".join("?" * len(tags))
    (newest,) = db.execute(
        f"SELECT max(seq) FROM tag_version WHERE tag IN ({marks})",  # noqa: S608
        tuple(tags),
    ).fetchone()
    return -1 if newest is None else newest


def _keys_tagged(db: sqlite3.Connection, tags: set[str]) -> list[str]:
    marks = ",".join("?" * len(tags))
    return [
        key
        for (key,) in db.execute(
            f"SELECT DISTINCT key FROM page_tag WHERE tag IN ({marks})",  # noqa: S608
            tuple(tags),
        )
    ]
