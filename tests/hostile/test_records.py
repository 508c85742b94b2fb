"""Family 5: impossible records fail closed. A records file that contradicts the licence's dates
or an obligation's kind of rule is one line, exit 2, at the file:line:column of the entry.

The bundled licence 渝B2-20210467 is valid 2021-10-20 (the inferred start of its term) to
2026-10-20; its annual report is due in the first quarter (annual-window), renewal 90 days
before the end (before-validity-end), illegal-info-report after an event (after-event),
data-retention is a minimum-retention rule and licence-number-display a display duty."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licencecheck.checks.deadlines import deadlines_report, load_records
from licencecheck.datafiles import load_licence
from licencecheck.errors import DataError, InputError
from licencecheck.strictyaml import parse_yaml
from licencecheck.workdays import WorkCalendar
from tests.conftest import Invoke, Run

from .helpers import one_error_line
from .test_strict_types import FUZZ, assert_refused, file_contents, iso_dates, write

ON = "2026-09-30"
HEAD = "licence: 渝B2-20210467\n"
LICENCE = load_licence()


def deadlines(cli: Invoke, path: Path) -> Run:
    return cli("deadlines", "--on", ON, "--records", str(path))


@pytest.mark.parametrize(
    ("body", "needle", "message"),
    [
        # An event report filed before its trigger.
        (
            "events:\n  - {obligation: illegal-info-report, occurred_on: 2026-09-28, filed_on: 2026-09-20}\n",
            "2026-09-20",
            "events[0].filed_on: 2026-09-20 is before the event occurred (2026-09-28)",
        ),
        # An event before the licence was issued, for an event-triggered and a retention rule.
        (
            "events:\n  - obligation: illegal-info-report\n    occurred_on: 2021-01-05\n",
            "2021-01-05",
            "events[0].occurred_on: 2021-01-05 is before the licence was in force (2021-10-20)",
        ),
        (
            "events:\n  - {obligation: data-retention, occurred_on: 2021-10-19}\n",
            "2021-10-19",
            "events[0].occurred_on: 2021-10-19 is before the licence was in force",
        ),
        # An annual report filed before its year's window opened.
        (
            "filings:\n  - {obligation: annual-report, year: 2026, filed_on: 2025-12-20}\n",
            "2025-12-20",
            "filings[0].filed_on: 2025-12-20 is before the 2026 window opened (2026-01-01)",
        ),
        # An annual report for a year the licence was not in force: before the issue, after the end.
        (
            "filings:\n  - {obligation: annual-report, year: 2021, filed_on: 2023-01-10}\n",
            "2021,",
            "filings[0].year: the licence was not in force during the 2021 window (2021-01-01 to 2021-03-31)",
        ),
        (
            "filings:\n  - {obligation: annual-report, year: 2027, filed_on: 2026-09-01}\n",
            "2027,",
            "filings[0].year: the licence was not in force during the 2027 window",
        ),
        # An annual report without its year: located at the entry.
        (
            "filings:\n  - obligation: annual-report\n    filed_on: 2026-03-10\n",
            "obligation",
            "filings[0].year: a filing of annual-report needs `year`",
        ),
        # A year on a filing that has no yearly window.
        (
            "filings:\n  - {obligation: renewal-application, year: 2026, filed_on: 2026-07-01}\n",
            "2026,",
            "filings[0].year: `year` is only for a filing in a yearly window; renewal-application has none",
        ),
        # A filing for an event-triggered, a retention and a display obligation.
        (
            "filings:\n  - {obligation: illegal-info-report, filed_on: 2026-07-01}\n",
            "illegal-info-report",
            "filings[0].obligation: illegal-info-report is due after an event: record it under `events`",
        ),
        (
            "filings:\n  - {obligation: data-retention, filed_on: 2026-07-01}\n",
            "data-retention",
            "filings[0].obligation: data-retention is a retention period, not a filing",
        ),
        (
            "filings:\n  - {obligation: licence-number-display, filed_on: 2026-07-01}\n",
            "licence-number-display",
            "filings[0].obligation: licence-number-display is a standing duty, nothing is filed for it",
        ),
        # An event for an obligation that is not triggered by one.
        (
            "events:\n  - {obligation: annual-report, occurred_on: 2026-03-01}\n",
            "annual-report",
            "events[0].obligation: annual-report is not triggered by an event: record it under `filings`",
        ),
        (
            "events:\n  - {obligation: renewal-application, occurred_on: 2026-03-01}\n",
            "renewal-application",
            "events[0].obligation: renewal-application is not triggered by an event",
        ),
        (
            "events:\n  - {obligation: advert-disclosure, occurred_on: 2026-03-01}\n",
            "advert-disclosure",
            "events[0].obligation: advert-disclosure is not triggered by an event: it is a standing duty",
        ),
        # A retention period is not filed.
        (
            "events:\n  - {obligation: data-retention, occurred_on: 2026-03-01, filed_on: 2026-03-02}\n",
            "2026-03-02",
            "events[0].filed_on: data-retention is a retention period; nothing is filed for it",
        ),
        # A renewal filed before the licence was issued.
        (
            "filings:\n  - {obligation: renewal-application, filed_on: 2021-10-01}\n",
            "2021-10-01",
            "filings[0].filed_on: 2021-10-01 is before the licence was in force (2021-10-20)",
        ),
    ],
)
def test_impossible_records_are_refused_at_their_position(
    body: str, needle: str, message: str, tmp_path: Path, cli: Invoke
) -> None:
    text = HEAD + body
    path = write(tmp_path, "records.yaml", text)
    assert_refused(deadlines(cli, path), path, text, needle, message)


def test_the_first_impossible_record_is_reported_after_possible_ones(tmp_path: Path, cli: Invoke) -> None:
    text = HEAD + (
        "filings:\n"
        "  - {obligation: annual-report, year: 2025, filed_on: 2025-03-01}\n"
        "  - {obligation: annual-report, year: 2026, filed_on: 2025-03-01}\n"
        "events:\n"
        "  - {obligation: illegal-info-report, occurred_on: 2026-09-28, filed_on: 2026-09-01}\n"
    )
    path = write(tmp_path, "records.yaml", text)
    message = "filings[1].filed_on: 2025-03-01 is before the 2026 window opened (2026-01-01)"
    assert_refused(deadlines(cli, path), path, text, "2025-03-01", message, after="year: 2026")


@pytest.mark.parametrize(
    ("body", "needle", "message"),
    [
        ('filings:\n  - {obligation: annual-report, year: "2026", filed_on: 2026-03-10}\n', '"2026"', "valid integer"),
        ("filings:\n  - {obligation: annual-report, year: 2026.0, filed_on: 2026-03-10}\n", "2026.0", "valid integer"),
        ("filings:\n  - {obligation: annual-report, year: 99999, filed_on: 2026-03-10}\n", "99999", "less than or"),
        ("filings:\n  - {obligation: annual-report, year: 2026, filed_on: 1773100800}\n", "1773100800", "YYYY-MM-DD"),
        ("filings:\n  - {obligation: annual-report, year: 2026, filed_on: 2026-3-10}\n", "2026-3-10", "YYYY-MM-DD"),
        ("events:\n  - {obligation: illegal-info-report, occurred_on: 0001-01-01}\n", "0001-01-01", "outside the"),
        ("events:\n  - {obligation: illegal-info-report, occurred_on: 2026-09-28, filed_on: yes}\n", "yes", "YYYY"),
        ("filings: {obligation: annual-report}\n", "{", "filings: Input should be a valid list"),
    ],
)
def test_loose_record_values_are_refused_at_their_position(
    body: str, needle: str, message: str, tmp_path: Path, cli: Invoke
) -> None:
    text = HEAD + body
    path = write(tmp_path, "records.yaml", text)
    assert_refused(deadlines(cli, path), path, text, needle, message)


def test_a_licence_number_that_is_not_text_is_refused(tmp_path: Path, cli: Invoke) -> None:
    text = "licence: 20210467\nfilings: []\n"
    path = write(tmp_path, "records.yaml", text)
    assert_refused(deadlines(cli, path), path, text, "20210467", "licence: Input should be a valid string")


def test_possible_records_still_load(tmp_path: Path, cli: Invoke) -> None:
    text = HEAD + (
        "filings:\n"
        "  - {obligation: annual-report, year: 2023, filed_on: 2023-01-01}\n"  # the day the window opens
        "  - {obligation: annual-report, year: 2024, filed_on: 2024-05-01}\n"  # late, but possible
        "  - {obligation: annual-report, year: 2025, filed_on: 2025-03-31}\n"
        "  - {obligation: annual-report, year: 2026, filed_on: 2026-02-01}\n"
        "  - {obligation: renewal-application, filed_on: 2026-07-01}\n"
        "events:\n"
        "  - {obligation: illegal-info-report, occurred_on: 2026-09-28, filed_on: 2026-09-28}\n"
        "  - {obligation: data-retention, occurred_on: 2021-10-20}\n"  # the first day of the term
    )
    run = deadlines(cli, write(tmp_path, "records.yaml", text))
    assert run.exit_code in (0, 1), run.stderr
    assert run.stderr == ""


def test_an_event_argument_before_the_licence_was_issued_is_refused(cli: Invoke) -> None:
    run = cli("deadlines", "--on", ON, "--event", "illegal-info-report=2021-01-05")
    assert run.exit_code == 2
    assert "--event illegal-info-report=2021-01-05: the event is before the licence was in force (2021-10-20)" in (
        one_error_line(run.stderr)
    )


# Fuzz: the records loader refuses, it never crashes; what it accepts can be reported on.

RECORDS_BASE = parse_yaml(
    HEAD
    + "filings:\n  - {obligation: annual-report, year: 2026, filed_on: 2026-03-10}\n"
    + "  - {obligation: renewal-application, filed_on: 2026-07-01}\n"
    + "events:\n  - {obligation: illegal-info-report, occurred_on: 2026-09-28, filed_on: 2026-09-29}\n"
    + "  - {obligation: data-retention, occurred_on: 2025-01-01}\n",
    "records.yaml",
    what="records file",
).data


RECORD_VALUES = {
    "licence": st.sampled_from(["渝B2-20210467", "京B2-20190249"]),
    "obligation": st.sampled_from([o.id for o in LICENCE.obligations]),
    "year": st.integers(2020, 2028) | st.none(),
    "filed_on": iso_dates(2020, 2027) | st.none(),
    "occurred_on": iso_dates(2020, 2027),
}


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "records.yaml"


@FUZZ
@given(content=file_contents(RECORDS_BASE, RECORD_VALUES))
def test_random_records_files_never_crash_the_loader(content: bytes, fuzz_file: Path) -> None:
    fuzz_file.write_bytes(content)
    on = date(2026, 9, 30)
    try:
        records = load_records(fuzz_file, LICENCE, on)
    except (DataError, InputError):
        return
    calendar = WorkCalendar(estimate=True)
    deadlines_report(LICENCE, on, records=records, events=[], calendar=calendar, horizon=30, strict=False)
