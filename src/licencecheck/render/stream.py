"""Streaming renderers for batch checks: one finding written as it comes, memory stays flat.

The JSON sink always leaves one complete document: if the run stops midway, `abort` closes the
findings array and the object with `"ok": false` and the reason in `"error"`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import IO, Any, ClassVar, Protocol

from licencecheck.report import JSON_SCHEMA_VERSION, Finding, Verdict


class FindingSink(Protocol):
    """`format` is pure (it may run in a worker process); `write` writes formatted findings in
    order; `abort` ends an output that was started but will not be finished (else does nothing)."""

    joiner: str

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
    """A plain table, one row per finding, written as it comes; colour only on a terminal."""

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

    def __init__(self, out: IO[str] | None = None) -> None:
        import os

        self.out = out or sys.stdout
        self.colour = self.out.isatty() and not os.environ.get("NO_COLOR")
        self.started = False
        self.header: dict[str, Any] = {}
        self.clauses: dict[str, str] = {}
        self.labels = {
            verdict: (f"{self.COLOUR[verdict]}{label}\x1b[0m" if self.colour else label).ljust(7)
            for verdict, label in self.LABEL.items()
        }

    def start(self, header: dict[str, Any]) -> None:
        self.started = True
        self.header = header
        self.out.write(f"{'verdict':<7}  finding\n")

    def format(self, finding: Finding) -> str:
        message, clause = finding.message, self.clauses.get(finding.clause)
        if clause is None:  # a few distinct clauses in a run: each is made safe once
            clause = self.clauses[finding.clause] = _shown(finding.clause)
        if not message.isprintable():
            message = _shown(message)
        return f"{self.labels[finding.verdict]}  {message}  [{clause}]\n"

    def write(self, formatted: list[str]) -> None:
        self.out.write("".join(formatted))

    def finish(self, summary: dict[str, Any], ok: bool, matched: list[str]) -> None:
        self.started = False
        for title, lines in details_sections(self.header, matched):
            self.out.write(f"\n{_shown(title)}\n")
            self.out.writelines(f"  {_shown(line)}\n" for line in lines)
        self.out.write(f"\n{'OK' if ok else 'NOT OK'}: {_counts(summary)}\n")
        self.out.flush()

    def abort(self, summary: dict[str, Any], reason: str) -> None:
        if self.started:
            self.started = False
            self.out.write(f"\nNOT OK: stopped ({_shown(reason)}) after {_counts(summary)}\n")
            self.out.flush()


def _counts(summary: dict[str, Any]) -> str:
    """The batch's own counts (the verdict counts say the same in other words)."""
    verdicts = {verdict.value for verdict in Verdict}
    return ", ".join(f"{value} {key}" for key, value in summary.items() if key not in verdicts)


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

    def start(self, header: dict[str, Any]) -> None:
        self.report.licence_number = header["licence"]
        self.report.licences = tuple(header["licences"])
        self.report.on = self._date.fromisoformat(header["on"])
        self.report.strict = header["strict"]
        self.report.title = f"Scope of {header['licence']} on {header['on']}"
        self.report.extra.update({k: header[k] for k in ("validity", "licensed_domains")})

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


def stream_sink(plan: Any) -> FindingSink | None:
    """A sink that streams to stdout when the plan is one text or JSON output to stdout; else
    None (the caller collects a report and renders it through the registry)."""
    from licencecheck.render.registry import Format

    if len(plan.pairs) != 1 or plan.pairs[0][1] is not None:
        return None
    chosen = plan.pairs[0][0]
    if chosen is Format.TEXT:
        return TextSink()
    if chosen is Format.JSON:
        return JsonSink()
    return None
