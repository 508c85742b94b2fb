"""Streaming renderers for batch checks: one finding written as it comes, memory stays flat.

The JSON sink always leaves one complete document: if the run stops midway, `abort` closes the
findings array and the object with `"ok": false` and the reason in `"error"`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import IO, Any, ClassVar, Protocol

from licencecheck.i18n import N_, _, aside, day, join, listing
from licencecheck.render.fit import cells, wrap_lines
from licencecheck.report import JSON_SCHEMA_VERSION, Finding, Report, Shown, Status, Verdict, counts_as_failure


class FindingSink(Protocol):
    """`prepare` learns the run's header before any target is checked (it writes nothing: a run
    with no target writes nothing); `format` is pure (it may run in a worker process); `write`
    writes formatted findings in order; `abort` ends an output that was started but will not be
    finished (else does nothing). `line_template` (pure too) turns a finding whose subject,
    host and line are placeholders into a `str.format` template of its formatted text ({0} the
    subject, {1} the host, {2} the line) and the longest subject it holds for, or None; the
    batch fills it for plain targets (`batch.FastPath`), whose subject and host are printable
    ASCII with no quote or backslash. `binary`, once prepared: the (encoding, errors) in which
    `write` takes formatted findings as bytes (or a memoryview of them), or None (text only)."""

    joiner: str
    binary: tuple[str, str] | None

    def prepare(self, header: dict[str, Any]) -> None: ...
    def start(self, header: dict[str, Any]) -> None: ...
    def format(self, finding: Finding) -> str: ...
    def line_template(self, sample: Finding, subject: str, host: str, line: int) -> tuple[str, int] | None: ...
    def write(self, formatted: Sequence[str | bytes | memoryview]) -> None: ...
    def finish(self, summary: dict[str, Any], ok: bool, matched: list[str]) -> None: ...
    def abort(self, summary: dict[str, Any], reason: str) -> None: ...


_STATELESS_ENCODINGS = frozenset({"utf-8", "ascii", "iso8859-1", "cp1252", "gbk", "gb18030"})
"""Encodings in which text encodes piece by piece to what it encodes to whole (no BOM, no state)."""


def binary_of(out: IO[str]) -> tuple[str, str] | None:
    """(encoding, errors) for writing encoded text to the binary buffer under `out` as its own
    write would (a plain TextIOWrapper, a stateless encoding, no newline translation), else None."""
    import codecs
    import io
    import os

    if not isinstance(out, io.TextIOWrapper) or type(out).write is not io.TextIOWrapper.write or os.linesep != "\n":
        return None
    try:
        name = codecs.lookup(out.encoding).name
    except LookupError:
        return None
    return (out.encoding, out.errors or "strict") if name in _STATELESS_ENCODINGS else None


def _write_bytes(out: IO[str], data: bytes | memoryview) -> None:
    """Encoded text (see `binary_of`) after what `out` holds; flushed as out.write would flush it."""
    out.flush()
    buffer = out.buffer  # type: ignore[attr-defined]
    buffer.write(data)
    if getattr(out, "line_buffering", False):
        buffer.flush()


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
        self.binary: tuple[str, str] | None = None

    def prepare(self, header: dict[str, Any]) -> None:
        self.binary = binary_of(self.out)

    def start(self, header: dict[str, Any]) -> None:
        self.state = "open"
        head = json.dumps({"schema_version": JSON_SCHEMA_VERSION, **header}, ensure_ascii=self.ascii, indent=2)
        self._write(head[:-2] + ',\n  "findings": [')

    def format(self, finding: Finding) -> str:
        return _finding_json(finding, self.encode)

    def line_template(self, sample: Finding, subject: str, host: str, line: int) -> tuple[str, int] | None:
        """The finding's JSON with the placeholders' encoded forms as fields."""
        fields = ((self.encode(subject)[1:-1], "{0}"), (self.encode(host)[1:-1], "{1}"), (str(line), "{2}"))
        template = _literal(self.format(sample))
        for placeholder, field in fields:
            template = template.replace(placeholder, field)
        return template, sys.maxsize

    def write(self, formatted: Sequence[str | bytes | memoryview]) -> None:
        chunks = [chunk for chunk in formatted if chunk]
        if all(isinstance(chunk, str) for chunk in chunks):
            if chunks:
                self._write(("\n    " if self.first else self.joiner) + self.joiner.join(map(str, chunks)))
                self.first = False
            return
        for chunk in chunks:
            separator = "\n    " if self.first else self.joiner
            self.first = False
            if isinstance(chunk, str):
                self._write(separator + chunk)
            else:
                self._write(separator)
                _write_bytes(self.out, chunk)

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


def _literal(text: str) -> str:
    """Text as itself in a `str.format` template."""
    return text.replace("{", "{{").replace("}", "}}")


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
    fail the run and the counts, SUMMARY (--summary) the counts alone. The words of a line are
    translated once, when the sink is made (`_Words`), not for each line."""

    joiner = ""
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
        from licencecheck.render.console import verdict_word
        from licencecheck.render.terminal import text_width, wants_colour

        self.out = out or sys.stdout
        self.shown = shown
        self.everything = shown is Shown.ALL
        self.strict = strict
        self.width = text_width(self.out) if width is None else width
        self.colour = wants_colour(self.out) if colour is None else colour
        self.started = self.wrote = self.several = False
        self.header: dict[str, Any] = {}
        words = {verdict: verdict_word(verdict) for verdict in Verdict}
        self.gutter = max(cells(word) for word in words.values()) + 1
        """The verdict column: the widest verdict word and a space (6 cells in English)."""
        self.labels = {
            verdict: (f"{self.COLOUR[verdict]}{word}\x1b[0m" if self.colour else word)
            + " " * (self.gutter - cells(word))
            for verdict, word in words.items()
        }
        self.words = _Words(several=False, states={})
        self.binary: tuple[str, str] | None = None

    def prepare(self, header: dict[str, Any]) -> None:
        self.binary = binary_of(self.out)
        self.several = len(header["licences"]) > 1
        self.words = _Words(self.several, {state["licence"]: state["data"] for state in _as_list(header["validity"])})

    def start(self, header: dict[str, Any]) -> None:
        self.started = True
        self.header = header

    def format(self, finding: Finding) -> str:
        """The finding's line (empty when not shown). Pure: it may run in a worker process."""
        verdict = finding.verdict
        if not self.everything and (self.shown is Shown.SUMMARY or not self._fails(verdict)):
            return ""
        target = _shown(finding.subject)
        target_cells = len(target) if target.isascii() else cells(target)
        outcome, outcome_cells = self.words.outcome(finding)
        pad = self.TARGET - target_cells
        text = f"{target}{' ' * pad if pad > 0 else ''}  {outcome}"
        if max(pad, 0) + target_cells + 2 + outcome_cells + self.gutter > self.width:
            text = self._fitted(text)
        return f"{self.labels[verdict]}{text}\n"

    def line_template(self, sample: Finding, subject: str, host: str, line: int) -> tuple[str, int] | None:
        """The line of an ASCII target: {0} padded to TARGET cells, then the outcome; None when
        no such line fits the width. Only the target varies: the outcome does not say the host."""
        if not self.everything and (self.shown is Shown.SUMMARY or not self._fails(sample.verdict)):
            return "", sys.maxsize
        outcome, outcome_cells = self.words.outcome(sample)
        fixed = self.gutter + 2 + outcome_cells
        if self.TARGET + fixed > self.width:
            return None
        label = _literal(self.labels[sample.verdict])
        return f"{label}{{0:<{self.TARGET}}}  {_literal(outcome)}\n", self.width - fixed

    def _fails(self, verdict: Verdict) -> bool:
        return verdict is Verdict.ERROR or counts_as_failure(verdict, self.strict)

    def _fitted(self, text: str) -> str:
        """A line too wide for the output, wrapped: later lines under the outcome (or at 8)."""
        if cells(text) + self.gutter <= self.width:
            return text
        outcome = self.gutter + self.TARGET + 2
        indent = outcome if self.width - outcome >= 30 else 8
        return "\n".join(wrap_lines(text, self.width, indent, first=self.width - self.gutter))

    def write(self, formatted: Sequence[str | bytes | memoryview]) -> None:
        for chunk in formatted:
            if chunk:
                self.wrote = True
                if isinstance(chunk, str):
                    self.out.write(chunk)
                else:
                    _write_bytes(self.out, chunk)

    def finish(self, summary: dict[str, Any], ok: bool, matched: list[str]) -> None:
        self.started = False
        if self.shown is Shown.ALL:
            self._footer(matched)
        elif self.shown is Shown.FAILURES:
            self._states(quiet=True)
        self.out.write(self._outcome_line(ok, _counts(summary)))
        self.out.flush()

    def _states(self, *, quiet: bool) -> None:
        """After a blank line (if lines came before): each licence's state (with -q, only one
        that is not a plain pass) and, without -q, where the licensed domains are listed."""
        states = [s for s in _as_list(self.header["validity"]) if not quiet or s["verdict"] != Verdict.PASS]
        # TRANSLATORS: a licence's state on the day, then the clause it rests on.
        said = _("licence: {message} [{clause}]")
        lines = [said.format(message=_shown(state["message"]), clause=_shown(state["clause"])) for state in states]
        if not quiet:
            sources = (source for entry in self.header["licensed_domains"].values() for source in entry["sources"])
            listed = _shown(join(dict.fromkeys(sources)) or "-")
            lines.append(_("domains are listed in: {clauses}").format(clauses=listed))
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

    def _outcome_line(self, ok: bool, counts: str) -> str:
        """`OK: …` or `NOT OK: …`, the outcome word coloured on a terminal."""
        from licencecheck.render.console import outcome_word

        outcome = outcome_word(ok)
        # TRANSLATORS: the last line of a report: the outcome (OK / NOT OK), then the counts.
        before, after = _("{outcome}: {counts}").split("{outcome}", 1)
        lines = wrap_lines(f"{before}{outcome}{after.format(counts=counts)}", self.width, 2)
        start = len(before)
        if self.colour and lines[0][start : start + len(outcome)] == outcome:
            coloured = f"{_OUTCOME_COLOUR[ok]}{outcome}\x1b[0m"
            lines[0] = f"{lines[0][:start]}{coloured}{lines[0][start + len(outcome) :]}"
        return "\n".join(lines) + "\n"

    def abort(self, summary: dict[str, Any], reason: str) -> None:
        if self.started:
            self.started = False
            stopped = _("stopped ({reason}) after {counts}").format(reason=_shown(reason), counts=_counts(summary))
            self.out.write(f"\n{self._outcome_line(False, stopped)}")
            self.out.flush()


