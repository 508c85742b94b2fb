"""`licencecheck scope`: is this domain or URL covered by the licence on a day?"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
from licencecheck.findings import ExitCode, Verdict

if TYPE_CHECKING:
    from licencecheck.checks.scope import ScopeIndex
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
    sink: FindingSink
    if output_format is TextOrJson.json:
        from licencecheck.render.stream import JsonSink

        sink = JsonSink()
    else:
        from licencecheck.render.stream import TextSink

        sink = TextSink()
    header = {
        "command": "scope",
        "licence": index.licence_number,
        "on": day.isoformat(),
        "strict": strict,
        "validity": index.validity.as_json(),
        "licensed_domains": index.details,
    }
    counts = run_batch(index, _all_targets(targets or [], from_file), sink, header, strict=strict)
    if counts["checked"] == 0:
        fail(f"no targets in {from_file}: every line is blank or a comment")
    if counts["invalid"]:
        raise typer.Exit(ExitCode.COULD_NOT_RUN)
    raise typer.Exit(ExitCode.PASSED if _ok(counts, strict) else ExitCode.CHECK_FAILED)


def _ok(counts: dict[str, int], strict: bool) -> bool:
    return (
        counts["checked"] > 0
        and counts["not_covered"] == 0
        and counts["invalid"] == 0
        and not (strict and counts["warned"])
    )


def run_batch(
    index: ScopeIndex,
    targets: Iterator[tuple[int | None, str]],
    sink: FindingSink,
    header: dict[str, Any],
    *,
    strict: bool,
) -> dict[str, int]:
    """Check each target as it is read and hand the finding to the sink; keep only counts."""
    from licencecheck.checks.scope import INVALID, check_target

    # The loop runs a million times in a large batch: locals, not dict look-ups.
    checked = covered = not_covered = invalid = warned = 0
    matched: dict[str, None] = {}
    targets = iter(targets)
    first = next(targets, None)
    if first is None:
        return {"checked": 0, "covered": 0, "not_covered": 0, "invalid": 0, "warned": 0}
    sink.start(header)
    add = sink.add
    fail, warn = Verdict.FAIL, Verdict.WARN
    for line, target in itertools.chain((first,), targets):
        finding = check_target(index, target, line)
        checked += 1
        data = finding.data
        if data["status"] == INVALID:
            invalid += 1
            error(finding.message)
        elif finding.verdict is fail:
            not_covered += 1
        else:
            covered += 1
            warned += finding.verdict is warn
        domain = data.get("matched_domain")
        if domain is not None and domain not in matched:
            matched[domain] = None
        add(finding)
    counts = {"checked": checked, "covered": covered, "not_covered": not_covered, "invalid": invalid, "warned": warned}
    summary = {key: counts[key] for key in ("checked", "covered", "not_covered", "invalid")}
    sink.finish(summary, _ok(counts, strict), _details_sections(index, list(matched)))
    return counts


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


def _all_targets(arguments: list[str], from_file: str | None) -> Iterator[tuple[int | None, str]]:
    from licencecheck.checks.scope import read_targets

    for argument in arguments:
        yield None, argument
    if from_file is None:
        return
    if from_file == "-":
        yield from read_targets(sys.stdin.buffer, "<stdin>")
        return
    path = Path(from_file)
    if not path.is_file():
        fail(f"--from {from_file}: {'is a directory' if path.is_dir() else 'file not found'}")
    with path.open("rb") as handle:
        size = path.stat().st_size
        if size >= PROGRESS_MIN_BYTES and sys.stderr.isatty():
            yield from _with_progress(read_targets(handle, from_file), handle, size)
        else:
            yield from read_targets(handle, from_file)


def _with_progress(targets: Iterator[tuple[int, str]], handle: Any, size: int) -> Iterator[tuple[int | None, str]]:
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("checking", total=size)
        for count, item in enumerate(targets, start=1):
            if count % 20_000 == 0:
                progress.update(task, completed=handle.tell())
            yield item
