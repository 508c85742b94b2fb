"""Edges of the core checks that only end-to-end runs in another process touched before: a
command-line argument that is not UTF-8, where record problems point, empty terms, styles that
turn an inline element into a block."""

from __future__ import annotations

from pathlib import Path

import pytest

from licencecheck.catalogue import load_catalogue
from licencecheck.checks.business import BusinessIndex, unknown_term
from licencecheck.checks.pages import find_missing, page_text
from licencecheck.checks.scope import argument_target
from licencecheck.datafiles import load_licence
from licencecheck.report import Finding, Verdict
from tests.conftest import Invoke

NUMBER = "渝B2-20210467"


def test_a_utf8_argument_is_a_target() -> None:
    assert argument_target("maichetong.com.cn") == "maichetong.com.cn"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [(b"caf\xe9.example", "caf\\xe9.example"), (b"\xff\xfe", "\\xff\\xfe")],
)
def test_an_argument_that_is_not_utf8_is_an_invalid_target_shown_escaped(raw: bytes, shown: str) -> None:
    argument = raw.decode("utf-8", "surrogateescape")  # how Python hands such bytes over
    finding = argument_target(argument)
    assert isinstance(finding, Finding)
    assert (finding.subject, finding.verdict, finding.clause) == (shown, Verdict.ERROR, "-")
    assert finding.message == f"invalid target '{shown}': not UTF-8 text"
    assert finding.data == {"status": "invalid", "host": None, "line": None, "error": "not UTF-8 text"}


def test_an_unpaired_surrogate_argument_is_shown_escaped() -> None:
    finding = argument_target("a\udc80\ud800b")
    assert isinstance(finding, Finding) and finding.subject == "a\\udc80\\ud800b"


@pytest.mark.parametrize(("term", "message"), [("   ", "empty term"), ("\u3000\t", "empty term")])
def test_an_empty_term_says_so(term: str, message: str) -> None:
    finding = unknown_term(BusinessIndex(load_licence(), load_catalogue()), term)
    assert (finding.message, finding.verdict, finding.subject) == (message, Verdict.ERROR, term)


def test_an_unknown_term_names_what_it_is() -> None:
    index = BusinessIndex(load_licence(), load_catalogue())
    assert unknown_term(index, " 火星 ").message.startswith("unknown term ' 火星 '")
    assert unknown_term(index, "火星", "service").message.startswith("unknown service '火星'")


def records_file(tmp_path: Path, body: str, licence: str = "渝B2-20210467") -> Path:
    path = tmp_path / "records.yaml"
    path.write_text(f"licence: {licence}\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (
            "filings:\n  - {obligation: annual-report, year: 2024, filed_on: 2024-03-01}\n"
            "  - {obligation: annual-report, year: 2025, filed_on: 2024-12-01}\n",
            ":4:55: filings[1].filed_on: 2024-12-01 is before the 2025 window opened (2025-01-01)",
        ),
        (
            "events:\n  - {obligation: illegal-info-report, occurred_on: 2026-09-01}\n"
            "  - {obligation: nope, occurred_on: 2026-09-01}\n",
            ":4:18: events[1].obligation: unknown obligation 'nope'",
        ),
    ],
)
def test_the_second_record_is_named_as_the_second(body: str, where: str, cli: Invoke, tmp_path: Path) -> None:
    path = records_file(tmp_path, body)
    run = cli("deadlines", "--on", "2026-09-30", "--records", str(path))
    assert run.exit_code == 2 and run.stderr == f"licencecheck: error: {path}{where}\n"


def test_records_for_another_licence_point_at_the_licence_line(cli: Invoke, tmp_path: Path) -> None:
    path = records_file(tmp_path, "filings: []\n", licence="京B2-20190001")
    run = cli("deadlines", "--on", "2026-09-30", "--records", str(path))
    assert run.stderr.startswith(f"licencecheck: error: {path}:1:10: licence: records are for licence 京B2-20190001")


def test_a_filing_on_the_day_checked_is_fine(cli: Invoke, tmp_path: Path) -> None:
    path = records_file(tmp_path, "filings:\n  - {obligation: renewal-application, filed_on: 2026-07-01}\n")
    assert cli("deadlines", "--on", "2026-07-01", "--records", str(path)).exit_code in (0, 1)


@pytest.mark.parametrize(
    ("style", "joined"),
    [
        ("", True),
        ("display:inline", True),
        ("display:contents", True),
        ("display:block", False),
        ("display:inline-block", False),
        ("float:left", False),
        ("float:none", True),
        ("position:absolute", False),
        ("position:relative", True),
    ],
)
def test_a_style_that_makes_a_block_ends_the_run(style: str, joined: bool) -> None:
    html = f'<p><span>渝B2-</span><span style="{style}">20210467</span></p>'
    assert (find_missing(page_text(html), {"licence-number": NUMBER}) == {}) is joined


def test_a_grant_naming_a_service_the_catalogue_lacks_is_refused(cli: Invoke, tmp_path: Path) -> None:
    from tests.conftest import BUNDLED

    licence = tmp_path / "licence.yaml"
    text = BUNDLED.read_text(encoding="utf-8")
    assert "limited_to: [经营类电子商务]" in text
    licence.write_text(text.replace("limited_to: [经营类电子商务]", "limited_to: [火星快递]"), encoding="utf-8")
    run = cli("business", "B21", "--licence", str(licence), "--on", "2026-06-01")
    assert run.exit_code == 2
    assert run.stderr == (
        "licencecheck: error: grant B21 names '火星快递', which the business catalogue does not know\n"
    )
