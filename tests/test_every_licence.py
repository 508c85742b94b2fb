"""Every licence, every command: each licence file the project holds is run through the CLI as a
user runs it (`--licence FILE --on DAY`), and what the user sees is compared with what a person
read off the licence text.

The licences are found by glob: the bundled one, the minimal example and every
`examples/licences/*.yaml`, so a new licence joins by being added (and fails until it has its
expectations). The expected verdicts live in `tests/licences/<name>.expect.yaml`, written by hand
from the licence as printed; this module never reads a licence YAML itself. Each expectations
file names the `day` every command runs on: a day the licence is in force, outside its renewal
window; the other days checked (its last day, the day after, the day before it came into force) follow
from its dates. An empty list in an expectations file makes no test case, since such a case could
not fail.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import BUNDLED, EXAMPLES, TESTS, Invoke, Run

LICENCES = TESTS / "licences"
"""The expectations, one file per licence."""
LICENCE_TEXTS = TESTS.parent / "examples" / "licences"
"""More licences of the template family: each text and its YAML."""
MINIMAL = EXAMPLES / "licence" / "valid" / "minimal.yaml"
EXPECT_SUFFIX = ".expect.yaml"

Expect = dict[str, Any]


def licence_files() -> list[Path]:
    """Every licence the project holds: the bundled one, the minimal example, examples/licences/*.yaml."""
    found = sorted(LICENCE_TEXTS.glob("*.yaml"))
    return [path.resolve() for path in (BUNDLED, MINIMAL, *found)]


def expectation_files() -> list[Path]:
    return sorted(LICENCES.glob(f"*{EXPECT_SUFFIX}"))


def read_expectations(path: Path) -> Expect:
    data: Expect = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["_file"] = path
    data["_licence"] = (path.parent / data["licence"]).resolve()
    return data


def expectations() -> dict[Path, Expect]:
    return {e["_licence"]: e for e in map(read_expectations, expectation_files())}


EXPECTED = expectations()
DESCRIBED = [EXPECTED[path] for path in licence_files() if path in EXPECTED]


def case(exp: Expect, *more: Any, name: str = "") -> Any:
    return pytest.param(exp, *more, id=exp["_licence"].stem + name)


CASES = [case(exp) for exp in DESCRIBED]


def cases_with(key: str) -> list[Any]:
    """The licences whose expectations list something under `key`: a test of an empty list
    could not fail, so such a licence gets no case."""
    return [case(exp) for exp in DESCRIBED if exp.get(key)]


# ----------------------------------------------------------------------------- helpers


def run(cli: Invoke, exp: Expect, *args: str, on: str | None = None) -> Run:
    """A command on this licence and its day (or `on`)."""
    return cli(*args, "--licence", str(exp["_licence"]), "--on", on or exp["day"])


def run_json(cli: Invoke, exp: Expect, *args: str, on: str | None = None) -> tuple[int, dict[str, Any]]:
    result = run(cli, exp, *args, "--format", "json", on=on)
    report = json.loads(result.stdout)
    assert report["ok"] is (result.exit_code == 0), result.stdout
    return result.exit_code, report


def by_subject(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {finding["subject"]: finding for finding in report["findings"]}


def day(text: str) -> date:
    return date.fromisoformat(text)


def shifted(text: str, days: int) -> str:
    return (day(text) + timedelta(days=days)).isoformat()


def squashed(text: str) -> str:
    """Text without white space or box-drawing characters: a table cell wrapped over several lines
    reads as one string again (cells of other columns are blank on continuation lines)."""
    return "".join(ch for ch in text if not ch.isspace() and not "\u2500" <= ch <= "\u257f")


def one_line(text: str) -> str:
    return " ".join(text.split())


def deadline_items(exp: Expect) -> dict[str, tuple[str, str]]:
    return {subject: (status, due) for subject, (status, due) in exp["deadlines"].items()}


# ----------------------------------------------------------------------------- discovery


def test_every_licence_has_one_expectations_file() -> None:
    files = licence_files()
    assert len(files) >= 4, files
    described = [read_expectations(p)["_licence"] for p in expectation_files()]
    assert sorted(map(str, described)) == sorted(set(map(str, described))), "two files describe one licence"
    assert sorted(map(str, files)) == sorted(map(str, described)), "a licence without expectations, or the reverse"


@pytest.mark.parametrize("exp", cases_with("text"))
def test_expectations_agree_with_the_printed_licence(exp: Expect) -> None:
    """The facts the expectations name are on the licence as printed (OCR spaces ignored)."""
    printed = squashed((exp["_file"].parent / exp["text"]).read_text(encoding="utf-8"))
    for fact in (exp["number"], exp["holder"], exp["legal_representative"], *exp["websites"]):
        assert fact in printed, fact
    for when in (exp["validity"]["issued_on"], exp["validity"]["valid_until"]):
        y, m, d = day(when).timetuple()[:3]
        assert f"{y}年{m}月{d}日" in printed, when


# ----------------------------------------------------------------------------- validate, show


@pytest.mark.parametrize("exp", CASES)
def test_validate(cli: Invoke, exp: Expect) -> None:
    result = cli("validate", "--licence", str(exp["_licence"]))
    assert result.exit_code == 0, result.stdout + result.stderr
    counts = f"({exp['provisions']} provisions, {len(exp['obligations'])} obligations)"
    assert f"valid licence file for {exp['number']} {counts}" in result.stdout


@pytest.mark.parametrize("exp", CASES)
def test_show_text(cli: Invoke, exp: Expect) -> None:
    result = run(cli, exp, "show")
    assert result.exit_code == 0 and result.stderr == ""
    for fact in (exp["number"], exp["holder"], exp["legal_representative"], exp["issuing_authority"]):
        assert fact in result.stdout, fact
    for domain, name in exp["websites"].items():
        assert domain in result.stdout and name in result.stdout
    validity = exp["validity"]
    status = f"{exp['number']} is in force until {validity['valid_until']} ({validity['days_left']} days left)"
    assert status in one_line(result.stdout)


@pytest.mark.parametrize("exp", CASES)
def test_show_full_prints_the_provisions(cli: Invoke, exp: Expect) -> None:
    assert exp["full_text"] in squashed(run(cli, exp, "show", "--full").stdout)
    assert exp["full_text"] not in squashed(run(cli, exp, "show").stdout)


@pytest.mark.parametrize("exp", CASES)
def test_show_json(cli: Invoke, exp: Expect) -> None:
    code, report = run_json(cli, exp, "show")
    assert code == 0 and report["command"] == "show" and report["licence"] == exp["number"]
    validity = exp["validity"]
    assert report["status"]["state"] == validity["state"]
    assert report["status"]["days_left"] == validity["days_left"]
    data = report["licence_data"]
    assert (data["number"], data["holder"], data["legal_representative"]) == (
        exp["number"],
        exp["holder"],
        exp["legal_representative"],
    )
    assert data["number_parts"]["categories"] == exp["categories"]
    assert [grant["code"] for grant in data["grants"]] == exp["grants"]
    assert len(data["provisions"]) == exp["provisions"]
    assert sorted(o["id"] for o in data["obligations"]) == sorted(exp["obligations"])
    sites = {site["domain"]: site["name"] for grant in data["grants"] for site in grant["websites"]}
    assert sites == exp["websites"]


# ----------------------------------------------------------------------------- scope


@pytest.mark.parametrize("exp", CASES)
def test_scope_covers_every_licensed_domain(cli: Invoke, exp: Expect) -> None:
    targets = list(exp["scope"]["covered"])
    result = run(cli, exp, "scope", *targets)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.count("PASS") == len(targets) and "FAIL" not in result.stdout
    code, report = run_json(cli, exp, "scope", *targets)
    assert code == 0
    findings = by_subject(report)
    for target, website in exp["scope"]["covered"].items():
        assert findings[target]["data"]["status"] == "covered", target
        assert findings[target]["data"]["website"] == website


@pytest.mark.parametrize("exp", CASES)
def test_scope_refuses_unrelated_domains(cli: Invoke, exp: Expect) -> None:
    for target in exp["scope"]["not_covered"]:
        result = run(cli, exp, "scope", target)
        assert result.exit_code == 1, target
        assert re.match(rf"FAIL +{re.escape(target)} +not listed\n", result.stdout), result.stdout
    code, report = run_json(cli, exp, "scope", *exp["scope"]["not_covered"])
    assert code == 1
    assert {f["data"]["status"] for f in report["findings"]} == {"not-listed"}


@pytest.mark.parametrize("exp", CASES)
def test_scope_covers_nothing_after_expiry(cli: Invoke, exp: Expect) -> None:
    after = shifted(exp["validity"]["valid_until"], 1)
    target = next(iter(exp["scope"]["covered"]))
    code, report = run_json(cli, exp, "scope", target, on=after)
    assert code == 1
    assert report["findings"][0]["data"]["status"] == "not-in-force"
    assert f"expired on {exp['validity']['valid_until']}" in report["findings"][0]["message"]


# ----------------------------------------------------------------------------- business

VERDICTS = {
    "excluded": "excluded",
    "not_licensed": "not-licensed",
    "broader": "broader-than-grant",
    "needs_approval": "needs-approval",
}


@pytest.mark.parametrize("exp", CASES)
def test_business_permits_each_grant(cli: Invoke, exp: Expect) -> None:
    permitted: dict[str, str] = exp["business"]["permitted"]
    assert set(permitted.values()) == set(exp["grants"]), "every grant has a permitted term to check"
    result = run(cli, exp, "business", *permitted)
    assert result.exit_code == 0, result.stdout
    code, report = run_json(cli, exp, "business", *permitted)
    assert code == 0
    findings = by_subject(report)
    for term, grant in permitted.items():
        assert findings[term]["verdict"] == "pass", findings[term]["message"]
        assert (findings[term]["data"]["status"], findings[term]["data"]["grant"]) == ("permitted", grant)


REFUSALS = [
    case(exp, kind, name=f"-{kind}")
    for exp in DESCRIBED
    for kind in VERDICTS
    if exp["business"][kind]  # e.g. nothing is 不含 on some licences: no case that could not fail
]


@pytest.mark.parametrize(("exp", "kind"), REFUSALS)
def test_business_refuses(cli: Invoke, exp: Expect, kind: str) -> None:
    terms = exp["business"][kind]
    for term in terms:
        assert run(cli, exp, "business", term).exit_code == 1, term
    code, report = run_json(cli, exp, "business", *terms)
    assert code == 1
    statuses = {f["subject"]: f["data"]["status"] for f in report["findings"]}
    assert statuses == dict.fromkeys(terms, VERDICTS[kind])
    assert {f["verdict"] for f in report["findings"]} == {"fail"}


@pytest.mark.parametrize("exp", CASES)
def test_business_permitted_but_not_in_force(cli: Invoke, exp: Expect) -> None:
    term = next(iter(exp["business"]["permitted"]))
    code, report = run_json(cli, exp, "business", term, on=shifted(exp["validity"]["valid_until"], 1))
    assert code == 1 and report["findings"][0]["data"]["status"] == "not-in-force"


@pytest.mark.parametrize("exp", cases_with("regions"))
def test_business_in_a_region(cli: Invoke, exp: Expect) -> None:
    for check in exp["regions"]:
        code, report = run_json(cli, exp, "business", check["term"], "--region", check["region"])
        finding = report["findings"][0]
        assert (code == 0) is check["permitted"], (check, finding["message"])
        assert (finding["data"]["status"] == "permitted") is check["permitted"], check


def catalogue_entries(text: str) -> dict[str, str]:
    """business --list text: each tree entry (with its wrapped continuation lines) by id."""
    entries: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        match = re.search(r"[├└]── (\S+): ", line)
        if match:
            current = match.group(1)
            entries[current] = line
        elif current is not None:
            entries[current] += " " + line.replace("│", " ")
    return entries


MARKS = {
    "permitted": "✔ permitted",
    "excluded": "✘ excluded",
    "broader-than-grant": "◐ broader",
    "not-licensed": "· not licensed",
    "needs-approval": "! needs",
}


@pytest.mark.parametrize("exp", CASES)
def test_business_list(cli: Invoke, exp: Expect) -> None:
    result = run(cli, exp, "business", "--list")
    assert result.exit_code == 0
    assert exp["number"] in result.stdout.splitlines()[0]
    entries = catalogue_entries(result.stdout)
    for entry_id, status in exp["catalogue"].items():
        assert MARKS[status] in one_line(entries[entry_id]), (entry_id, entries[entry_id])
    code, report = run_json(cli, exp, "business", "--list")
    assert code == 0
    statuses = {entry["id"]: entry["status"] for entry in report["entries"]}
    assert {key: statuses[key] for key in exp["catalogue"]} == exp["catalogue"]


# ----------------------------------------------------------------------------- validity


@pytest.mark.parametrize("exp", CASES)
def test_validity_on_the_day(cli: Invoke, exp: Expect, monkeypatch: pytest.MonkeyPatch) -> None:
    validity = exp["validity"]
    monkeypatch.setenv("COLUMNS", "300")  # the message on one line of its table cell
    result = run(cli, exp, "validity")
    assert result.exit_code == 0
    assert f"{exp['number']} is in force until {validity['valid_until']} ({validity['days_left']} days left)" in (
        one_line(result.stdout)
    )
    code, report = run_json(cli, exp, "validity")
    data = report["findings"][0]["data"]
    assert code == 0 and report["findings"][0]["verdict"] == "pass"
    assert (data["state"], data["days_left"]) == (validity["state"], validity["days_left"])
    assert (data["issued_on"], data["valid_until"]) == (validity["issued_on"], validity["valid_until"])
    assert data["renewal_deadline"] == validity["renewal_deadline"]


@pytest.mark.parametrize("exp", CASES)
def test_validity_at_the_edges(cli: Invoke, exp: Expect) -> None:
    validity = exp["validity"]
    code, report = run_json(cli, exp, "validity", on=validity["valid_until"])
    assert code == 0 and report["findings"][0]["data"]["days_left"] == 0, "the last day is in force"
    after = run(cli, exp, "validity", on=shifted(validity["valid_until"], 1))
    assert after.exit_code == 1 and f"expired on {validity['valid_until']}" in after.stdout
    before = run(cli, exp, "validity", on=shifted(validity.get("valid_from", validity["issued_on"]), -1))
    assert before.exit_code == 1 and "not yet in force" in before.stdout


# ----------------------------------------------------------------------------- deadlines, timeline


@pytest.mark.parametrize("exp", CASES)
def test_deadlines_text(cli: Invoke, exp: Expect) -> None:
    result = run(cli, exp, "deadlines")
    assert result.exit_code == 0, result.stdout
    assert f"Deadlines of {exp['number']} on {exp['day']}" in result.stdout
    for subject, (_status, due) in deadline_items(exp).items():
        obligation = subject.split(" ")[0]
        assert obligation in result.stdout and due in result.stdout, subject


@pytest.mark.parametrize("exp", CASES)
def test_deadlines_json(cli: Invoke, exp: Expect) -> None:
    code, report = run_json(cli, exp, "deadlines")
    assert code == 0
    items = {
        f["subject"]: (f["data"]["status"], f["data"]["due"]) for f in report["findings"] if f["check"] == "deadlines"
    }
    assert items == deadline_items(exp)


@pytest.mark.parametrize("exp", cases_with("events"))
def test_deadlines_after_events(cli: Invoke, exp: Expect) -> None:
    args = [arg for event in exp["events"] for arg in ("--event", event["event"])]
    code, report = run_json(cli, exp, "deadlines", *args)
    assert code == 0, report["findings"]
    findings = by_subject(report)
    for event in exp["events"]:
        obligation, trigger = event["event"].split("=")
        finding = findings[f"{obligation} ({trigger})"]
        assert finding["data"]["due"] == event["due"], (event, finding["message"])
        if finding["data"]["status"] != "information":  # a retention period is not moved
            assert finding["data"]["nominal_due"] == event.get("nominal"), event


@pytest.mark.parametrize("exp", CASES)
def test_deadlines_ics(cli: Invoke, exp: Expect) -> None:
    from icalendar import Calendar

    result = run(cli, exp, "deadlines", "--format", "ics")
    assert result.exit_code == 0
    calendar = Calendar.from_ical(result.stdout)
    every = list(calendar.walk("VEVENT"))
    ends = [e.decoded("DTSTART") for e in every if str(e["UID"]) == f"{exp['number']}/validity/end@licencecheck"]
    assert ends == [day(exp["validity"]["valid_until"])], "one event on the last day in force"
    events = [e for e in every if not str(e["UID"]).endswith("/validity/end@licencecheck")]
    dues = [due for status, due in deadline_items(exp).values() if status != "not-applicable"]
    assert len(events) == len(dues), "one event per deadline or window that applies"
    ends = sorted(event.decoded("DTEND") for event in events)  # an all-day event ends the day after
    assert ends == sorted(day(due) + timedelta(days=1) for due in dues)
    assert all(exp["number"] in str(event["SUMMARY"]) for event in events)
    assert len({str(event["UID"]) for event in events}) == len(events)


@pytest.mark.parametrize("exp", CASES)
def test_timeline(cli: Invoke, exp: Expect) -> None:
    validity = exp["validity"]
    result = run(cli, exp, "timeline")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = validity.get("valid_from", validity["issued_on"])
    assert lines[0] == f"{exp['number']}: {start} to {validity['valid_until']}, as on {exp['day']}"
    for subject, (status, due) in deadline_items(exp).items():
        assert f"  {subject}: {status}, due {due}" in lines, subject
    code, report = run_json(cli, exp, "timeline")
    assert code == 0 and report["command"] == "timeline"


# ----------------------------------------------------------------------------- gate

SHOWS_NUMBER = "<html><body><main>首页</main><footer>增值电信业务经营许可证：{number}</footer></body></html>"
HIDES_NUMBER = "<html><head><title>{number}</title></head><body><p>首页</p><!-- {number} --></body></html>"
ADVERT = "<html><body><p>{holder}</p><p>{number}</p></body></html>"
ADVERT_WITHOUT_NAME = "<html><body><p>广告</p><p>{number}</p></body></html>"


def gate(cli: Invoke, exp: Expect, folder: Path, *, page: str, advert: str, retention: int | None) -> dict[str, Any]:
    """A manifest with the licensed domains and permitted services, one page, one advert."""
    (folder / "index.html").write_text(page.format(**exp), encoding="utf-8")
    (folder / "ad.html").write_text(advert.format(**exp), encoding="utf-8")
    manifest = {
        "licence": exp["number"],
        "release_date": exp["day"],
        "domains": list(exp["scope"]["covered"]),
        "services": list(exp["business"]["permitted"]),
        "pages": ["index.html"],
        "adverts": ["ad.html"],
        "data_retention_days": retention if retention is not None else 400,
    }
    path = folder / "licencecheck.yaml"
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    text = cli("gate", str(path), "--licence", str(exp["_licence"]))
    result = cli("gate", str(path), "--licence", str(exp["_licence"]), "--format", "json")
    report = json.loads(result.stdout)
    assert text.exit_code == result.exit_code and report["ok"] is (result.exit_code == 0)
    return {"exit": result.exit_code, "report": report, "text": one_line(text.stdout)}


def page_findings(report: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if str(f["data"].get("page", "")).endswith(name)]


@pytest.mark.parametrize("exp", CASES)
def test_gate_passes_a_release_that_keeps_the_licence(cli: Invoke, exp: Expect, tmp_path: Path) -> None:
    rules = exp["rules"]
    run_ = gate(cli, exp, tmp_path, page=SHOWS_NUMBER, advert=ADVERT, retention=rules["retention_days"])
    report = run_["report"]
    assert run_["exit"] == 0, report["findings"]
    assert report["licence"] == exp["number"] and report["summary"]["fail"] == 0
    checks = {f["subject"]: f for f in report["findings"]}
    for target in exp["scope"]["covered"]:
        assert checks[target]["verdict"] == "pass" and checks[target]["check"] == "scope"
    for term in exp["business"]["permitted"]:
        assert checks[term]["verdict"] == "pass" and checks[term]["check"] == "business"
    assert [f["verdict"] for f in page_findings(report, "index.html")] == (["pass"] if rules["display"] else [])
    assert [f["verdict"] for f in page_findings(report, "ad.html")] == (["pass"] if rules["advert"] else [])
    assert "OK:" in run_["text"] and "NOT OK" not in run_["text"]


@pytest.mark.parametrize("exp", CASES)
def test_gate_page_without_the_number(cli: Invoke, exp: Expect, tmp_path: Path) -> None:
    run_ = gate(cli, exp, tmp_path, page=HIDES_NUMBER, advert=ADVERT, retention=exp["rules"]["retention_days"])
    report, found = run_["report"], page_findings(run_["report"], "index.html")
    if exp["rules"]["display"]:
        assert run_["exit"] == 1
        assert [f["verdict"] for f in found] == ["fail"]
        assert "licence-number" in found[0]["data"]["missing"]
        assert f"{exp['number']} is not in the visible text" in found[0]["message"]
    else:  # no page rule: not a pass by silence, and no crash
        assert run_["exit"] == 0 and found == []
        notes = " ".join(report["notes"])
        assert "pages are not checked" in notes and exp["number"] in notes and "display" in notes
        assert "pages are not checked" in run_["text"]


@pytest.mark.parametrize("exp", CASES)
def test_gate_advert_without_the_company_name(cli: Invoke, exp: Expect, tmp_path: Path) -> None:
    run_ = gate(
        cli, exp, tmp_path, page=SHOWS_NUMBER, advert=ADVERT_WITHOUT_NAME, retention=exp["rules"]["retention_days"]
    )
    report, found = run_["report"], page_findings(run_["report"], "ad.html")
    if exp["rules"]["advert"]:
        assert run_["exit"] == 1
        assert [f["verdict"] for f in found] == ["fail"]
        assert list(found[0]["data"]["missing"]) == ["company-name"]
        assert exp["holder"] in found[0]["message"]
    else:
        assert run_["exit"] == 0 and found == []
        notes = " ".join(report["notes"])
        assert "adverts are not checked" in notes and "advert-disclosure" in notes
        assert "adverts are not checked" in run_["text"]


@pytest.mark.parametrize("exp", CASES)
def test_gate_data_retention(cli: Invoke, exp: Expect, tmp_path: Path) -> None:
    minimum = exp["rules"]["retention_days"]
    if minimum is None:
        run_ = gate(cli, exp, tmp_path, page=SHOWS_NUMBER, advert=ADVERT, retention=1)
        assert run_["exit"] == 0
        assert "data_retention_days is not checked" in " ".join(run_["report"]["notes"])
        assert not [f for f in run_["report"]["findings"] if f["subject"] == "data_retention_days"]
        return
    for days, verdict in ((minimum, "pass"), (minimum - 1, "fail")):
        run_ = gate(cli, exp, tmp_path, page=SHOWS_NUMBER, advert=ADVERT, retention=days)
        found = [f for f in run_["report"]["findings"] if f["subject"] == "data_retention_days"]
        assert [f["verdict"] for f in found] == [verdict], days
        assert found[0]["data"]["required_days"] == minimum
        assert run_["exit"] == (0 if verdict == "pass" else 1)


@pytest.mark.parametrize(
    "exp", [case(exp) for exp in DESCRIBED if not (exp["rules"]["display"] and exp["rules"]["advert"])]
)
def test_gate_ci_formats_say_what_was_not_checked(cli: Invoke, exp: Expect, tmp_path: Path) -> None:
    gate(cli, exp, tmp_path, page=SHOWS_NUMBER, advert=ADVERT, retention=exp["rules"]["retention_days"])
    manifest = str(tmp_path / "licencecheck.yaml")
    for fmt in ("junit", "sarif", "github"):
        result = cli("gate", manifest, "--licence", str(exp["_licence"]), "--format", fmt)
        assert result.exit_code == 0
        assert "not checked" in result.stdout, fmt
