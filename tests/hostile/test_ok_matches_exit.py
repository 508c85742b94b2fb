"""Family 4: in every command and format, `ok` is true exactly when the exit code is 0, and every
input appears in the report (an unknown term is a finding with verdict error, not left out)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import Invoke

from .helpers import EXAMPLE, copy_release

RUNS = [
    ["business", "e-commerce", "no-such-service", "--on", "2026-06-01"],
    ["business", "no-such-service", "--on", "2026-06-01"],
    ["business", "e-commerce", "--on", "2026-06-01"],
    ["business", "e-commerce", "--on", "2026-11-28"],
    ["business", "   ", "--on", "2026-06-01"],
    ["scope", "maichetong.com.cn", "exa mple", "--on", "2026-06-01"],
    ["scope", "maichetong.com.cn", "--on", "2026-06-01"],
    ["scope", "example.org", "--on", "2026-06-01"],
    ["validity", "--on", "2026-06-01"],
    ["validity", "--on", "2026-09-01", "--strict"],
    ["validity", "--on", "2030-01-01"],
    ["deadlines", "--on", "2026-06-01"],
    ["validate", "data/licence_yu_B2_20210467.yaml", "/nonexistent.yaml"],
    ["validate", "data/licence_yu_B2_20210467.yaml"],
    ["validate", "tests/examples/licence/invalid/bad_number.yaml"],
]


@pytest.mark.parametrize("argv", RUNS, ids=[" ".join(a) for a in RUNS])
def test_json_ok_is_exit_zero(argv: list[str], cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import REPO

    monkeypatch.chdir(REPO)
    run = cli(*argv, "--format", "json")
    report = json.loads(run.stdout)
    assert report["ok"] is (run.exit_code == 0), run.stdout
    if run.exit_code == 2:
        assert any(f["verdict"] == "error" for f in report["findings"])


def test_an_unknown_term_is_in_the_report(cli: Invoke) -> None:
    run = cli("business", "e-commerce", "no-such-service", "--on", "2026-06-01", "--format", "json")
    assert run.exit_code == 2
    report = json.loads(run.stdout)
    subjects = {f["subject"]: f for f in report["findings"]}
    assert subjects["no-such-service"]["verdict"] == "error"
    assert subjects["no-such-service"]["data"]["status"] == "unknown"
    assert report["summary"] == {"pass": 1, "warn": 0, "fail": 0, "error": 1}
    text = cli("business", "e-commerce", "no-such-service", "--on", "2026-06-01")
    assert "ERROR" in text.stdout and "no-such-service" in text.stdout and "NOT OK" in text.stdout
    assert "OK: 1 passed" not in text.stdout.replace("NOT OK", "")


@pytest.mark.parametrize(
    "broken", ["domains: [www.maichetong.com.cn, 'exa mple']", "services: [经营类电子商务, 火星快递]"]
)
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "text", "github"])
def test_gate_ok_follows_the_exit_code(broken: str, fmt: str, tmp_path: Path, cli: Invoke) -> None:
    release = copy_release(tmp_path)
    manifest = release / "licencecheck.yaml"
    text = manifest.read_text(encoding="utf-8")
    key = broken.split(":", maxsplit=1)[0]
    line = next(line for line in text.splitlines() if line.startswith(f"{key}:"))
    manifest.write_text(text.replace(line, broken), encoding="utf-8")
    run = cli("gate", str(manifest), "--format", fmt)
    assert run.exit_code == 2
    if fmt == "json":
        assert json.loads(run.stdout)["ok"] is False
    elif fmt == "sarif":
        assert json.loads(run.stdout)["runs"][0]["properties"]["ok"] is False
    elif fmt == "junit":
        suite = ElementTree.fromstring(run.stdout).find("testsuite")
        assert suite is not None and suite.get("errors") == "1"
    elif fmt == "github":
        assert "::notice title=licencecheck gate::failed" in run.stdout
    else:
        assert "NOT OK" in run.stdout


def test_the_example_gate_is_ok(cli: Invoke) -> None:
    run = cli("gate", str(EXAMPLE / "licencecheck.yaml"), "--format", "json")
    assert run.exit_code == 0 and json.loads(run.stdout)["ok"] is True
