"""The bundled licence data against the licence text it encodes."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from licencecheck.datafiles import load_licence
from licencecheck.models import (
    AdvertDisclosure,
    AfterEvent,
    AnnualWindow,
    BeforeValidityEnd,
    Display,
    MinimumRetention,
)
from licencecheck.schema import licence_schema

from .conftest import REPO, TESTS

LICENCE_TEXT = (TESTS / "data" / "licence_text_yu_B2_20210467.txt").read_text(encoding="utf-8")
NUMERALS = "一二三四五六七八九十"


def squash(text: str) -> str:
    """Only the words: OCR punctuation and spacing differ from the data's normalised text."""
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "Z", "S")) and not ch.isspace())


def special_provisions_text() -> str:
    body = LICENCE_TEXT.split("## 特别规定事项", 1)[1]
    # Drop the repeated page headers the scan puts between pages.
    return re.sub(r"经营许可证编号[:：]\s*渝B2-20210467|## 特别规定事项", "", body)


def clauses_in_text() -> dict[str, str]:
    """Clause reference → its text, split at 一、… and （一）… markers."""
    body = special_provisions_text()
    pattern = re.compile(rf"(?m)^\s*(?:([{NUMERALS}]+)、|[（(]([{NUMERALS}]+)[)）])")
    marks = list(pattern.finditer(body))
    clauses: dict[str, str] = {}
    current_top = ""
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(body)
        text = body[mark.end() : end]
        if mark.group(1):
            current_top = mark.group(1)
            clauses[current_top] = text
        else:
            clauses[f"{current_top}({mark.group(2)})"] = text
    return clauses


def test_every_clause_of_the_text_is_in_the_data_with_the_same_words() -> None:
    licence = load_licence()
    in_data = {p.clause: p.text for p in licence.provisions}
    in_text = clauses_in_text()
    assert [f"{n}" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]] == list(in_text)[:10]
    assert "十六(十四)" in in_text and "十五(七)" in in_text
    assert set(in_text) == set(in_data)
    for clause, text in in_text.items():
        assert squash(in_data[clause]) == squash(text), clause


def test_facts_of_the_first_page() -> None:
    licence = load_licence()
    assert licence.number == "渝B2-20210467"
    assert (licence.number_parts.province_abbreviation, licence.number_parts.province) == ("渝", "重庆市")
    assert (licence.number_parts.year, licence.number_parts.serial) == (2021, "0467")
    assert licence.holder == "重庆万象优车科技有限公司"
    assert licence.legal_representative == "李飞"
    assert str(licence.validity.issued_on) == "2022-10-31"
    assert str(licence.validity.valid_until) == "2026-10-20"
    authority = licence.issuing_authority
    assert authority.as_printed is None and authority.inferred and authority.inferred_from


def test_grants_are_worded_as_on_the_licence() -> None:
    licence = load_licence()
    b21, b25 = licence.grants
    assert (b21.code, b21.name, b21.limited_to, b21.excluding) == (
        "B21",
        "在线数据处理与交易处理业务",
        ["经营类电子商务"],
        ["网络借贷信息中介类的互联网金融业务"],
    )
    assert (b25.code, b25.name, b25.limited_to, b25.excluding) == (
        "B25",
        "信息服务业务",
        ["互联网信息服务"],
        ["信息搜索查询服务", "信息即时交互服务"],
    )
    for grant in (b21, b25):
        assert grant.conditions == ["依法须经批准的项目，经相关部门批准后方可开展相应经营活动"]
        assert [(w.name, w.domain) for w in grant.websites] == [
            ("卖车通", "maichetong.com.cn"),
            ("四轮引擎", "autoengine.com"),
        ]
        for website in grant.websites:
            assert website.server_location in LICENCE_TEXT and website.access_provider in LICENCE_TEXT


@pytest.mark.parametrize(
    ("obligation_id", "clauses", "rule_type"),
    [
        ("annual-report", ["十四"], AnnualWindow),
        ("renewal-application", ["十二"], BeforeValidityEnd),
        ("local-office-change-report", ["十二"], AfterEvent),
        ("entity-change-application", ["十一"], AfterEvent),
        ("provincial-licence-cancellation", ["十三"], AfterEvent),
        ("illegal-info-report", ["九"], AfterEvent),
        ("security-assessment-report", ["十五(七)", "十六(八)"], AfterEvent),
        ("data-retention", ["十五(三)"], MinimumRetention),
        ("licence-number-display", ["二"], Display),
        ("advert-disclosure", ["十六(四)"], AdvertDisclosure),
    ],
)
def test_obligation_ids_are_the_contract(obligation_id: str, clauses: list[str], rule_type: type) -> None:
    obligation = load_licence().obligation(obligation_id)
    assert obligation.clauses == clauses
    assert isinstance(obligation.rule, rule_type)


def test_rule_amounts_match_the_clause_text() -> None:
    licence = load_licence()
    illegal = licence.obligation("illegal-info-report").rule
    assert isinstance(illegal, AfterEvent) and (illegal.amount, illegal.unit) == (10, "working-days")
    assert "10个工作日" in licence.provision("九").text
    renewal = licence.obligation("renewal-application").rule
    assert isinstance(renewal, BeforeValidityEnd) and (renewal.amount, renewal.unit) == (90, "days")
    assert "提前90日" in licence.provision("十二").text


def test_shipped_schema_file_is_the_generated_one() -> None:
    shipped = json.loads((REPO / "data" / "licence.schema.json").read_text(encoding="utf-8"))
    assert shipped == licence_schema(), "run: licencecheck schema > data/licence.schema.json"
