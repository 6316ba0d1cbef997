"""Files prepared in extraction processes, in order, with bounded memory (pure: no Django).

A bulk import reads its files in the importing process and extracts them in worker
processes; the answers come back in the order the files went in, with at most ``ahead``
chunks of files in flight, so memory stays bounded however many files there are.

concurrent.futures.ProcessPoolExecutor rather than multiprocessing.Pool: when a worker dies
(killed for its memory, a parser crashing), Pool waits forever for its answer, while the
executor reports itself broken. The files that were in flight then run again one at a time
in a fresh pool: the file that kills its worker again is refused alone (worker_crashed),
the others go through.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from gongkai.documents.import_files import Prepared, SourceFile, refused, worker_crashed

CHUNK = 8  # files per task: fewer round trips, answers still come back soon

Job = Callable[[SourceFile], Prepared]
InFlight = tuple[list[SourceFile], Future, int]


def _run(job: Job, chunk: list[SourceFile]) -> list[Prepared]:
    return [job(source) for source in chunk]


def _chunks(sources: Iterable[SourceFile]) -> Iterator[list[SourceFile]]:
    chunk: list[SourceFile] = []
    for source in sources:
        chunk.append(source)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Pool:
    """A process pool replaced by a fresh one whenever one of its workers dies; each
    replacement starts a new generation."""

    def __init__(self, job: Job, workers: int):
        self.job, self.workers = job, workers
        self.generation = 0
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # fork: the workers need only the extraction modules, imported here already.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))

    def _restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.generation += 1
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def submit(self, chunk: list[SourceFile]) -> InFlight:
        try:
            future = self.executor.submit(_run, self.job, chunk)
        except BrokenProcessPool:  # a worker died since the last answer was read
            self._restart()
            future = self.executor.submit(_run, self.job, chunk)
        return chunk, future, self.generation

    def result(self, chunk: list[SourceFile], future: Future, generation: int) -> list[Prepared]:
        try:
            return future.result()
        except BrokenProcessPool:
            if generation == self.generation:
                self._restart()
        # Any file in flight may have killed the worker: each runs again alone.
        return [self._alone(source) for source in chunk]

    def _alone(self, source: SourceFile) -> Prepared:
        try:
            return self.executor.submit(_run, self.job, [source]).result()[0]
        except BrokenProcessPool:
            self._restart()
            return refused(source, worker_crashed())


def prepared_in_order(
    sources: Iterable[SourceFile], job: Job, *, workers: int, ahead: int
) -> Iterator[Prepared]:
    """``job(source)`` for each source, in order; in ``workers`` processes when there is
    more than one, with at most ``ahead`` chunks of CHUNK files in flight."""
    if workers <= 1:
        yield from map(job, sources)
        return
    pool = _Pool(job, workers)
    in_flight: deque[InFlight] = deque()
    try:
        for chunk in _chunks(sources):
            in_flight.append(pool.submit(chunk))
            if len(in_flight) >= ahead:
                yield from pool.result(*in_flight.popleft())
        while in_flight:
            yield from pool.result(*in_flight.popleft())
    finally:
        pool.close()
