"""The console helpers every text layout uses, as a user sees them: colours in a terminal and
no escape at all when piped (or with NO_COLOR), the width COLUMNS or the terminal gives, no
markup or highlighting read from text, the outcome line, and a findings table that keeps every
token whole: a table where it fits, one block per finding where it does not.

The golden files (test_renderers.py) are rendered off a terminal; here stdout pretends to be a
terminal, or a pipe."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

import pytest

from licencecheck.render.console import plain, render_to_string, verdict_text
from licencecheck.render.text import findings_sheet, render_table, summary_line
from licencecheck.report import Finding, Report, Verdict

CONSOLE_ENV = (
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLORTERM",
    "COLUMNS",
    "LINES",
)


class FakeStdout(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


Render = Callable[[Callable[[], str]], str]


def rendering(monkeypatch: pytest.MonkeyPatch, *, tty: bool) -> Render:
    """Calls a renderer while sys.stdout is a terminal (or a pipe): set around each call, since
    pytest's capture puts its own stdout back between a fixture's setup and the test."""
    for name in CONSOLE_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    if tty:
        monkeypatch.setenv("COLUMNS", "100")

    def render(make: Callable[[], str]) -> str:
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", FakeStdout(tty))
            return make()

    return render


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Render:
    """Render as if stdout were a colour terminal 100 columns wide."""
    return rendering(monkeypatch, tty=True)


@pytest.fixture
def pipe(monkeypatch: pytest.MonkeyPatch) -> Render:
    """Render as if stdout were a pipe or a file."""
    return rendering(monkeypatch, tty=False)


def report_of(*verdicts: Verdict, strict: bool = False) -> Report:
    report = Report(command="gate", licence_number="渝B2-20210467", on=None, strict=strict)
    for number, verdict in enumerate(verdicts):
        report.add(Finding("pages", f"page{number}.html", verdict, "message", "二"))
    return report


# --- colours ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdict", "styled"),
    [
        (Verdict.PASS, "\x1b[32mPASS\x1b[0m"),
        (Verdict.WARN, "\x1b[33mWARN\x1b[0m"),
        (Verdict.FAIL, "\x1b[1;31mFAIL\x1b[0m"),
        (Verdict.ERROR, "\x1b[1;35mERROR\x1b[0m"),
    ],
)
def test_a_terminal_shows_verdicts_in_colour(terminal: Render, verdict: Verdict, styled: str) -> None:
    assert terminal(lambda: render_to_string(verdict_text(verdict))) == styled + "\n"


@pytest.mark.parametrize(("name", "value"), [("NO_COLOR", "1"), ("CLICOLOR", "0"), ("TERM", "dumb")])
def test_no_color_in_a_terminal_drops_colour_and_bold(
    terminal: Render, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    assert terminal(lambda: render_to_string(verdict_text(Verdict.FAIL))) == "FAIL\n"
    assert terminal(lambda: render_to_string(verdict_text(Verdict.PASS))) == "PASS\n"


def test_force_color_colours_a_pipe(pipe: Render, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert pipe(lambda: render_to_string(verdict_text(Verdict.FAIL))) == "\x1b[1;31mFAIL\x1b[0m\n"
    monkeypatch.setenv("NO_COLOR", "1")
    assert pipe(lambda: render_to_string(verdict_text(Verdict.FAIL))) == "FAIL\n"


@pytest.mark.parametrize("verdict", list(Verdict))
def test_a_pipe_gets_no_escape_codes(pipe: Render, verdict: Verdict) -> None:
    assert pipe(lambda: render_to_string(verdict_text(verdict))) == verdict.value.upper() + "\n"


# --- width ------------------------------------------------------------------------------------


def test_a_terminal_wraps_at_its_width(terminal: Render, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    assert terminal(lambda: render_to_string(plain("x" * 100))) == ("x" * 50 + "\n") * 2


def test_a_pipe_wraps_at_columns(pipe: Render, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    assert pipe(lambda: render_to_string(plain("x" * 150))) == ("x" * 50 + "\n") * 3


@pytest.mark.parametrize("columns", [None, "", "0", "-5", "abc", "８０"])
def test_a_pipe_without_a_usable_columns_is_100_wide(
    pipe: Render, monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    if columns is not None:
        monkeypatch.setenv("COLUMNS", columns)
    assert pipe(lambda: render_to_string(plain("x" * 150))) == "x" * 100 + "\n" + "x" * 50 + "\n"


def test_an_explicit_width_wins(terminal: Render) -> None:
    assert terminal(lambda: render_to_string(plain("x" * 30), width=20)) == "x" * 20 + "\n" + "x" * 10 + "\n"


# --- text is never read as markup or highlighted ----------------------------------------------


@pytest.mark.parametrize("text", ["count 42 'x' [red]y[/red]", "[bold]渝B2-20210467[/bold] at 0x1F, True, None"])
def test_strings_are_shown_as_they_are(terminal: Render, text: str) -> None:
    assert terminal(lambda: render_to_string(text)) == text + "\n"


def test_strings_are_shown_as_they_are_in_a_pipe(pipe: Render) -> None:
    assert pipe(lambda: render_to_string("[red]y[/red] 42")) == "[red]y[/red] 42\n"


# --- the outcome line -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "line"),
    [
        (report_of(Verdict.PASS), "\x1b[32mOK\x1b[0m: 1 passed, 0 warned, 0 failed"),
        (report_of(Verdict.PASS, Verdict.WARN), "\x1b[32mOK\x1b[0m: 1 passed, 1 warned, 0 failed"),
        (report_of(Verdict.FAIL), "\x1b[1;31mNOT OK\x1b[0m: 0 passed, 0 warned, 1 failed"),
        (
            report_of(Verdict.WARN, strict=True),
            "\x1b[1;31mNOT OK\x1b[0m: 0 passed, 1 warned, 0 failed (strict: warnings fail)",
        ),
        (
            report_of(Verdict.PASS, Verdict.ERROR),
            "\x1b[1;31mNOT OK\x1b[0m: 1 passed, 0 warned, 0 failed, 1 could not be checked",
        ),
    ],
)
def test_the_outcome_word_alone_is_coloured(terminal: Render, report: Report, line: str) -> None:
    assert terminal(lambda: render_to_string(summary_line(report))) == line + "\n"


@pytest.mark.parametrize(
    ("report", "last_line"),
    [
        (report_of(Verdict.PASS, strict=True), "OK: 1 passed, 0 warned, 0 failed (strict: warnings fail)"),
        (report_of(Verdict.WARN, strict=True), "NOT OK: 0 passed, 1 warned, 0 failed (strict: warnings fail)"),
        (report_of(Verdict.WARN), "OK: 0 passed, 1 warned, 0 failed"),
    ],
)
def test_the_table_layout_ends_with_the_outcome_and_says_strict(pipe: Render, report: Report, last_line: str) -> None:
    assert pipe(lambda: render_table(report)).splitlines()[-1] == last_line


# --- the findings table -----------------------------------------------------------------------

SUBJECT = "dist/" + "abcdefghij" * 4 + ".html"
MESSAGE = "licence-number-is-not-in-the-visible-text-of-the-page"
CLAUSE = "clause-十六(四)-and-二"


def column(output: str, index: int) -> str:
    """The text in one column of a rendered table's body, its wrapped lines joined."""
    lines = output.splitlines()
    body = lines[next(n for n, line in enumerate(lines) if line.startswith("┡")) + 1 : -1]
    return "".join(line.split("│")[index + 1].strip() for line in body)


