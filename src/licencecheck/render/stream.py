"""Streaming renderers for batch checks: one finding written as it comes, memory stays flat.

The JSON sink always leaves one complete document: if the run stops midway, `abort` closes the
findings array and the object with `"ok": false` and the reason in `"error"`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import IO, Any, ClassVar, Protocol

from licencecheck.render.fit import cells, wrap_lines
from licencecheck.report import JSON_SCHEMA_VERSION, Finding, Report, Shown, Status, Verdict, counts_as_failure


class FindingSink(Protocol):
    """`prepare` learns the run's header before any target is checked (it writes nothing: a run
    with no target writes nothing); `format` is pure (it may run in a worker process); `write`
    writes formatted findings in order; `abort` ends an output that was started but will not be
    finished (else does nothing)."""

    joiner: str

    def prepare(self, header: dict[str, Any]) -> None: ...
    def start(self, header: dict[str, Any]) -> None: ...
    def format(self, finding: Finding) -> str: ...
    def write(self, formatted: list[str]) -> None: ...
    def finish(self, summary: dict[str, Any], ok: bool, matched: list[str]) -> None: ...
    def abort(self, summary: dict[str, Any], reason: str) -> None: ...


class JsonSink:
    """One JSON object; `findings` is written item by item, `summary` and `ok` after it. On a
    stdout that cannot carry every character (ascii, gbk, …), non-ASCII text is \\u-escaped."""

    joiner = ",\n    "

    def __init__(self, out: IO[str] | None = None) -> None:
        from licencecheck.safetext import stream_is_unicode

        self.out = out or sys.stdout
        self.ascii = not stream_is_unicode(self.out)
        self.encode = json.encoder.encode_basestring_ascii if self.ascii else json.encoder.encode_basestring
        self.first = True
        self.state = "new"

    def prepare(self, header: dict[str, Any]) -> None:
        return

    def start(self, header: dict[str, Any]) -> None:
        self.state = "open"
        head = json.dumps({"schema_version": JSON_SCHEMA_VERSION, **header}, ensure_ascii=self.ascii, indent=2)
        self._write(head[:-2] + ',\n  "findings": [')

    def format(self, finding: Finding) -> str:
        return _finding_json(finding, self.encode)

    def write(self, formatted: list[str]) -> None:
        formatted = [text for text in formatted if text]
        if formatted:
            self._write(("\n    " if self.first else self.joiner) + self.joiner.join(formatted))
            self.first = False

    def finish(self, summary: dict[str, Any], ok: bool, matched: list[str]) -> None:
        self._close({"summary": summary, "ok": ok})

    def abort(self, summary: dict[str, Any], reason: str) -> None:
        if self.state == "open":
            self._close({"summary": summary, "ok": False, "error": reason})

    def _close(self, tail: dict[str, Any]) -> None:
        self.state = "closed"
        text = json.dumps(tail, ensure_ascii=self.ascii, indent=2)
        self._write(("\n  " if not self.first else "") + "],\n" + text[2:] + "\n")
        self.out.flush()

    def _write(self, text: str) -> None:
        try:
            self.out.write(text)
        except UnicodeEncodeError:  # a lone surrogate (an undecodable argument or file name)
            from licencecheck.safetext import ascii_json

            self.out.write(ascii_json(text))


def _value_json(value: Any, encode: Callable[[str], str]) -> str:
    if isinstance(value, str):
        return encode(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=encode is json.encoder.encode_basestring_ascii)


def _finding_json(finding: Finding, encode: Callable[[str], str] = json.encoder.encode_basestring) -> str:
    """The same object as `json.dumps(finding.as_json())`, several times faster for the flat
    data of batch findings (a million of them in a large `scope --from`). `encode` is a C string
    encoder: encode_basestring keeps non-ASCII text as is, encode_basestring_ascii escapes it."""
    data = ", ".join(f"{encode(key)}: {_value_json(value, encode)}" for key, value in finding.data.items())
    licence = "null" if finding.licence is None else encode(finding.licence)
    return (
        f'{{"check": {encode(finding.check)}, "licence": {licence}, "subject": {encode(finding.subject)}, '
        f'"verdict": "{finding.verdict.value}", "message": {encode(finding.message)}, '
        f'"clause": {encode(finding.clause)}, "data": {{{data}}}}}'
    )


def _shown(text: str) -> str:
    """Text from target lines and data on one terminal line, its control characters shown."""
    if text.isprintable():
        return text
    from licencecheck.safetext import printable

    return printable(text, keep_newlines=False)


class TextSink:
    """One short line per target, written as it comes: the verdict, the target and what it
    matched (the clause and the licences' state are said once, at the end, not on every line);
    then each matched domain's details and the counts. Colour only where stdout may carry it,
    lines fitted to its width (`render.terminal`). `shown`: FAILURES (-q) writes the lines that
    fail the run and the counts, SUMMARY (--summary) the counts alone."""

    joiner = ""
    LABEL: ClassVar[dict[Verdict, str]] = {
        Verdict.PASS: "PASS",
        Verdict.WARN: "WARN",
        Verdict.FAIL: "FAIL",
        Verdict.ERROR: "ERROR",
    }
    COLOUR: ClassVar[dict[Verdict, str]] = {
        Verdict.PASS: "\x1b[32m",
        Verdict.WARN: "\x1b[33m",
        Verdict.FAIL: "\x1b[1;31m",
        Verdict.ERROR: "\x1b[1;35m",
    }
    TARGET = 24
    """Targets are padded to this many cells, so that most outcomes line up."""

    def __init__(
        self,
        out: IO[str] | None = None,
        shown: Shown = Shown.ALL,
        *,
        strict: bool = False,
        width: int | None = None,
        colour: bool | None = None,
    ) -> None:
        from licencecheck.render.terminal import text_width, wants_colour

        self.out = out or sys.stdout
        self.shown = shown
        self.everything = shown is Shown.ALL
        self.strict = strict
        self.width = text_width(self.out) if width is None else width
        self.colour = wants_colour(self.out) if colour is None else colour
        self.started = self.wrote = self.several = False
        self.header: dict[str, Any] = {}
        self.labels = {
            verdict: (f"{self.COLOUR[verdict]}{label}\x1b[0m" if self.colour else label) + " " * (6 - len(label))
            for verdict, label in self.LABEL.items()
        }

    def prepare(self, header: dict[str, Any]) -> None:
        self.several = len(header["licences"]) > 1

    def start(self, header: dict[str, Any]) -> None:
        self.started = True
        self.header = header

    def format(self, finding: Finding) -> str:
        """The finding's line (empty when not shown). Pure: it may run in a worker process."""
        verdict = finding.verdict
        if not self.everything and (self.shown is Shown.SUMMARY or not self._fails(verdict)):
            return ""
        target = _shown(finding.subject)
        ascii_target = target.isascii()
        pad = self.TARGET - (len(target) if ascii_target else cells(target))
        text = f"{target}{' ' * pad if pad > 0 else ''}  {_outcome(finding, self.several)}"
        if len(text) + 6 > self.width or not (ascii_target and text.isascii()):
            text = self._fitted(text)
        return f"{self.labels[verdict]}{text}\n"

    def _fails(self, verdict: Verdict) -> bool:
        return verdict is Verdict.ERROR or counts_as_failure(verdict, self.strict)

    def _fitted(self, text: str) -> str:
        """A line too wide for the output, wrapped: later lines under the outcome (or at 8)."""
        if cells(text) + 6 <= self.width:
            return text
        indent = 6 + self.TARGET + 2 if self.width - (6 + self.TARGET + 2) >= 30 else 8
        return "\n".join(wrap_lines(text, self.width, indent, first=self.width - 6))

    def write(self, formatted: list[str]) -> None:
        text = "".join(formatted)
        if text:
            self.wrote = True
            self.out.write(text)

    def finish(self, summary: dict[str, Any], ok: bool, matched: list[str]) -> None:
        self.started = False
        if self.shown is Shown.ALL:
            self._footer(matched)
        elif self.shown is Shown.FAILURES:
            self._states(quiet=True)
        self.out.write(self._outcome_line("OK" if ok else "NOT OK", _counts(summary)))
        self.out.flush()

    def _states(self, *, quiet: bool) -> None:
        """After a blank line (if lines came before): each licence's state (with -q, only one
        that is not a plain pass) and, without -q, where the licensed domains are listed."""
        states = [s for s in _as_list(self.header["validity"]) if not quiet or s["verdict"] != Verdict.PASS]
        lines = [f"licence: {_shown(state['message'])} [{_shown(state['clause'])}]" for state in states]
        if not quiet:
            sources = (source for entry in self.header["licensed_domains"].values() for source in entry["sources"])
            lines.append(f"domains are listed in: {_shown('; '.join(dict.fromkeys(sources)) or '-')}")
        self.out.write("\n" if self.wrote else "")
        self.out.writelines(f"{line}\n" for text in lines for line in wrap_lines(text, self.width, 2))
        if quiet and lines:
            self.out.write("\n")

    def _footer(self, matched: list[str]) -> None:
        """Said once for every line: each licence's state, where domains are listed, the details."""
        self._states(quiet=False)
        for title, details in details_sections(self.header, matched):
            self.out.write(f"\n{_shown(title)}\n")
            self.out.writelines(
                f"  {line}\n" for detail in details for line in wrap_lines(_shown(detail), self.width - 2, 4)
            )
        self.out.write("\n")

    def _outcome_line(self, outcome: str, counts: str) -> str:
        """`OK: …` or `NOT OK: …`, the outcome word coloured on a terminal."""
        lines = wrap_lines(f"{outcome}: {counts}", self.width, 2)
        if self.colour:
            lines[0] = f"{_OUTCOME_COLOUR[outcome]}{outcome}\x1b[0m{lines[0][len(outcome) :]}"
        return "\n".join(lines) + "\n"

    def abort(self, summary: dict[str, Any], reason: str) -> None:
        if self.started:
            self.started = False
            stopped = f"stopped ({_shown(reason)}) after {_counts(summary)}"
            self.out.write(f"\n{self._outcome_line('NOT OK', stopped)}")
            self.out.flush()


_OUTCOME_COLOUR = {"OK": "\x1b[32m", "NOT OK": "\x1b[1;31m"}
_COVERED = Status.COVERED.value


def _outcome(finding: Finding, several: bool) -> str:
    """What a target came to, in a few words: the licensed domain it matched (and, in a
    portfolio, the licence listing it), or why it is not covered."""
    data = finding.data
    status, matched = data.get("status"), data.get("matched_domain")
    if status == _COVERED and matched is not None and not several and finding.verdict is Verdict.PASS:
        return f"covered by {_shown(matched)}"
    if status == Status.INVALID:
        where = f"line {data['line']}: " if data.get("line") is not None else ""
        return f"{where}invalid: {_shown(str(data.get('error')))}"
    if status == Status.IP_ADDRESS:
        return "an IP address, not a licensed domain"
    if matched is None:
        return "not listed"
    domain = _shown(f"{matched} on {finding.licence}" if several else matched)
    if status == Status.NOT_IN_FORCE:
        return f"listed under {domain}, but {_not_in_force(finding)}"
    if finding.verdict is Verdict.WARN:
        return f"covered by {domain}; a warning on the licence (below)"
    return f"covered by {domain}"


def _not_in_force(finding: Finding) -> str:
    """The reason in the finding's message (`HOST is listed on N, but REASON (listed …)`)."""
    message = finding.message
    lead = f"{finding.data.get('host')} is listed on {finding.licence}, but "
    start, end = message.find(lead), message.rfind(" (listed ")
    if start < 0 or end < start + len(lead):
        return "the licence is not in force"
    return _shown(message[start + len(lead) : end])


def _as_list(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else [value]


def _counts(summary: dict[str, Any]) -> str:
    """The batch's own counts (the verdict counts say the same in other words)."""
    verdicts = {verdict.value for verdict in Verdict}
    return ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in summary.items() if key not in verdicts)


def details_sections(header: dict[str, Any], matched: list[str]) -> list[tuple[str, list[str]]]:
    """For text: each licensed domain that matched, with its website, grants and listing."""
    sections = []
    for domain in matched:
        entry = header["licensed_domains"][domain]
        lines = [
            f"website: {entry['website']}",
            f"server location: {entry['server_location']}",
            f"access provider: {entry['access_provider']}",
        ]
        for grant in entry["grants"]:
            limits = f"仅限{'、'.join(grant['limited_to'])}" if grant["limited_to"] else "no limit"
            excluding = f"; 不含{'、'.join(grant['excluding'])}" if grant["excluding"] else ""
            on = f"{grant['licence']} " if len(entry["licences"]) > 1 else ""
            lines.append(f"grant {on}{grant['code']} {grant['name']} ({limits}{excluding}) [{grant['clause']}]")
        lines.append(f"listed in: {'; '.join(dict.fromkeys(entry['sources']))}")
        sections.append((f"{domain} on {', '.join(entry['licences'])}:", lines))
    return sections


class ReportSink:
    """Collects a batch's findings into a Report, for the formats that are not streamed (JUnit,
    SARIF, GitHub, or several outputs at once): memory then grows with the batch."""

    joiner = "\n"

    def __init__(self) -> None:
        from datetime import date

        from licencecheck.report import Report

        self.report = Report(command="scope", licence_number="", on=None, announced=True)
        self._date = date

    def prepare(self, header: dict[str, Any]) -> None:
        return

    def start(self, header: dict[str, Any]) -> None:
        self.report.licence_number = header["licence"]
        self.report.licences = tuple(header["licences"])
        self.report.on = self._date.fromisoformat(header["on"])
        self.report.strict = header["strict"]
        self.report.title = f"Scope of {header['licence']} on {header['on']}"
        self.report.extra.update({k: header[k] for k in ("validity", "licensed_domains")})
        self.report.layout = "scope"
        self.report.context["header"] = header

    def format(self, finding: Finding) -> str:
        return _finding_json(finding)

    def write(self, formatted: list[str]) -> None:
        for block in formatted:
            for line in block.split(self.joiner) if block else []:
                item = json.loads(line)
                verdict = Verdict(item["verdict"])
                found = Finding(
                    item["check"],
                    item["subject"],
                    verdict,
                    item["message"],
                    item["clause"],
                    item["data"],
                    item["licence"],
                )
                self.report.add(found)

    def finish(self, summary: dict[str, Any], ok: bool, matched: list[str]) -> None:
        return

    def abort(self, summary: dict[str, Any], reason: str) -> None:
        return


def stream_sink(plan: Any, shown: Shown = Shown.ALL, strict: bool = False) -> FindingSink | None:
    """A sink that streams to stdout when the plan is one text or JSON output to stdout; else
    None (the caller collects a report and renders it through the registry)."""
    from licencecheck.render.registry import Format

    if len(plan.pairs) != 1 or plan.pairs[0][1] is not None:
        return None
    chosen = plan.pairs[0][0]
    if chosen is Format.TEXT:
        return TextSink(shown=shown, strict=strict)
    if chosen is Format.JSON:
        return JsonSink()
    return None


def render_scope_text(report: Report) -> str:
    """The text layout of a collected batch (several outputs at once): what `TextSink` streams."""
    import io

    from licencecheck.batch import Tally
    from licencecheck.checks.scope import INVALID
    from licencecheck.render.terminal import text_width, wants_colour

    out = io.StringIO()
    sink = TextSink(out, report.shown, strict=report.strict, width=text_width(), colour=wants_colour())
    tally = Tally(checked=len(report.findings))
    for finding in report.findings:
        invalid = finding.data.get("status") == INVALID
        tally.invalid += invalid
        tally.not_covered += finding.verdict is Verdict.FAIL
        tally.covered += not invalid and finding.verdict is not Verdict.FAIL
        tally.warned += finding.verdict is Verdict.WARN
        if (domain := finding.data.get("matched_domain")) is not None:
            tally.matched[domain] = None
    sink.prepare(report.context["header"])
    sink.start(report.context["header"])
    sink.write([sink.format(finding) for finding in report.findings])
    sink.finish(tally.summary(), report.ok, list(tally.matched))
    return out.getvalue()
