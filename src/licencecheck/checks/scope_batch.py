"""`scope` runs: targets from arguments and a target list, checked in blocks (on both cores
for a large file), written through a finding sink as they come; only counts are kept.

The CLI builds a ScopeRequest and chooses the sink: text or JSON stream straight to stdout
(memory stays flat), other formats collect a Report (render.stream.ReportSink)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from licencecheck.errors import InputError
from licencecheck.i18n import _, quote
from licencecheck.request import OnDay

if TYPE_CHECKING:
    from licencecheck.batch import BlockResult, Tally
    from licencecheck.checks.scope import Entry, RawBlock, ScopeIndex
    from licencecheck.render.stream import FindingSink

PROGRESS_MIN_BYTES = 1_000_000
PARALLEL_MIN_BYTES = 2_000_000
"""About 100,000 names: below this, starting worker processes costs more than it saves."""
STDIN = "<stdin>"
"""The name `open_target_list` gives standard input."""


@dataclass(frozen=True)
class ScopeRequest(OnDay):
    targets: tuple[str, ...] = ()
    from_file: str | None = None
    strict: bool = False
    records: tuple[Path, ...] = ()


def run_scope(request: ScopeRequest, sink: FindingSink) -> Tally:
    """Check every target, writing findings through `sink`; fail closed on no targets."""
    from licencecheck.checks.scope import ScopeIndex

    if not request.targets and request.from_file is None:
        raise InputError(_("no targets: give domains or URLs as arguments, or --from FILE"))
    from licencecheck.checks.validity import renewal_filing

    portfolio, day = request.portfolio_and_day()
    records = {}
    if request.records:  # the records reader (and the calendar behind it) only when records are given
        from licencecheck.checks.deadlines import load_portfolio_records

        records = load_portfolio_records(request.records, portfolio, day)
    renewals = {n: d for licence in portfolio if (d := renewal_filing(licence, records.get(n := licence.number)))}
    index = ScopeIndex.build(portfolio.licences, day, renewals)
    with contextlib.ExitStack() as stack:
        source = _open_source(request.from_file, stack)
        size = 0 if source is None or source[1] == STDIN else _regular_size(source[0])
        jobs = _all_jobs(list(request.targets), source, size)
        tally = run_batch(
            index, jobs, sink, scope_header(index, day, request.strict), request.strict, _workers_for(size)
        )
    if tally.checked == 0:
        raise InputError(_("no targets in {file}: every line is blank or a comment").format(file=request.from_file))
    return tally


def scope_header(index: ScopeIndex, day: Any, strict: bool) -> dict[str, Any]:
    """The envelope's opening keys, written before the first finding."""
    from licencecheck import __version__

    return {
        "tool": {"name": "licencecheck", "version": __version__},
        "command": "scope",
        "licence": index.licence_number,
        "licences": [finding.licence for finding in index.validities],
        "on": day.isoformat(),
        "strict": strict,
        "notes": [],
        "validity": [v.as_json() for v in index.validities] if index.several else index.validities[0].as_json(),
        "licensed_domains": index.details,
    }


def _open_source(from_file: str | None, stack: contextlib.ExitStack) -> tuple[BinaryIO, str] | None:
    """The --from input, opened at once: a FIFO, device or directory is refused before any output."""
    if from_file is None:
        return None
    from licencecheck.inputs import open_target_list
    from licencecheck.safetext import printable

    stream, name = open_target_list(from_file, what="target list")
    if name == STDIN:
        return stream, name
    stack.enter_context(stream)
    return stream, printable(name, keep_newlines=False)  # named in messages and findings


def _regular_size(stream: BinaryIO) -> int:
    """The size of a regular file, 0 for anything else."""
    import os
    import stat

    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return 0
    return status.st_size if stat.S_ISREG(status.st_mode) else 0


