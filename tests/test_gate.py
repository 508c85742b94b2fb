"""gate: every check passing and failing, each CI format parsed back, several outputs, fail closed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .conftest import REPO, Invoke

EXAMPLE = REPO / "examples"


@pytest.fixture
def release(tmp_path: Path) -> Path:
    """A copy of the passing example, to break one thing at a time."""
    target = tmp_path / "release"
    shutil.copytree(EXAMPLE, target)
    return target


def edit(manifest: Path, old: str, new: str) -> None:
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new), encoding="utf-8")


def gate_json(cli: Invoke, manifest: Path, *args: str) -> tuple[int, dict[str, object]]:
    run = cli("gate", str(manifest), "--format", "json", *args)
    return run.exit_code, (json.loads(run.stdout) if run.stdout else {"stderr": run.stderr})


def by_check(report: dict[str, object]) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {}
    for finding in report["findings"]:  # type: ignore[attr-defined]
        found.setdefault(finding["check"], []).append(finding)
    return found


def test_the_example_passes(cli: Invoke) -> None:
    code, report = gate_json(cli, EXAMPLE / "licencecheck.yaml")
    assert code == 0 and report["ok"] is True
    assert set(by_check(report)) == {
        "validity",
        "scope",
        "business",
        "licence-number-display",
        "advert-disclosure",
        "data-retention",
        "records",
    }


def test_default_manifest_in_the_current_folder(cli: Invoke, release: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(release)
    assert cli("gate").exit_code == 0


def test_release_after_expiry_fails_and_every_check_still_runs(cli: Invoke, release: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "release_date: 2026-06-01", "release_date: 2026-11-28")
    code, report = gate_json(cli, manifest)
    assert code == 1
    checks = by_check(report)
    assert checks["validity"][0]["verdict"] == "fail"
    assert all(f["verdict"] == "fail" for f in checks["scope"])
    assert "licence-number-display" in checks and "data-retention" in checks


def test_warning_window_passes_unless_strict(cli: Invoke, release: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "release_date: 2026-06-01", "release_date: 2026-10-01")
    edit(manifest, "records: compliance/records.yaml\n", "")
    code, report = gate_json(cli, manifest)
    assert code == 0 and by_check(report)["validity"][0]["verdict"] == "warn"
    assert gate_json(cli, manifest, "--strict")[0] == 1


def test_domain_not_listed_fails(cli: Invoke, release: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "www.maichetong.com.cn", "shop.example.com")
    code, report = gate_json(cli, manifest)
    assert code == 1
    failed = [f for f in by_check(report)["scope"] if f["verdict"] == "fail"]
    assert failed[0]["data"]["location"]["line"] == 4


def test_excluded_service_fails(cli: Invoke, release: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "services: [经营类电子商务,", "services: [信息即时交互服务,")
    code, report = gate_json(cli, manifest)
    assert code == 1
    assert by_check(report)["business"][0]["data"]["status"] == "excluded"


def test_unknown_service_is_exit_2_with_the_report(cli: Invoke, release: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "services: [经营类电子商务,", "services: [ecomerce,")
    code, report = gate_json(cli, manifest)
    assert code == 2
    message = str(by_check(report)["business"][0]["message"])
    assert "unknown service 'ecomerce'; did you mean" in message and "e-commerce" in message


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>许可证 渝B2-20210467</p>", None),
        ("<p>许可证 渝Ｂ２－２０２１０４６７</p>", None),
        ("<p>许可证 渝B2 – 2021 0467</p>", None),
        ("<p>渝B2-<b>20210467</b></p>", None),
        ("<!-- 渝B2-20210467 --><p>hello</p>", "a comment"),
        ("<script>var n = '渝B2-20210467';</script>", "<script>"),
        ("<style>/* 渝B2-20210467 */</style>", "<style>"),
        ("<div hidden><p>渝B2-20210467</p></div>", "<div hidden>"),
        ('<p style="display: none">渝B2-20210467</p>', "display: none"),
        ('<span aria-hidden="true">渝B2-20210467</span>', "aria-hidden"),
        ("<p>渝B2-20210468</p>", "not in the visible text"),
    ],
)
def test_licence_number_must_be_visible(cli: Invoke, release: Path, html: str, expected: str | None) -> None:
    (release / "dist" / "index.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    code, report = gate_json(cli, release / "licencecheck.yaml")
    finding = by_check(report)["licence-number-display"][0]
    if expected is None:
        assert finding["verdict"] == "pass", finding["message"]
    else:
        assert finding["verdict"] == "fail" and code == 1
        assert expected in str(finding["message"]) and "dist/index.html" in str(finding["message"])


def test_advert_must_also_name_the_company(cli: Invoke, release: Path) -> None:
    (release / "dist" / "ads" / "spring.html").write_text("<p>渝B2-20210467</p>", encoding="utf-8")
    code, report = gate_json(cli, release / "licencecheck.yaml")
    finding = by_check(report)["advert-disclosure"][0]
    assert code == 1 and finding["clause"] == "十六(四)"
    assert "company-name 重庆万象优车科技有限公司 is not in the visible text" in str(finding["message"])


def test_short_data_retention_fails(cli: Invoke, release: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "data_retention_days: 400", "data_retention_days: 364")
    code, report = gate_json(cli, manifest)
    assert code == 1
    finding = by_check(report)["data-retention"][0]
    assert finding["data"]["required_days"] == 365 and finding["clause"] == "十五(三)"


def test_overdue_records_fail(cli: Invoke, release: Path) -> None:
    records = release / "compliance" / "records.yaml"
    edit(records, "  - {obligation: annual-report, year: 2025, filed_on: 2025-03-12}\n", "")
    code, report = gate_json(cli, release / "licencecheck.yaml")
    assert code == 1
    assert by_check(report)["records"][0]["subject"] == "annual-report (2025)"


def test_junit_parses_and_distinguishes_failures_and_warnings(cli: Invoke, release: Path, tmp_path: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "release_date: 2026-06-01", "release_date: 2026-10-01")
    edit(manifest, "records: compliance/records.yaml\n", "")
    edit(manifest, "www.maichetong.com.cn", "shop.example.com")
    junit = tmp_path / "junit.xml"
    run = cli("gate", str(manifest), "--format", "junit", "--output", str(junit))
    assert run.exit_code == 1 and run.stdout == ""
    suite = ElementTree.parse(junit).getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert int(suite.get("tests", "0")) == len(cases) and int(suite.get("failures", "0")) == 1
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["shop.example.com"]
    warned = [c for c in cases if c.find("system-out") is not None]
    assert warned and "WARNING" in (warned[0].findtext("system-out") or "")
    strict = tmp_path / "strict.xml"
    cli("gate", str(manifest), "--format", "junit", "--output", str(strict), "--strict")
    types = {f.get("type") for f in ElementTree.parse(strict).getroot().iter("failure")}
    assert types == {"failure", "warning"}


def test_sarif_has_required_fields_and_manifest_lines(cli: Invoke, release: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "www.maichetong.com.cn", "shop.example.com")
    run = cli("gate", str(manifest), "--format", "sarif")
    sarif = json.loads(run.stdout)
    assert sarif["version"] == "2.1.0" and "$schema" in sarif
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "licencecheck"
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert "显著位置标明经营许可证编号" in rules["licence-number-display"]["help"]["text"]
    errors = [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    assert len(errors) == 1
    location = errors[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("licencecheck.yaml")
    assert location["region"]["startLine"] == 4
    for result in sarif["runs"][0]["results"]:
        assert {"ruleId", "message", "locations", "level"} <= set(result)
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_github_annotations(cli: Invoke, release: Path) -> None:
    manifest = release / "licencecheck.yaml"
    edit(manifest, "www.maichetong.com.cn", "shop.example.com")
    run = cli("gate", str(manifest), "--format", "github")
    lines = run.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 1
    assert f"::error file={manifest},line=4," in errors[0]
    assert ",line=4," in errors[0] and "::shop.example.com is not listed" in errors[0]
    assert lines[-1].startswith("::notice title=licencecheck gate::failed")


def test_github_annotations_escape_the_file_property(cli: Invoke, tmp_path: Path) -> None:
    release = tmp_path / "a:b,c"
    shutil.copytree(EXAMPLE, release)
    manifest = release / "licencecheck.yaml"
    edit(manifest, "www.maichetong.com.cn", "shop.example.com")
    errors = [line for line in cli("gate", str(manifest), "-f", "github").stdout.splitlines() if "::error" in line]
    escaped = str(manifest).replace(":", "%3A").replace(",", "%2C")
    assert errors and errors[0].startswith(f"::error file={escaped},line=4,")


def test_several_outputs_in_one_run(cli: Invoke, release: Path, tmp_path: Path) -> None:
    junit, sarif = tmp_path / "j.xml", tmp_path / "s.sarif"
    run = cli(
        "gate",
        str(release / "licencecheck.yaml"),
        "--format",
        "text",
        "--format",
        "junit",
        "--output",
        str(junit),
        "--format",
        "sarif",
        "--output",
        str(sarif),
    )
    assert run.exit_code == 0
    assert "OK: 9 passed" in run.stdout
    ElementTree.parse(junit)
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["j.xml", "s.sarif"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "text", "--format", "json"], "give one --output per --format"),
        (["--format", "junit", "--output", "a.xml", "--output", "b.xml"], "give one --output per --format"),
    ],
)
def test_bad_format_output_pairs(cli: Invoke, args: list[str], message: str) -> None:
    run = cli("gate", str(EXAMPLE / "licencecheck.yaml"), *args)
    assert run.exit_code == 2 and message in run.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "gate manifest is empty"),
        ("licence: 渝B2-20210467\n", "declares none of domains, services, pages"),
        ("domains: [autoengine.com]\nsurprise: 1\n", "surprise: unknown key"),
        ("licence: 京B2-20190249\ndomains: [autoengine.com]\n", "the manifest is for licence 京B2-20190249"),
        ("pages: [missing.html]\n", "page file not found"),
        ("pages: ['nothing/*.html']\n", "matches no file"),
        ("domains: autoengine.com\n", "Input should be a valid list"),
    ],
)
def test_fail_closed(cli: Invoke, tmp_path: Path, content: str, message: str) -> None:
    manifest = tmp_path / "licencecheck.yaml"
    manifest.write_text(content, encoding="utf-8")
    run = cli("gate", str(manifest))
    assert run.exit_code == 2
    assert message in run.stderr
    assert run.stdout == ""


def test_missing_manifest(cli: Invoke, tmp_path: Path) -> None:
    run = cli("gate", str(tmp_path / "licencecheck.yaml"))
    assert run.exit_code == 2 and "manifest not found" in run.stderr


def test_json_manifest_is_accepted(cli: Invoke, release: Path) -> None:
    manifest = release / "manifest.json"
    manifest.write_text(json.dumps({"release_date": "2026-06-01", "domains": ["autoengine.com"]}), encoding="utf-8")
    assert cli("gate", str(manifest)).exit_code == 0


def test_pre_commit_hook_is_declared() -> None:
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "licencecheck-gate" and hooks[0]["entry"] == "licencecheck gate"
