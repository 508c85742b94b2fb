"""business: one test per verdict kind, aliases, normalisation, suggestions, --list."""

from __future__ import annotations

import json
from datetime import date

import pytest

from licencecheck.catalogue import load_catalogue
from licencecheck.checks.business import (
    BROADER,
    EXCLUDED,
    NEEDS_APPROVAL,
    NOT_LICENSED,
    PERMITTED,
    BusinessIndex,
    check_term,
)
from licencecheck.datafiles import load_licence
from licencecheck.report import Verdict

from .conftest import Invoke

IN_FORCE = "2026-06-01"


def status_of(cli: Invoke, term: str, on: str = IN_FORCE) -> tuple[int, dict[str, object]]:
    run = cli("business", term, "--on", on, "--format", "json")
    report = json.loads(run.stdout)
    return run.exit_code, report["findings"][0]["data"]


@pytest.mark.parametrize(
    ("term", "status", "code"),
    [
        ("经营类电子商务", PERMITTED, 0),
        ("e-commerce", PERMITTED, 0),
        ("信息发布平台和递送服务", PERMITTED, 0),
        ("信息社区平台服务", PERMITTED, 0),
        ("信息社区服务", PERMITTED, 0),
        ("信息保护和加工处理服务", PERMITTED, 0),
        ("publishing", PERMITTED, 0),
        ("community", PERMITTED, 0),
        ("网络借贷信息中介类的互联网金融", EXCLUDED, 1),
        ("p2p-lending", EXCLUDED, 1),
        ("信息搜索查询服务", EXCLUDED, 1),
        ("search", EXCLUDED, 1),
        ("instant-messaging", EXCLUDED, 1),
        ("B21", BROADER, 1),
        ("b25", BROADER, 1),
        ("信息服务业务", BROADER, 1),
        ("internet-information", BROADER, 1),
        ("B11", NOT_LICENSED, 1),
        ("idc", NOT_LICENSED, 1),
        ("cdn", NOT_LICENSED, 1),
        ("isp", NOT_LICENSED, 1),
        ("B22", NOT_LICENSED, 1),
        ("call-centre", NOT_LICENSED, 1),
        ("B24-1", NOT_LICENSED, 1),
        ("固定网电话信息服务", NEEDS_APPROVAL, 1),
        ("互联网新闻信息服务", NEEDS_APPROVAL, 1),
    ],
)
def test_verdicts(cli: Invoke, term: str, status: str, code: int) -> None:
    exit_code, data = status_of(cli, term)
    assert (data["status"], exit_code) == (status, code)


def test_broader_names_the_permitted_parts(cli: Invoke) -> None:
    _, data = status_of(cli, "互联网信息服务")
    assert data["permitted_parts"] == ["信息发布平台和递送服务", "信息社区平台服务", "信息保护和处理服务"]
    _, data = status_of(cli, "B21")
    assert data["permitted_parts"] == ["经营类电子商务（不含网络借贷信息中介类的互联网金融业务）"]


def test_needs_approval_quotes_the_clause(cli: Invoke) -> None:
    run = cli("business", "固定网电话信息服务", "--on", IN_FORCE, "--format", "json")
    finding = json.loads(run.stdout)["findings"][0]
    assert finding["clause"] == "特别规定事项 十六(二)" and "未经批准" in finding["message"]


def test_permitted_lists_the_provisions_that_apply(cli: Invoke) -> None:
    _, data = status_of(cli, "publishing")
    clauses = [p["clause"] for p in data["provisions"]]  # type: ignore[union-attr]
    assert "十六(十)" in clauses and "十六(十一)" in clauses and "十六(四)" in clauses
    assert "十六(十三)" not in clauses and "十六(十二)" not in clauses
    _, data = status_of(cli, "community")
    assert "十六(十三)" in [p["clause"] for p in data["provisions"]]  # type: ignore[union-attr]


def test_permitted_term_fails_when_the_licence_is_not_in_force(cli: Invoke) -> None:
    exit_code, data = status_of(cli, "经营类电子商务", on="2026-11-28")
    assert (exit_code, data["status"]) == (1, "not-in-force")
    report = json.loads(cli("business", "e-commerce", "--on", "2026-11-28", "--format", "json").stdout)
    assert "expired on 2026-10-20" in report["findings"][0]["message"]


@pytest.mark.parametrize("term", ["  b21 ", "Ｂ２１", "\u3000B21\u3000", "E-COMMERCE", "Publishing"])
def test_input_is_normalised(cli: Invoke, term: str) -> None:
    run = cli("business", term, "--on", IN_FORCE, "--format", "json")
    assert run.exit_code in {0, 1}
    assert json.loads(run.stdout)["findings"][0]["data"]["entry"]["id"] in {"B21", "e-commerce", "publishing"}


def test_full_width_brackets_match_half_width() -> None:
    catalogue = load_catalogue()
    assert catalogue.lookup("网络／电子设备数据处理业务") is catalogue.lookup("网络/电子设备数据处理业务")


def test_unknown_term_suggests_and_exits_2(cli: Invoke) -> None:
    run = cli("business", "ecomerce")
    assert run.exit_code == 2
    assert "did you mean" in run.stderr and "e-commerce" in run.stderr and "--list" in run.stderr


@pytest.mark.parametrize("args", [[""], ["  "], []])
def test_empty_term_exits_2(cli: Invoke, args: list[str]) -> None:
    assert cli("business", *args).exit_code == 2


def test_list_marks_the_tree(cli: Invoke) -> None:
    run = cli("business", "--list", "--on", "2026-06-01")
    assert run.exit_code == 0
    assert "e-commerce: 经营类电子商务" in run.stdout and "✔ permitted" in run.stdout
    assert "✘ excluded by the licence" in run.stdout and "· not licensed" in run.stdout
    entries = json.loads(cli("business", "--list", "--format", "json").stdout)["entries"]
    assert {e["id"]: e["status"] for e in entries}["search"] == EXCLUDED


def test_every_vocabulary_entry_resolves_to_one_verdict_and_all_verdicts_occur() -> None:
    index = BusinessIndex(load_licence(), load_catalogue())
    seen = {index.classify(entry).kind for entry in index.catalogue.entries}
    assert seen == {PERMITTED, EXCLUDED, BROADER, NOT_LICENSED, NEEDS_APPROVAL}
    in_force = date(2026, 6, 1)
    for entry in index.catalogue.entries:
        assert index.catalogue.lookup(entry.id) == entry
        finding = check_term(index, entry.id, entry, in_force)
        expected = Verdict.PASS if index.classify(entry).kind == PERMITTED else Verdict.FAIL
        assert finding.verdict is expected, entry.id