_OUTCOME_COLOUR = {True: "\x1b[32m", False: "\x1b[1;31m"}
_COVERED = Status.COVERED.value
_INVALID = Status.INVALID.value
_IP_ADDRESS = Status.IP_ADDRESS.value
_NOT_IN_FORCE = Status.NOT_IN_FORCE.value

_NOT_IN_FORCE_BECAUSE = {
    Status.EXPIRED.value: (
        "valid_until",
        N_("listed under {domain}, but the licence expired on {day}"),
        N_("listed under {domain} on {licence}, but the licence expired on {day}"),
    ),
    Status.NOT_YET_IN_FORCE.value: (
        "valid_from",
        N_("listed under {domain}, but the licence is not yet in force (valid from {day})"),
        N_("listed under {domain} on {licence}, but the licence is not yet in force (valid from {day})"),
    ),
}
"""A licence not in force, by its state: the date that says why, and the outcome with one licence
and in a portfolio."""


class _Pieces:
    """An outcome translated and filled but for the licensed domain; `say` puts it in, and says
    how many cells the outcome takes (a str.format and a width count per line would slow a large
    batch, in Chinese most)."""

    def __init__(self, template: str, **fixed: str) -> None:
        self.pieces = tuple(piece.format(**fixed) for piece in _(template).split("{domain}"))
        self.cells = sum(cells(piece) for piece in self.pieces)
        self.slots = len(self.pieces) - 1

    def say(self, domain: str) -> tuple[str, int]:
        shown = _shown(domain)
        width = len(shown) if shown.isascii() else cells(shown)
        return shown.join(self.pieces), self.cells + self.slots * width


