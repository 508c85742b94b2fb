"""Checks find obligations by the kind of their rule, never by id: a licence whose duties have
other ids, or lacks a kind, works with every command (the gate says what it could not check)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import BUNDLED, REPO, Invoke

KINDS = ["display", "advert-disclosure", "minimum-retention", "before-validity-end", "annual-window", "after-event"]


def licence_without(tmp_path: Path, kinds: set[str], *, rename: bool = False) -> Path:
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    kept = [o for o in data["obligations"] if o["rule"]["kind"] not in kinds]
    if rename:
        for obligation in kept:
            obligation["id"] = "duty-" + obligation["id"][::-1].replace("-", "x")
    data["obligations"] = kept
    path = tmp_path / "licence.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def release_for(tmp_path: Path) -> Path:
    target = tmp_path / "release"
    shutil.copytree(REPO / "examples", target)
    manifest = target / "licencecheck.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("records: compliance/records.yaml\n", ""), "utf-8")
    return manifest


@pytest.mark.parametrize("kind", KINDS)
def test_a_licence_without_a_kind_of_rule_works_everywhere(kind: str, tmp_path: Path, cli: Invoke) -> None:
    licence = licence_without(tmp_path, {kind})
    manifest = release_for(tmp_path)
    for argv in (
        ["gate", str(manifest), "--format", "json"],
        ["validity", "--on", "2026-06-01", "--format", "json"],
        ["deadlines", "--on", "2026-06-01", "--format", "json"],
        ["show", "--on", "2026-06-01", "--format", "json"],
    ):
        run = cli(*argv, "--licence", str(licence))
        assert run.exit_code in (0, 1), (argv, run.stderr)
        json.loads(run.stdout)
    report = json.loads(cli("gate", str(manifest), "--format", "json", "--licence", str(licence)).stdout)
    checks = {f["check"] for f in report["findings"]}
    if kind in {"display", "advert-disclosure", "minimum-retention"}:
        assert any(kind in note and "not checked" in note for note in report["notes"]), report["notes"]
    if kind == "display":
        assert "licence-number-display" not in checks


def test_other_ids_same_kinds_same_verdicts(tmp_path: Path, cli: Invoke) -> None:
    licence = licence_without(tmp_path, set(), rename=True)
    manifest = release_for(tmp_path)
    renamed = json.loads(cli("gate", str(manifest), "-f", "json", "--licence", str(licence)).stdout)
    original = json.loads(cli("gate", str(manifest), "-f", "json").stdout)
    assert renamed["ok"] is original["ok"] is True
    assert [f["verdict"] for f in renamed["findings"]] == [f["verdict"] for f in original["findings"]]
    validity = json.loads(cli("validity", "--on", "2026-09-01", "-f", "json", "--licence", str(licence)).stdout)
    assert validity["findings"][0]["data"]["renewal_deadline"] == "2026-07-22"