def one_finding(verdict: Verdict) -> Report:
    report = Report(command="gate", licence_number="渝B2-20210467", on=None)
    report.add(Finding("pages", SUBJECT, verdict, MESSAGE, CLAUSE))
    return report


@pytest.mark.parametrize("width", [160, 200])
def test_a_wide_table_keeps_every_token_in_its_column(pipe: Render, width: int) -> None:
    sheet = findings_sheet(one_finding(Verdict.ERROR).findings)
    output = pipe(lambda: render_to_string(*sheet.renderables(width), width=width))
    assert [column(output, n) for n in range(4)] == ["ERROR", SUBJECT, MESSAGE, CLAUSE]
    assert all(len(line) <= width for line in output.splitlines())


@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_a_table_that_does_not_fit_becomes_blocks_with_every_token_whole(pipe: Render, width: int) -> None:
    sheet = findings_sheet(one_finding(Verdict.ERROR).findings)
    output = pipe(lambda: render_to_string(*sheet.renderables(width), width=width))
    assert output == f"ERROR {SUBJECT}\n      {MESSAGE}\n      clause: {CLAUSE}\n"


def test_the_verdict_header_is_never_wrapped(pipe: Render) -> None:
    report = Report(command="gate", licence_number="渝B2-20210467", on=None)
    report.add(Finding("pages", "a.html", Verdict.PASS, "shown", "二"))
    output = pipe(lambda: render_to_string(*findings_sheet(report.findings).renderables(40), width=40))
    assert "┃ verdict ┃" in output.split("┡")[0]
    assert column(output, 0) == "PASS"
