"""Where per-point evaluations run: in process, on a process pool, or on a Dask cluster.

Every executor hands finished records to a :class:`Sink` (result table, checkpoint, progress
bar). The process pool survives workers that die (see docs/sweep.md, "Worker death"): the pool
is restarted, the lost points are run again, and a point that was being evaluated on a worker
that died twice is recorded as failed. On ``KeyboardInterrupt`` every executor keeps the
finished points, stops its workers and re-raises.
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib.util
import math
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ._points import evaluate_chunk, init_worker, run_chunk_payload

Item = tuple[int, dict[str, Any]]
Record = tuple[int, dict[str, Any] | None, str]

#: A pool restart that finds, say, 8 points killing workers while no point has ever come back
#: means the workers cannot run this function at all (e.g. unpickling it crashes them).
_MIN_DEATHS_BEFORE_GIVING_UP = 8


class SweepError(RuntimeError):
    """The sweep could not produce results: every point failed, or its workers keep dying.

    ``dataset`` holds the (partial) dataset when one could be assembled, with the message of
    every failed point in its ``error`` variable.
    """

    def __init__(self, message: str, dataset: Any = None):
        super().__init__(message)
        self.dataset = dataset


# ----------------------------------------------------------------------------- the sink

class Sink:
    """Receives finished records: stores them, persists them, advances the progress bar.

    With ``flush_every`` set, records are buffered and written at least once a second (serial
    executor); otherwise every batch becomes one checkpoint chunk as it arrives.
    """

    def __init__(self, done: dict[int, tuple[dict | None, str]], ckpt, bar,
                 flush_every: int | None = None):
        self.done = done
        self.ckpt = ckpt
        self.bar = bar
        self.flush_every = flush_every
        self.pending: list[Record] = []
        self.last_flush = time.monotonic()
        self.n_from_workers = 0

    def add(self, records: list[Record], *, persist: bool = True) -> None:
        for index, res, err in records:
            self.done[index] = (res, err)
        self.bar.update(len(records))
        if self.ckpt is None or not persist:
            return
        if self.flush_every is None:
            self.ckpt.save(records)
            return
        self.pending.extend(records)
        if len(self.pending) >= self.flush_every or time.monotonic() - self.last_flush >= 1.0:
            self.flush()

    def task_failed(self, task: list[Item], exc: Exception, strict: bool) -> None:
        """A task raised outside the function: re-raise in strict mode, else record (not
        checkpointed, see :func:`_task_failure`)."""
        if strict:
            raise exc
        self.add(_task_failure(task, exc), persist=False)

    def flush(self) -> None:
        if self.pending and self.ckpt is not None:
            self.ckpt.save(self.pending)  # cleared only once written: an interrupted write
            self.pending = []             # is retried by the final flush
        self.last_flush = time.monotonic()


def _task_failure(task: list[Item], exc: BaseException) -> list[Record]:
    """Records for the points of a task that failed as a whole (not inside the function).

    Such failures (the function cannot be unpickled on a worker, a result cannot be sent
    back, the cluster lost a dependency) say nothing about the points themselves, so they are
    reported but not checkpointed: a resumed sweep tries these points again.
    """
    msg = (f"{type(exc).__name__}: {exc} (raised by the task of {len(task)} point(s), "
           "not by the function)")
    return [(index, None, msg) for index, _ in task]


# ----------------------------------------------------------------------------- helpers

def register_by_value(func: Callable) -> None:
    """Let cloudpickle ship ``func`` by value when workers cannot import its module.

    Study scripts are loaded from files (not importable by name in a fresh worker), and so are
    functions defined in notebooks or test files; cloudpickle pickles those by value once their
    module is registered.
    """
    modname = getattr(func, "__module__", None)
    mod = sys.modules.get(modname) if modname else None
    if mod is None or modname == "__main__":
        return  # __main__ is pickled by value by cloudpickle already
    try:
        spec = importlib.util.find_spec(modname)
    except (ImportError, ValueError, AttributeError):
        spec = None
    if spec is None or getattr(mod, "__wirelesseff_study__", False):
        import cloudpickle

        try:
            cloudpickle.register_pickle_by_value(mod)
        except ValueError:  # pragma: no cover - not in sys.modules under that name
            pass


def make_payload(func, fixed, seed, pass_rng) -> bytes:
    import cloudpickle

    register_by_value(func)
    return cloudpickle.dumps((func, fixed, seed, pass_rng))


def auto_chunksize(n_todo: int, n_workers: int, per_worker_tasks: int, cap: int) -> int:
    return int(max(1, min(cap, math.ceil(n_todo / max(1, n_workers * per_worker_tasks)))))


def chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _death_text(code: int | None) -> str:
    if code is None:
        return "exit status unknown"
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


# ----------------------------------------------------------------------------- serial

def run_serial(func, fixed, items, seed, pass_rng, strict, sink: Sink) -> None:
    """In-process loop; the sink flushes finished points at least once a second."""
    try:
        for item in items:
            sink.add(evaluate_chunk(func, fixed, [item], seed, pass_rng, strict))
    finally:  # Ctrl-C or an exception in strict mode: keep what is finished
        sink.flush()


# ----------------------------------------------------------------------------- process pool

def _mp_context():
    import multiprocessing as mp

    # forkserver: workers fork from a clean server that has already imported numpy and the
    # point evaluator, so start-up is cheap and no threads (BLAS, numba) are forked.
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["numpy", "threadpoolctl", "wirelesseff.sweep._points"])
        return ctx
    return mp.get_context("spawn")  # pragma: no cover - Windows/macOS


class _WorkerPool:
    """A process pool whose workers record, in shared memory, the point they evaluate."""

    def __init__(self, n_workers: int):
        ctx = _mp_context()
        # pairs (pid, flat index being evaluated or -1); twice the worker count for safety
        self.slots = ctx.RawArray("q", 4 * n_workers)
        self.counter = ctx.Value("q", 0)
        self.executor = cf.ProcessPoolExecutor(
            max_workers=n_workers, mp_context=ctx, initializer=init_worker,
            initargs=(self.slots, self.counter, os.getpid()),
        )
        # The pool's {pid: Process} dict (private but stable since Python 3.8); kept so that
        # exit codes can be read after shutdown, which replaces the attribute by None.
        procs = getattr(self.executor, "_processes", None)
        self.processes: dict = procs if isinstance(procs, dict) else {}

    def in_flight(self) -> dict[int, int]:
        """``{pid: flat index}`` of the workers that were evaluating a point."""
        s = self.slots
        return {int(s[i]): int(s[i + 1]) for i in range(0, len(s), 2)
                if s[i] != 0 and s[i + 1] >= 0}

    def exit_codes(self) -> dict[int, int | None]:
        """Exit codes of the workers (call after :meth:`shutdown` only)."""
        return {pid: p.exitcode for pid, p in list(self.processes.items())}

    def kill(self) -> None:
        """Stop every worker now (Ctrl-C): running chunks are abandoned, not awaited."""
        procs = list(self.processes.values())
        for p in procs:
            try:
                p.terminate()
            except Exception:  # pragma: no cover - already gone
                pass
        deadline = time.monotonic() + 3.0
        for p in procs:
            try:
                p.join(max(0.0, deadline - time.monotonic()))
                if p.exitcode is None:  # pragma: no cover - ignored SIGTERM
                    p.kill()
            except Exception:  # pragma: no cover - already reaped
                pass

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _harvest(futures: Mapping[cf.Future, list[Item]], sink: Sink) -> list[Item]:
    """Keep the results of finished futures; return the items of the others (cancelled)."""
    lost: list[Item] = []
    for fut, task in futures.items():
        if fut.done() and not fut.cancelled() and fut.exception() is None:
            sink.n_from_workers += len(task)
            sink.add(fut.result())
        else:
            fut.cancel()
            lost.extend(task)
    return lost


def _keep_finished(futures: Mapping[cf.Future, list[Item]], sink: Sink) -> None:
    """On Ctrl-C (or an error in strict mode): save what has finished, cancel the rest."""
    try:
        _harvest(futures, sink)
    except Exception:  # pragma: no cover - the interrupt matters more
        pass


def _parallel_round(pool: _WorkerPool, payload, tasks, strict, sink):
    """Run ``tasks`` concurrently; ``None`` when all finished, else the lost items."""
    futures: dict[cf.Future, list[Item]] = {}
    try:
        for k, task in enumerate(tasks):
            try:
                futures[pool.executor.submit(run_chunk_payload, payload, task, strict)] = task
            except BrokenProcessPool:
                return _harvest(futures, sink) + [it for t in tasks[k:] for it in t]
        for fut in cf.as_completed(list(futures)):
            task = futures.pop(fut)
            try:
                records = fut.result()
            except BrokenProcessPool:
                futures[fut] = task
                return _harvest(futures, sink)
            except Exception as exc:
                sink.task_failed(task, exc, strict)
                continue
            sink.n_from_workers += len(records)
            sink.add(records)
    except BaseException:
        _keep_finished(futures, sink)
        raise
    return None


def _sequential_round(pool: _WorkerPool, payload, items, strict, sink):
    """Run ``items`` one at a time; ``None`` when all finished, else (lost items, culprit)."""
    for k, item in enumerate(items):
        try:
            fut = pool.executor.submit(run_chunk_payload, payload, [item], strict)
            records = fut.result()
        except BrokenProcessPool:
            return list(items[k:]), item
        except Exception as exc:
            sink.task_failed([item], exc, strict)
            continue
        sink.n_from_workers += len(records)
        sink.add(records)
    return None


def run_processes(func, fixed, items: list[Item], seed, pass_rng, strict, sink: Sink,
                  chunksize: int | None, n_workers: int | None,
                  describe: Callable[[int], str]) -> None:
    """Process-pool executor that survives dying workers.

    A worker that dies breaks the whole :class:`~concurrent.futures.ProcessPoolExecutor`. The
    points then in flight are read from the shared slot table; the one(s) on the worker(s) that
    died (exit status other than the SIGTERM the pool sends to the others) get a strike. Points
    with a strike run alone in their task; a second strike records the point as failed
    (``"worker died ..."``). If the dead worker cannot be identified, the points that were in
    flight are run one at a time, which makes the next death attributable. All other lost
    points are simply run again in a fresh pool.
    """
    if not items:
        return
    payload = make_payload(func, fixed, seed, pass_rng)
    n_workers = n_workers or os.cpu_count() or 1
    size = chunksize or auto_chunksize(len(items), n_workers, 16, 256)
    strikes: dict[int, int] = {}
    todo: list[Item] = list(items)
    careful: list[Item] = []
    n_struck = 0
    while todo or careful:
        pool = _WorkerPool(1 if careful else n_workers)
        try:
            if careful:
                batch, careful = careful, []
                broken = _sequential_round(pool, payload, batch, strict, sink)
            else:
                batch, todo = todo, []
                solo = [[it] for it in batch if strikes.get(it[0])]
                rest = [it for it in batch if not strikes.get(it[0])]
                lost = _parallel_round(pool, payload, solo + list(chunks(rest, size)), strict,
                                       sink)
                broken = None if lost is None else (lost, None)
        except BaseException:
            pool.kill()
            raise
        finally:
            pool.shutdown()
        if broken is None:
            continue
        lost, culprit = broken
        codes, flight = pool.exit_codes(), pool.in_flight()
        if culprit is not None:  # one point at a time: the running one killed its worker
            dead = [c for c in codes.values() if c is not None and c != -signal.SIGTERM]
            struck = {culprit[0]: _death_text(dead[0] if dead else next(iter(codes.values()),
                                                                          None))}
        else:
            struck = {index: _death_text(codes.get(pid)) for pid, index in flight.items()
                      if codes.get(pid) not in (None, -signal.SIGTERM)}
            if not struck:  # cannot tell which worker died first: isolate the suspects
                suspects = set(flight.values()) or {index for index, _ in lost}
                careful = [it for it in lost if it[0] in suspects]
                lost = [it for it in lost if it[0] not in suspects]
        for index, why in struck.items():
            strikes[index] = strikes.get(index, 0) + 1
            n_struck += 1
            if strikes[index] >= 2:
                msg = (f"worker died while evaluating this point ({why}); it was run again "
                       "alone in a fresh worker and that worker died too")
                if strict:
                    raise SweepError(f"{msg}: grid point {describe(index)}")
                sink.add([(index, None, msg)])
        todo = [it for it in lost if strikes.get(it[0], 0) < 2] + todo
        if n_struck >= max(_MIN_DEATHS_BEFORE_GIVING_UP, 2 * n_workers) and \
                sink.n_from_workers == 0:
            why = next(iter(struck.values()), "cause unknown")
            raise SweepError(
                f"worker processes died {n_struck} times and no point has finished (last: "
                f"{why}); the workers cannot run this function. Try executor='serial' to see "
                "the error"
            )


def run_futures(executor: cf.Executor, func, fixed, items, seed, pass_rng, strict,
                sink: Sink, chunksize, n_workers) -> None:
    """A user-supplied :class:`concurrent.futures.Executor` (not restarted when it breaks)."""
    if not items:
        return
    payload = make_payload(func, fixed, seed, pass_rng)
    n_workers = n_workers or getattr(executor, "_max_workers", None) or os.cpu_count() or 1
    size = chunksize or auto_chunksize(len(items), n_workers, 16, 256)
    futures = {executor.submit(run_chunk_payload, payload, task, strict): task
               for task in chunks(items, size)}
    try:
        for fut in cf.as_completed(list(futures)):
            task = futures.pop(fut)
            try:
                records = fut.result()
            except BrokenProcessPool as exc:
                raise SweepError(
                    "a worker process of the executor you passed died, which breaks a "
                    "ProcessPoolExecutor for good; pass executor='processes' to let the sweep "
                    "restart its own pool and record the point that killed the worker"
                ) from exc
            except Exception as exc:
                sink.task_failed(task, exc, strict)
                continue
            sink.add(records)
    except BaseException:
        _keep_finished(futures, sink)
        raise


# ----------------------------------------------------------------------------- dask

def _identity(x):
    return x


def run_dask(client, func, fixed, items, seed, pass_rng, strict, sink: Sink, chunksize,
             describe: Callable[[int], str]) -> None:
    """Dask executor. A chunk whose workers died more often than the scheduler allows
    (``distributed.scheduler.allowed-failures``) raises ``KilledWorker``: its points are then
    run one per task, and a point whose own task is killed again is recorded as failed."""
    if not items:
        return
    from distributed import KilledWorker, as_completed

    payload = make_payload(func, fixed, seed, pass_rng)
    n_workers = max(1, sum(client.nthreads().values()))
    size = chunksize or auto_chunksize(len(items), n_workers, 4, 2048)
    # A task (not scattered data): if every worker holding it dies, the scheduler recomputes it.
    payload_future = client.submit(_identity, payload, pure=False)
    retries = 0 if strict else 2  # for exceptions of the task itself, not for worker deaths

    def submit(task):
        return client.submit(run_chunk_payload, payload_future, task, strict, pure=False,
                             retries=retries)

    futures = {submit(task): task for task in chunks(items, size)}
    ac = as_completed(list(futures))
    try:
        for fut in ac:
            task = futures.pop(fut)
            try:
                records = fut.result()
            except KilledWorker as exc:
                if len(task) > 1:  # first strike for the whole chunk: isolate its points
                    for item in task:
                        new = submit([item])
                        futures[new] = [item]
                        ac.add(new)
                    continue
                msg = (f"worker died while evaluating this point (dask KilledWorker: {exc}); "
                       "it was run again alone and killed its worker again")
                if strict:
                    raise SweepError(f"{msg}: grid point {describe(task[0][0])}") from exc
                sink.add([(task[0][0], None, msg)])
                continue
            except Exception as exc:
                sink.task_failed(task, exc, strict)
                continue
            sink.add(records)
    except BaseException:
        try:  # Ctrl-C: keep what has finished, stop the rest
            for fut, _task in list(futures.items()):
                if fut.status == "finished":
                    sink.add(fut.result(timeout=1))
        except Exception:  # pragma: no cover - the interrupt matters more
            pass
        client.cancel(list(futures) + [payload_future])
        raise
    finally:
        payload_future.release()
