"""A process pool where one file can't take the run down.

`multiprocessing.Pool` hangs for good when a worker process dies (killed
for memory, a crash in a C extension, `os._exit`), and re-raises a worker's
exception in the parent, ending the run. Here each worker is a forked
process fed chunks of files through its own pipe, and sends back one result
per file as soon as it has it. The parent therefore always knows which file
a worker was on: when a worker dies, that file gets the result `failed`
makes for it, the rest of its chunk goes back in the queue, and a new worker
takes its place. Exceptions inside a worker are the caller's `work` to catch
(it returns a result for the file either way). Results come back in input
order.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import selectors
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

Work = Callable[[str], Any]
Chunk = list[tuple[int, str]]


def _serve(connection: Connection, work: Work, start: Callable[[], None]) -> None:
    start()
    while True:
        chunk: Chunk | None = connection.recv()
        if chunk is None:
            return
        for index, item in chunk:
            connection.send((index, work(item)))


class _Worker:
    def __init__(self, work: Work, start: Callable[[], None]) -> None:
        fork = multiprocessing.get_context("fork")
        self.connection, child = fork.Pipe()
        self.process: BaseProcess = fork.Process(target=_serve, args=(child, work, start), daemon=True)
        self.process.start()
        child.close()
        self.pending: deque[tuple[int, str]] = deque()

    def give(self, chunk: Chunk) -> None:
        self.pending.extend(chunk)
        self.connection.send(chunk)


def run_isolated(
    items: Sequence[str],
    work: Work,
    failed: Callable[[str, str], Any],
    *,
    jobs: int,
    chunk: int,
    start: Callable[[], None],
) -> Iterator[Any]:
    """`work(item)` for every item in `jobs` forked processes, in input order; a dead worker's item gets
    `failed(item, why)`."""
    queue: deque[Chunk] = deque(
        [(i, items[i]) for i in range(at, min(at + chunk, len(items)))] for at in range(0, len(items), chunk)
    )
    results: dict[int, Any] = {}
    workers: list[_Worker] = []
    following = 0
    # One selector for the whole run (not one per wake-up, as `multiprocessing.connection.wait` makes):
    # the parent wakes up about once per file.
    selector = selectors.DefaultSelector()

    def hire() -> None:
        workers.append(_Worker(work, start))
        selector.register(workers[-1].connection, selectors.EVENT_READ, workers[-1])
        selector.register(workers[-1].process.sentinel, selectors.EVENT_READ, workers[-1])
        workers[-1].give(queue.popleft())

    try:
        for _ in range(min(jobs, len(queue))):
            hire()
        while following < len(items):
            ready = {key.data for key, _ in selector.select()}
            for worker in [w for w in workers if w in ready]:
                alive = _collect(worker, results)
                if not alive:
                    workers.remove(worker)
                    selector.unregister(worker.connection)
                    selector.unregister(worker.process.sentinel)
                    worker.process.join()
                    if worker.pending:
                        index, item = worker.pending.popleft()
                        code = worker.process.exitcode
                        why = f"the process checking it ended unexpectedly, exit code {code}"
                        results[index] = failed(item, why)
                        if worker.pending:
                            queue.appendleft(list(worker.pending))
                    if queue:
                        hire()
                elif not worker.pending and queue:
                    worker.give(queue.popleft())
            while following in results:
                yield results.pop(following)
                following += 1
    except BaseException:  # Ctrl-C or an error here: end our workers now, each by its own handle
        for worker in workers:
            worker.process.terminate()
        raise
    finally:
        selector.close()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
        for worker in workers:
            worker.process.join()


def _collect(worker: _Worker, results: dict[int, Any]) -> bool:
    """Take every result the worker has sent; False when the worker is gone."""
    try:
        while worker.connection.poll():
            index, result = worker.connection.recv()
            results[index] = result
            if worker.pending and worker.pending[0][0] == index:
                worker.pending.popleft()
    except (EOFError, OSError):
        return False
    return worker.process.is_alive() or bool(worker.connection.poll())