class _Words:
    """The outcomes of a line in the language of the run, translated once per run (`_Pieces`)."""

    def __init__(self, several: bool, states: dict[str, dict[str, Any]]) -> None:
        self.several = several
        self.states = states
        ip_address, not_listed = _("an IP address, not a licensed domain"), _("not listed")
        self.ip_address = (ip_address, cells(ip_address))
        self.not_listed = (not_listed, cells(not_listed))
        self.covered_by = _Pieces(N_("covered by {domain}"))
        self.filled: dict[tuple[str, str | None], _Pieces] = {}

    def outcome(self, finding: Finding) -> tuple[str, int]:
        """What a target came to, in a few words, and its width in cells: the licensed domain it
        matched (and, in a portfolio, the licence listing it), or why it is not covered."""
        data = finding.data
        status, matched = data.get("status"), data.get("matched_domain")
        if status == _COVERED and matched is not None and not self.several and finding.verdict is Verdict.PASS:
            return self.covered_by.say(matched)
        if status == _INVALID:
            error = _shown(str(data.get("error")))
            if data.get("line") is None:
                said = _("invalid: {error}").format(error=error)
            else:
                said = _("line {line}: invalid: {error}").format(line=data["line"], error=error)
            return said, cells(said)
        if status == _IP_ADDRESS:
            return self.ip_address
        if matched is None:
            return self.not_listed
        kind = _NOT_IN_FORCE if status == _NOT_IN_FORCE else finding.verdict.value
        licence = finding.licence if self.several else None
        pieces = self.filled.get((kind, licence))
        if pieces is None:
            pieces = self.filled[kind, licence] = self._fill(kind, licence)
        return pieces.say(matched)

    def _fill(self, kind: str, licence: str | None) -> _Pieces:
        """The pieces of an outcome for one licence (`licence` None: the only one)."""
        shown = _shown(str(licence))
        if kind == _NOT_IN_FORCE:
            state = self.states.get(str(licence), {}) if licence is not None else _only(self.states)
            because = _NOT_IN_FORCE_BECAUSE.get(state.get("state", ""))
            if because is None or not state.get(because[0]):
                if licence is None:
                    return _Pieces(N_("listed under {domain}, but the licence is not in force"))
                return _Pieces(N_("listed under {domain} on {licence}, but the licence is not in force"), licence=shown)
            when = _shown(day(date.fromisoformat(state[because[0]])))
            if licence is None:
                return _Pieces(because[1], day=when)
            return _Pieces(because[2], licence=shown, day=when)
        if kind == Verdict.WARN.value:
            if licence is None:
                return _Pieces(N_("covered by {domain}; a warning on the licence (below)"))
            return _Pieces(N_("covered by {domain} on {licence}; a warning on the licence (below)"), licence=shown)
        if licence is None:
            return self.covered_by
        return _Pieces(N_("covered by {domain} on {licence}"), licence=shown)


