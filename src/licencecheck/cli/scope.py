"""`licencecheck scope`: is this domain or URL covered by the licence on a day?"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from licencecheck.cli.common import (
    FormatOption,
    LicenceOption,
    OnOption,
    StrictOption,
    TextOrJson,
    app,
    error,
    fail,
    guarded,
)
from licencecheck.findings import ExitCode

if TYPE_CHECKING:
    from licencecheck.batch import Tally
    from licencecheck.checks.scope import Entry, RawBlock, ScopeIndex
    from licencecheck.render.stream import FindingSink

EPILOG = """
Examples:

    licencecheck scope maichetong.com.cn

    licencecheck scope https://www.autoengine.com/path --on 2026-06-01

    licencecheck scope --from hosts.txt --format json

    cat hosts.txt | licencecheck scope --from -

Exit codes: 0 all covered; 1 any not covered (not listed, or the licence not in force);
2 any invalid target or bad option.
"""

PROGRESS_MIN_BYTES = 1_000_000
PARALLEL_MIN_BYTES = 2_000_000
"""About 100,000 names: below this, starting worker processes costs more than it saves."""


@app.command(epilog=EPILOG)
@guarded
def scope(
    targets: Annotated[
        list[str] | None,
        typer.Argument(help="Host names, IDNs or URLs (the host is taken from a URL).", show_default=False),
    ] = None,
    from_file: Annotated[
        str | None,
        typer.Option("--from", help="Read targets from FILE, one a line (`-` for stdin); # comments ignored."),
    ] = None,
    on: OnOption = None,
    output_format: FormatOption = TextOrJson.text,
    strict: StrictOption = False,
    licence: LicenceOption = None,
) -> None:
    """Check that domains or URLs are listed on the licence and that it is in force on the day."""
    from licencecheck.checks.scope import ScopeIndex
    from licencecheck.dates import day_or_today
    from licencecheck.loading import load_licence

    day = day_or_today(on)
    if not targets and from_file is None:
        fail("no targets: give TARGET arguments or --from FILE")
    index = ScopeIndex.build(load_licence(licence), day)
    header = {
        "command": "scope",
        "licence": index.licence_number,
        "on": day.isoformat(),
        "strict": strict,
        "validity": index.validity.as_json(),
        "licensed_domains": index.details,
    }
    with contextlib.ExitStack() as stack:
        source = _open_source(from_file, stack)
        size = 0 if source is None or source[1] == STDIN else _regular_size(source[0])
        jobs = _all_jobs(targets or [], source, size)
        tally = run_batch(index, jobs, _sink(output_format), header, strict=strict, workers=_workers_for(size))
    if tally.checked == 0:
        fail(f"no targets in {from_file}: every line is blank or a comment")
    if tally.invalid:
        raise typer.Exit(ExitCode.COULD_NOT_RUN)
    raise typer.Exit(ExitCode.PASSED if tally.ok(strict) else ExitCode.CHECK_FAILED)


STDIN = "<stdin>"
"""The name `open_target_list` gives standard input."""


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


def _sink(output_format: TextOrJson) -> FindingSink:
    from licencecheck.render.stream import JsonSink, TextSink

    return JsonSink() if output_format is TextOrJson.json else TextSink()


def _workers_for(size: int) -> int:
    """Both cores for a large target file; this process alone for arguments, stdin and small files.
    LICENCECHECK_WORKERS overrides (1 turns parallel checking off)."""
    import os

    from licencecheck.batch import usable_workers

    override = os.environ.get("LICENCECHECK_WORKERS")
    if override is not None:
        if not override.isdigit() or int(override) < 1:
            fail(f"LICENCECHECK_WORKERS={override!r}: give a whole number of at least 1")
        return min(int(override), usable_workers()) if int(override) > 1 else 1
    return usable_workers() if size >= PARALLEL_MIN_BYTES else 1


def run_batch(
    index: ScopeIndex,
    jobs: Iterator[list[Entry] | RawBlock],
    sink: FindingSink,
    header: dict[str, Any],
    *,
    strict: bool,
    workers: int = 1,
) -> Tally:
    """Check every target and write its finding in input order; keep only counts. Nothing is
    written when there is no target at all (the caller fails closed). If the run stops midway,
    the output is closed (JSON stays one document, with "ok": false) before the error goes on."""
    from licencecheck.batch import Tally, run_jobs

    tally = Tally()

    def write(result: tuple[str, list[str], Tally]) -> None:
        formatted, errors, counts = result
        if counts.checked and not tally.checked:
            sink.start(header)
        for message in errors:
            error(message)
        tally.add(counts)
        sink.write([formatted])

    try:
        run_jobs(index, sink, jobs, write, workers=workers)
    except BaseException as exc:
        with contextlib.suppress(OSError, ValueError):
            sink.abort(tally.summary(), _stop_reason(exc))
        raise
    if tally.checked:
        sink.finish(tally.summary(), tally.ok(strict), _details_sections(index, list(tally.matched)))
    return tally


def _stop_reason(exc: BaseException) -> str:
    """Why a batch stopped midway, for the output (the same words as the message on stderr)."""
    from licencecheck.errors import LicenceCheckError, Terminated

    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, Terminated):
        return "terminated"
    if isinstance(exc, LicenceCheckError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _details_sections(index: ScopeIndex, matched: list[str]) -> list[tuple[str, list[str]]]:
    sections = []
    for domain in matched:
        entry = index.details[domain]
        lines = [
            f"website: {entry['website']}",
            f"server location: {entry['server_location']}",
            f"access provider: {entry['access_provider']}",
        ]
        for grant in entry["grants"]:
            limits = f"仅限{'、'.join(grant['limited_to'])}" if grant["limited_to"] else "no limit"
            excluding = f"; 不含{'、'.join(grant['excluding'])}" if grant["excluding"] else ""
            lines.append(f"grant {grant['code']} {grant['name']} ({limits}{excluding}) [{grant['clause']}]")
        lines.append(f"listed in: {'; '.join(dict.fromkeys(entry['sources']))}")
        sections.append((f"{domain} on {index.licence_number}:", lines))
    return sections


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

    # No refresh thread (auto_refresh=False): worker processes may be forked while this runs.
    with Progress(transient=True, console=Console(stderr=True), auto_refresh=False) as progress:
        task = progress.add_task("checking", total=size)
        for block in blocks:
            progress.update(task, completed=handle.tell(), refresh=True)
            yield block