def _workers_for(size: int) -> int:
    """Both cores for a large target file; this process alone for arguments, stdin and small files.
    LICENCECHECK_WORKERS overrides (1 turns parallel checking off)."""
    import os

    from licencecheck.batch import usable_workers

    override = os.environ.get("LICENCECHECK_WORKERS")
    if override is not None:
        if not override.isdigit() or int(override) < 1:
            raise InputError(
                _("LICENCECHECK_WORKERS={value}: give a whole number of at least 1").format(value=quote(override))
            )
        return min(int(override), usable_workers()) if int(override) > 1 else 1
    return usable_workers() if size >= PARALLEL_MIN_BYTES else 1


def run_batch(
    index: ScopeIndex,
    jobs: Iterator[list[Entry] | RawBlock],
    sink: FindingSink,
    header: dict[str, Any],
    strict: bool,
    workers: int = 1,
) -> Tally:
    """Check every target and write its finding in input order; keep only counts. Nothing is
    written when there is no target at all (the caller fails closed). If the run stops midway,
    the output is closed (JSON stays one document, with "ok": false) before the error goes on."""
    from licencecheck.batch import Tally, run_jobs

    tally = Tally()
    sink.prepare(header)

    def write(result: BlockResult) -> None:
        formatted, errors, counts = result
        if counts.checked and not tally.checked:
            with _output():
                sink.start(header)
        for message in errors:
            _error(message)
        tally.add(counts)
        with _output():
            sink.write([formatted])

    try:
        run_jobs(index, sink, jobs, write, workers=workers)
    except BaseException as exc:
        with contextlib.suppress(OSError, ValueError):
            sink.abort(tally.summary(), _stop_reason(exc))
        raise
    if tally.checked:
        with _output():
            sink.finish(tally.summary(), tally.ok(strict), list(tally.matched))
    return tally


@contextlib.contextmanager
def _output() -> Iterator[None]:
    """The sink writes to stdout: a system error there (a full disk, /dev/full, a quota) is said
    as such, not as an internal error; a broken pipe is the edge's to say."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        from licencecheck.errors import OutputClosed, os_reason
        from licencecheck.safetext import silence_stdout

        silence_stdout()
        raise OutputClosed(_("cannot write to standard output: {error}").format(error=os_reason(exc))) from None


def _error(message: str) -> None:
    from licencecheck.safetext import printable

    said = _("error: {message}").format(message=printable(message, keep_newlines=False))
    sys.stderr.write(_("licencecheck: {message}").format(message=said) + "\n")


def _stop_reason(exc: BaseException) -> str:
    """Why a batch stopped midway, for the output (the same words as the message on stderr)."""
    from licencecheck.errors import Interrupted, LicenceCheckError, Terminated

    if isinstance(exc, KeyboardInterrupt | Interrupted):
        return _("interrupted")
    if isinstance(exc, Terminated):
        return _("terminated")
    if isinstance(exc, LicenceCheckError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _all_jobs(arguments: list[str], source: tuple[BinaryIO, str] | None, size: int) -> Iterator[list[Entry] | RawBlock]:
    """Arguments in blocks, then the --from input as raw blocks of whole lines."""
    from licencecheck.batch import chunked
    from licencecheck.checks.scope import argument_target, raw_blocks

    yield from chunked((None, argument_target(argument)) for argument in arguments)
    if source is None:
        return
    stream, name = source
    if size >= PROGRESS_MIN_BYTES and sys.stderr.isatty():
        yield from _with_progress(raw_blocks(stream, name), stream, size)
    else:
        yield from raw_blocks(stream, name)


def _with_progress(blocks: Iterator[RawBlock], handle: Any, size: int) -> Iterator[RawBlock]:
    from rich.console import Console
    from rich.progress import Progress

    from licencecheck.render.terminal import wants_colour

    colour = wants_colour(sys.stderr)
    console = Console(stderr=True, color_system="auto" if colour else None, no_color=not colour)
    # No refresh thread (auto_refresh=False): worker processes may be forked while this runs.
    with Progress(transient=True, console=console, auto_refresh=False) as progress:
        task = progress.add_task(_("checking"), total=size)
        for block in blocks:
            progress.update(task, completed=handle.tell(), refresh=True)
            yield block
