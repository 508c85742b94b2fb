"""The one result shape: checks return findings, a report gathers them.

Renderers turn a report into text, JSON or CI formats; only the CLI turns a report into an exit
code (see `exit_code`). Plain dataclasses keep this import cheap for every command.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

JSON_SCHEMA_VERSION = 1
"""Version of the JSON report layout; bumped when a key changes meaning or goes away."""


class Verdict(enum.StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"
    """The input could not be checked (an unknown term, an invalid target, an unreadable file):
    the run could not do what was asked, so it exits 2 and is never ok."""


class Status(enum.StrEnum):
    """What a finding says about its subject, beyond pass/warn/fail: `data["status"]` in JSON.
    Checks set it and renderers read it; the values are part of the JSON contract."""

    # validity
    IN_FORCE = "in-force"
    EXPIRED = "expired"
    NOT_YET_IN_FORCE = "not-yet-in-force"
    RENEWAL_PENDING = "renewal-pending"
    """Past the validity end with a timely renewal application on record: treated as continuing
    until the authority decides (a warning)."""
    # deadlines
    OPEN = "open"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"
    UNCONFIRMED = "unconfirmed"
    """Past its due date with no records given: whether it was filed is unknown (a warning)."""
    DONE = "done"
    NOT_APPLICABLE = "not-applicable"
    INFORMATION = "information"
    # scope
    COVERED = "covered"
    NOT_LISTED = "not-listed"
    NOT_IN_FORCE = "not-in-force"
    IP_ADDRESS = "ip-address"
    INVALID = "invalid"
    # business
    UNKNOWN = "unknown"


class Shown(enum.StrEnum):
    """How much of a report its text shows: everything, the failures (`-q`: failures and errors,
    warnings too under --strict, and the outcome line), or the outcome line alone (`--summary`).
    Machine formats always carry every finding."""

    ALL = "all"
    FAILURES = "failures"
    SUMMARY = "summary"

    def at_least(self, other: Shown) -> Shown:
        """The quieter of the two."""
        order = list(Shown)
        return self if order.index(self) >= order.index(other) else other


class ExitCode(enum.IntEnum):
    """Fixed and documented in the README; scripts rely on them."""

    PASSED = 0
    CHECK_FAILED = 1
    COULD_NOT_RUN = 2


@dataclass(slots=True)
class Finding:
    """One verdict about one subject, and the licence clause it rests on.

    Not frozen: frozen dataclasses pay for `object.__setattr__` on every field, and batch
    checks create a million of these. Treat findings as read-only all the same."""

    check: str
    subject: str
    verdict: Verdict
    message: str
    clause: str
    data: Mapping[str, Any] = field(default_factory=dict)
    licence: str | None = None
    """The number of the licence the verdict rests on (None: no licence, e.g. an invalid target)."""
    seconds: float | None = None
    """How long the check took, where it was measured (JUnit `time`); not in the JSON report."""

    @property
    def shown_subject(self) -> str:
        """The subject as people read it: in Chinese, an obligation's short name (`data["name"]`,
        from the licence or rulebook) before its id, e.g. `年报 annual-report (2022)`."""
        from licencecheck.i18n import language

        name = self.data.get("name")
        return f"{name} {self.subject}" if name and language() == "zh" else self.subject

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "licence": self.licence,
            "subject": self.subject,
            "verdict": self.verdict.value,
            "message": self.message,
            "clause": self.clause,
            "data": dict(self.data),
        }


@dataclass
class Report:
    """What a command found; `extra` carries command-specific data for the JSON output.

    `layout` names the text layout (see render.registry.LAYOUTS) and `title` its heading;
    `context` holds objects a text layout needs that JSON does not carry (the licence itself).
    An `informational` report (show, business --list, timeline) exits 0 unless an input could
    not be read."""

    command: str
    licence_number: str
    on: date | None
    findings: list[Finding] = field(default_factory=list)
    strict: bool = False
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    layout: str = "table"
    title: str | None = None
    informational: bool = False
    context: dict[str, Any] = field(default_factory=dict)
    licences: tuple[str, ...] = ()
    """Every licence the run answered for (`licence_number` joins them with ', ')."""
    announced: bool = False
    """The errors were said on stderr as they came (a batch); delivering says them only otherwise."""
    shown: Shown = Shown.ALL
    """How much of it the text shows (`-q`, `--summary`); see `shown_findings`."""
    started_at: datetime | None = None
    """When the run started (UTC), and how long its core took: JUnit's `timestamp` and `time`."""
    elapsed: float | None = None

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def counts(self) -> dict[str, int]:
        counts = {verdict.value: 0 for verdict in Verdict}
        for finding in self.findings:
            counts[finding.verdict.value] += 1
        return counts

    def shown_findings(self) -> list[Finding]:
        """The findings its text shows: all, or with `-q` those that fail the run (failures,
        errors, and warnings under --strict)."""
        if self.shown is Shown.ALL:
            return self.findings
        if self.shown is Shown.SUMMARY:
            return []
        return [f for f in self.findings if f.verdict is Verdict.ERROR or counts_as_failure(f.verdict, self.strict)]

    @property
    def ok(self) -> bool:
        """True exactly when the run exits 0 (see `exit_code`)."""
        return exit_code(self) is ExitCode.PASSED

    def as_json(self) -> dict[str, Any]:
        from licencecheck import __version__

        return {
            "schema_version": JSON_SCHEMA_VERSION,
            "tool": {"name": "licencecheck", "version": __version__},
            "command": self.command,
            "licence": self.licence_number,
            "licences": list(self.licences),
            "on": self.on.isoformat() if self.on else None,
            "ok": self.ok,
            "strict": self.strict,
            "summary": self.counts(),
            "notes": list(self.notes),
            **self.extra,
            "findings": [finding.as_json() for finding in self.findings],
        }


def exit_code(report: Report) -> ExitCode:
    """The exit code a report earns (see `exit_code_for`). An informational report (show,
    timeline, business --list) answers to the licences' state on the day: its validity findings
    decide, so that `ok` is false for a licence that is not in force."""
    if report.informational and not report.counts()[Verdict.ERROR.value]:
        states = [finding for finding in report.findings if finding.check == VALIDITY_CHECK]
        if not states:
            return ExitCode.PASSED
        counts = {verdict.value: sum(f.verdict is verdict for f in states) for verdict in Verdict}
        return exit_code_for(counts, strict=report.strict)
    return exit_code_for(report.counts(), strict=report.strict, informational=report.informational)


VALIDITY_CHECK = "validity"
"""The check whose findings carry a licence's state on the day."""


def exit_code_for(counts: Mapping[str, int], *, strict: bool, informational: bool = False) -> ExitCode:
    """From the number of findings of each verdict: 2 when an input could not be checked; else
    0 for an informational report; 1 when nothing was checked (fail closed), a check failed, or a
    warning under --strict; else 0. Reports and streamed batches both exit through here."""
    if counts.get(Verdict.ERROR.value, 0):
        return ExitCode.COULD_NOT_RUN
    if informational:
        return ExitCode.PASSED
    total = sum(counts.get(verdict.value, 0) for verdict in Verdict)
    failed = counts.get(Verdict.FAIL.value, 0) + (counts.get(Verdict.WARN.value, 0) if strict else 0)
    return ExitCode.CHECK_FAILED if total == 0 or failed else ExitCode.PASSED


def counts_as_failure(verdict: Verdict, strict: bool) -> bool:
    """The strict rule, in one place: a failure, or a warning under --strict."""
    return verdict is Verdict.FAIL or (strict and verdict is Verdict.WARN)
