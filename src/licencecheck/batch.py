"""Batch scope checks: blocks of targets, checked in order, on both cores when the input is large.

Every block goes through `process_job`, in this process for small inputs and in worker
processes (forked, so the licence index is shared, not re-read) for large files. Results come
back in input order; one block per worker is in flight, so memory stays flat.
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from licencecheck.i18n import _
from licencecheck.report import Verdict

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from licencecheck.checks.scope import Entry, RawBlock, ScopeIndex
    from licencecheck.render.stream import FindingSink

BLOCK_SIZE = 20_000


@dataclass
class Tally:
    checked: int = 0
    covered: int = 0
    not_covered: int = 0
    invalid: int = 0
    warned: int = 0
    matched: dict[str, None] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        self.checked += other.checked
        self.covered += other.covered
        self.not_covered += other.not_covered
        self.invalid += other.invalid
        self.warned += other.warned
        self.matched.update(other.matched)

    def verdicts(self) -> dict[str, int]:
        """How many findings have each verdict (the envelope's summary counts)."""
        return {
            Verdict.PASS.value: self.covered - self.warned,
            Verdict.WARN.value: self.warned,
            Verdict.FAIL.value: self.not_covered,
            Verdict.ERROR.value: self.invalid,
        }

    def summary(self) -> dict[str, int]:
        return {
            **self.verdicts(),
            "checked": self.checked,
            "covered": self.covered,
            "not_covered": self.not_covered,
            "invalid": self.invalid,
        }

    def exit_code(self, strict: bool) -> int:
        from licencecheck.report import exit_code_for

        return exit_code_for(self.verdicts(), strict=strict)

    def ok(self, strict: bool) -> bool:
        return self.exit_code(strict) == 0


BlockResult = tuple[str, list[str], Tally]
"""The block's formatted findings (joined), error messages for invalid targets, and counts."""


def process_job(index: ScopeIndex, sink: FindingSink, job: list[Entry] | RawBlock) -> BlockResult:
    """Parse (for a raw block of a file), check and format one block of targets."""
    from licencecheck.checks.scope import INVALID, RawBlock, check_target, parse_block
    from licencecheck.report import Finding

    block = parse_block(job) if isinstance(job, RawBlock) else job
    source = job.name if isinstance(job, RawBlock) else None
    formatted: list[str] = []
    errors: list[str] = []
    tally = Tally()
    fail, warn = Verdict.FAIL, Verdict.WARN
    render = sink.format
    for line, target in block:
        # A line that could not be read as a target (not UTF-8, too long) comes as its finding.
        finding = target if isinstance(target, Finding) else check_target(index, target, line, source)
        data = finding.data
        if data["status"] == INVALID:
            tally.invalid += 1
            errors.append(finding.message)
        elif finding.verdict is fail:
            tally.not_covered += 1
        else:
            tally.covered += 1
            tally.warned += finding.verdict is warn
        domain = data.get("matched_domain")
        if domain is not None:
            tally.matched[domain] = None
        formatted.append(render(finding))
    tally.checked = len(block)
    return sink.joiner.join(formatted), errors, tally


def chunked(targets: Iterator[Entry]) -> Iterator[list[Entry]]:
    """Targets given one by one (arguments), in blocks."""
    while block := list(itertools.islice(targets, BLOCK_SIZE)):
        yield block


def usable_workers() -> int:
    """Worker processes for a large input: one per core, where fork is available."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, cores)


def run_jobs(
    index: ScopeIndex,
    sink: FindingSink,
    jobs: Iterator[list[Entry] | RawBlock],
    on_result: Callable[[BlockResult], None],
    *,
    workers: int,
) -> None:
    """Process every job and hand the results to `on_result` in input order. If anything stops
    the run (Ctrl-C, SIGTERM, an error, a worker killed), the workers are killed and reaped
    before the exception goes on."""
    if workers <= 1:
        for job in jobs:
            on_result(process_job(index, sink, job))
        return
    crew = _start_workers(index, sink, workers)
    try:
        _run_in_order(crew, jobs, on_result)
    except BaseException:
        for worker in crew:
            worker.stop(kill=True)
        raise
    for worker in crew:
        worker.stop(kill=False)


def _run_in_order(crew: list[_Worker], jobs: Iterator[Any], on_result: Callable[[BlockResult], None]) -> None:
    """Job N goes to worker N mod len(crew), one job in flight per worker; a worker gets its next
    job as soon as its last result is in, before that result is written out."""
    in_flight: deque[_Worker] = deque()
    for number, job in enumerate(jobs):
        worker = crew[number % len(crew)]
        # All workers busy: the oldest job in flight is this worker's; take its result first.
        done = in_flight.popleft().receive() if len(in_flight) == len(crew) else None
        worker.send(job)
        in_flight.append(worker)
        if done is not None:
            on_result(done)
    while in_flight:
        on_result(in_flight.popleft().receive())


_STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


def _start_workers(index: ScopeIndex, sink: FindingSink, count: int) -> list[_Worker]:
    """Worker processes, forked (they share the licence index as it is) with nothing buffered on
    stdout or stderr (a worker would write it again at exit), and with Ctrl-C and SIGTERM
    blocked from the fork until each worker has reset the handlers it inherited."""
    import multiprocessing

    sys.stdout.flush()
    sys.stderr.flush()
    context = multiprocessing.get_context("fork")
    crew: list[_Worker] = []
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        for _ in range(count):
            crew.append(_Worker(context, index, sink, [end for worker in crew for end in worker.ends]))
    except BaseException:
        for worker in crew:
            worker.stop(kill=True)
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return crew


class _Worker:
    """One forked worker process with a pipe for jobs and one for results, nothing shared: a
    worker that dies (killed by anyone, at any moment) cannot leave a lock held, as it can in
    multiprocessing.Pool, whose teardown then waits for ever."""

    def __init__(self, context: Any, index: ScopeIndex, sink: FindingSink, others: list[Connection]) -> None:
        job_end, self.jobs = context.Pipe(duplex=False)
        self.results, result_end = context.Pipe(duplex=False)
        self.ends = [self.jobs, self.results]
        arguments = (job_end, result_end, index, sink, [*others, *self.ends])
        self.process = context.Process(target=_serve, args=arguments, daemon=True)
        self.process.start()
        job_end.close()  # this process keeps only its own ends: a dead worker is an end of file
        result_end.close()

    def send(self, job: Any) -> None:
        try:
            self.jobs.send_bytes(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
        except OSError:
            self._died()

    def receive(self) -> BlockResult:
        try:
            done, payload = pickle.loads(self.results.recv_bytes())
        except (EOFError, OSError):
            self._died()
        if not done:
            raise RuntimeError(_("in a worker process: {error}").format(error=payload))
        return payload  # type: ignore[no-any-return]

    def _died(self) -> NoReturn:
        """A worker that stopped on its own was killed: SIGTERM stops the run as it would have
        stopped this process; anything else (the out-of-memory killer, a crash) is an error."""
        from licencecheck.errors import LicenceCheckError, Terminated

        self.process.join(1)
        code = self.process.exitcode
        if code == -signal.SIGTERM:
            raise Terminated
        if code is not None and code < 0:
            message = _(
                "a worker process was killed by {signal} before the batch was checked; "
                "LICENCECHECK_WORKERS=1 checks in one process"
            ).format(signal=signal.Signals(-code).name)
        else:
            message = _(
                "a worker process exited ({code}) before the batch was checked; "
                "LICENCECHECK_WORKERS=1 checks in one process"
            ).format(code=code)
        raise LicenceCheckError(message)

    def stop(self, *, kill: bool) -> None:
        """End the worker (an end of file on its jobs, or SIGKILL) and reap it."""
        self.jobs.close()
        if kill:
            self.process.kill()
        self.process.join(None if kill else 5)
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join()
        self.results.close()


def _serve(jobs: Connection, results: Connection, index: ScopeIndex, sink: FindingSink, ends: list[Connection]) -> None:
    """A worker's life: jobs in, results out, until the jobs end or this process's parent is gone.
    Ctrl-C is for the parent alone; SIGTERM, which the parent's handler would turn into an
    exception (and a traceback here), ends a worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    for end in ends:  # the parent's ends, inherited in the fork
        end.close()
    while True:
        try:
            job = pickle.loads(jobs.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            reply: tuple[bool, Any] = (True, process_job(index, sink, job))
        except Exception as exc:  # sent to the parent, which raises it
            reply = (False, f"{type(exc).__name__}: {exc}")
        try:
            results.send_bytes(pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))
        except OSError:
            return
