"""Batch scope checks: blocks of targets, checked in order, on both cores when the input is large.

Every block goes through `check_block`, in this process for small inputs and in worker
processes (forked, so the licence index is shared, not re-read) for large files. Results come
back in input order; only a few blocks are in flight, so memory stays flat.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from licencecheck.findings import Verdict

if TYPE_CHECKING:
    from licencecheck.checks.scope import RawBlock, ScopeIndex
    from licencecheck.render.stream import FindingSink

BLOCK_SIZE = 20_000
IN_FLIGHT_PER_WORKER = 3


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

    def summary(self) -> dict[str, int]:
        return {
            "checked": self.checked,
            "covered": self.covered,
            "not_covered": self.not_covered,
            "invalid": self.invalid,
        }

    def ok(self, strict: bool) -> bool:
        return self.checked > 0 and not self.not_covered and not self.invalid and not (strict and self.warned)


BlockResult = tuple[str, list[str], Tally]
"""The block's formatted findings (joined), error messages for invalid targets, and counts."""


def process_job(index: ScopeIndex, sink: FindingSink, job: list[tuple[int | None, str]] | RawBlock) -> BlockResult:
    """Parse (for a raw block of a file), check and format one block of targets."""
    from licencecheck.checks.scope import INVALID, RawBlock, check_target, parse_block

    block = parse_block(job) if isinstance(job, RawBlock) else job
    formatted: list[str] = []
    errors: list[str] = []
    tally = Tally()
    fail, warn = Verdict.FAIL, Verdict.WARN
    render = sink.format
    for line, target in block:
        finding = check_target(index, target, line)
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


_WORKER: tuple[Any, Any] | None = None


def _worker_init(index: ScopeIndex, sink: FindingSink) -> None:
    global _WORKER  # noqa: PLW0603 - a worker process's one piece of state
    _WORKER = (index, sink)


def _worker_job(job: list[tuple[int | None, str]] | RawBlock) -> BlockResult:
    assert _WORKER is not None
    return process_job(_WORKER[0], _WORKER[1], job)


def chunked(targets: Iterator[tuple[int | None, str]]) -> Iterator[list[tuple[int | None, str]]]:
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
    jobs: Iterator[list[tuple[int | None, str]] | RawBlock],
    on_result: Callable[[BlockResult], None],
    *,
    workers: int,
) -> None:
    """Process every job and hand the results to `on_result` in input order."""
    if workers <= 1:
        for job in jobs:
            on_result(process_job(index, sink, job))
        return
    import multiprocessing

    # Forked before any thread starts, so the workers share the licence index as it is.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_worker_init, initargs=(index, sink)) as pool:
        pending: deque[Any] = deque()
        for job in jobs:
            pending.append(pool.apply_async(_worker_job, (job,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                on_result(pending.popleft().get())
        while pending:
            on_result(pending.popleft().get())
