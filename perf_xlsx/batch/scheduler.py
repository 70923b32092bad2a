"""The process pool of a batch: files sent to workers in small chunks, hung and crashing workers
survived (issue 15: per-file submission cost the parent a quarter of a millisecond per workbook,
on the same two cores as the workers).

A chunk is a few files run one after another by one worker call; near the end of the run the
chunks shrink to single files so that no worker idles while another holds several. A worker that
dies takes its whole chunk with it: every file of a chunk that crashed or hung is run again
*alone*, so that the file to blame — and only it — becomes an INTERNAL (crashed twice) or TIMEOUT
row, and the others are checked as usual.
"""
from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Iterator

#: Extra seconds the parent waits beyond the per-file limit before it declares a worker hung.
HANG_GRACE = 5.0
MAX_ATTEMPTS = 2      # a file whose worker died twice (the second time alone) is an INTERNAL row
#: Chunks in flight per worker: one running, one queued, so that no worker waits for the parent.
QUEUE_DEPTH = 2
#: At most this many files per worker call.
CHUNK = 4

Worker = Callable[[str, "str | None"], dict]
Row = dict[str, Any]


def run_chunk(worker: Worker, items: list[tuple[str, str | None]]) -> list[Row]:
    """In a worker process: check each (path, output name) of a chunk, in order."""
    return [worker(path, name) for path, name in items]


class Scheduler:
    """Runs ``worker`` over ``files`` in a pool of ``jobs`` processes; ``run()`` yields
    ``(index, row)`` as files complete. ``failed(i, kind, seconds)`` makes the row of a file
    whose worker crashed (``kind`` "crash") or hung ("timeout"); ``initializer(options)``
    prepares each worker process."""

    def __init__(self, files: list[Path], names: dict[Path, str], jobs: int, worker: Worker,
                 initializer: Callable[[Any], None], options: Any, time_limit: float,
                 failed: Callable[[int, str, float], Row]) -> None:
        self.files, self.names, self.jobs, self.worker = files, names, jobs, worker
        self.initializer, self.options, self.failed = initializer, options, failed
        self.todo = list(range(len(files)))[::-1]          # a stack, popped from the end
        self.attempts = [0] * len(files)
        self.suspect = [False] * len(files)                # run alone from now on
        self.running: dict[Future, tuple[list[int], float]] = {}
        self.solo = False
        self.broken = False
        # A chunk is submitted at most one running chunk's time before it starts (FIFO queue).
        self.hang_after = QUEUE_DEPTH * (time_limit + HANG_GRACE)
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, initializer=self.initializer,
                                   initargs=(self.options,))

    def _next_chunk(self) -> list[int]:
        """The next files to submit: a suspect alone (once nothing else runs), else up to
        CHUNK files, fewer as the run nears its end."""
        i = self.todo[-1]
        if self.suspect[i]:
            if self.running:
                return []
            self.solo = True
            return [self.todo.pop()]
        size = max(1, min(CHUNK, len(self.todo) // (self.jobs * QUEUE_DEPTH)))
        chunk: list[int] = []
        while self.todo and len(chunk) < size and not self.suspect[self.todo[-1]]:
            chunk.append(self.todo.pop())
        return chunk

    def _fill(self) -> None:
        while self.todo and len(self.running) < self.jobs * QUEUE_DEPTH and not self.solo:
            chunk = self._next_chunk()
            if not chunk:
                return
            for i in chunk:
                self.attempts[i] += 1
            items = [(str(self.files[i]), self.names.get(self.files[i])) for i in chunk]
            try:
                fut = self.pool.submit(run_chunk, self.worker, items)
            except BrokenProcessPool:            # a worker died since the last look
                for i in reversed(chunk):
                    self.attempts[i] -= 1
                    self.todo.append(i)
                self.solo = False
                self.broken = True
                return
            self.running[fut] = (chunk, time.monotonic())

    def run(self) -> Iterator[tuple[int, Row]]:
        clean = False
        try:
            self._fill()
            while self.running or self.broken:
                done, _ = wait(self.running, timeout=1.0, return_when=FIRST_COMPLETED)
                broken, self.broken = self.broken, False
                for fut in done:
                    chunk, started = self.running.pop(fut)
                    self.solo = False
                    try:
                        rows = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        yield from self._crashed(chunk, started)
                        continue
                    yield from zip(chunk, rows)
                now = time.monotonic()
                hung = [(f, c, s) for f, (c, s) in self.running.items()
                        if now - s > self.hang_after * len(c)]
                if hung or broken:
                    yield from self._restart(hung)
                self._fill()
            clean = True
        finally:
            self._stop(self.pool, force=not clean)

    def _crashed(self, chunk: list[int], started: float) -> Iterator[tuple[int, Row]]:
        for i in chunk:
            if self.suspect[i] and self.attempts[i] >= MAX_ATTEMPTS:
                yield i, self.failed(i, "crash", time.monotonic() - started)
            else:
                self.suspect[i] = True
                self.todo.append(i)

    def _restart(self, hung: list[tuple[Future, list[int], float]]
                 ) -> Iterator[tuple[int, Row]]:
        for fut, chunk, started in hung:
            self.running.pop(fut, None)
            if len(chunk) == 1:
                yield chunk[0], self.failed(chunk[0], "timeout", time.monotonic() - started)
                continue
            for i in reversed(chunk):            # which one hung is not known: each alone
                self.attempts[i] -= 1
                self.suspect[i] = True
                self.todo.append(i)
        for chunk, _started in self.running.values():  # bystanders: again, not suspects
            for i in reversed(chunk):
                self.attempts[i] -= 1
                self.todo.append(i)
        self.running.clear()
        self.solo = False
        self._stop(self.pool, force=True)
        self.pool = self._new_pool()

    @staticmethod
    def _stop(pool: ProcessPoolExecutor, force: bool) -> None:
        if force:
            terminate = getattr(pool, "terminate_workers", None)      # Python ≥ 3.14
            if terminate is not None:
                terminate()
            else:
                for proc in list((getattr(pool, "_processes", None) or {}).values()):
                    if proc.is_alive():
                        proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