def _only(states: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The state of the one licence of a run."""
    return next(iter(states.values()), {}) if len(states) == 1 else {}


def _as_list(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else [value]


def _counts(summary: dict[str, Any]) -> str:
    """The batch's own counts (the verdict counts say the same in other words)."""
    return _("{checked} checked, {covered} covered, {not_covered} not covered, {invalid} invalid").format(
        checked=summary["checked"],
        covered=summary["covered"],
        not_covered=summary["not_covered"],
        invalid=summary["invalid"],
    )


def details_sections(header: dict[str, Any], matched: list[str]) -> list[tuple[str, list[str]]]:
    """For text: each licensed domain that matched, with its website, grants and listing."""
    sections = []
    for domain in matched:
        entry = header["licensed_domains"][domain]
        lines = [
            _("website: {website}").format(website=entry["website"]),
            _("server location: {location}").format(location=entry["server_location"]),
            _("access provider: {provider}").format(provider=entry["access_provider"]),
        ]
        several = len(entry["licences"]) > 1
        for grant in entry["grants"]:
            limits = f"仅限{'、'.join(grant['limited_to'])}" if grant["limited_to"] else _("no limit")
            excluding = [f"不含{'、'.join(grant['excluding'])}"] if grant["excluding"] else []
            said = {
                "code": grant["code"],
                "name": grant["name"],
                "scope": aside(join([limits, *excluding])),
                "clause": grant["clause"],
            }
            if several:
                lines.append(
                    _("grant {licence} {code} {name}{scope} [{clause}]").format(licence=grant["licence"], **said)
                )
            else:
                lines.append(_("grant {code} {name}{scope} [{clause}]").format(**said))
        lines.append(_("listed in: {clauses}").format(clauses=join(dict.fromkeys(entry["sources"]))))
        title = _("{domain} on {licences}:").format(domain=domain, licences=listing(entry["licences"]))
        sections.append((title, lines))
    return sections


class ReportSink:
    """Collects a batch's findings into a Report, for the formats that are not streamed (JUnit,
    SARIF, GitHub, or several outputs at once): memory then grows with the batch."""

    joiner = "\n"
    binary: tuple[str, str] | None = None

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
        on = day(self._date.fromisoformat(header["on"]))
        self.report.title = _("Scope of {licence} on {day}").format(licence=listing(header["licences"]), day=on)
        self.report.extra.update({k: header[k] for k in ("validity", "licensed_domains")})
        self.report.layout = "scope"
        self.report.context["header"] = header

    def format(self, finding: Finding) -> str:
        return _finding_json(finding)

    def line_template(self, sample: Finding, subject: str, host: str, line: int) -> tuple[str, int] | None:
        return None

    def write(self, formatted: Sequence[str | bytes | memoryview]) -> None:
        for block in formatted:
            text = block if isinstance(block, str) else bytes(block).decode("utf-8")
            for line in text.split(self.joiner) if text else []:
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
