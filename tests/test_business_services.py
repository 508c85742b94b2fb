"""business: the services users ask about (issue 12, point 6) and `business --list` on a day
(point 7), exactly as a user sees them: on the bundled licence 渝B2-20210467 in force
(2026-06-01) and expired (2026-11-01), and on the cross-regional example licence B1.B2-20180352.

The approvals, authorities and notes are data (data/catalogue_2015.yaml); what a verdict says
after the approval comes from the licence's own clause: 十六(一) asks for 增项 of the licence,
十五(一) only for the approval.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from licencecheck.catalogue import Catalogue, load_catalogue

from .conftest import REPO, Invoke

BUNDLED = str(REPO / "data" / "licence_yu_B2_20210467.yaml")
CROSS = str(REPO / "examples" / "licences" / "cross_regional_B1_B2.yaml")
IN_FORCE = "2026-06-01"
EXPIRED = "2026-11-01"

WORDING = "正文 业务种类（服务项目）及覆盖范围"
YU_AMEND = (
    "then add the service to 渝B2-20210467 (经营许可证增项) with its issuing authority, "
    "重庆市通信管理局 (inferred: not printed on the licence)"
)
CROSS_AMEND = (
    "then add the service to B1.B2-20180352 (经营许可证增项) with its issuing authority, 中华人民共和国工业和信息化部"
)
YU_EXPIRED = "; besides, 渝B2-20210467 is not in force on 2026-11-01 (expired)"
USED_CAR_NOTE = (
    "; note: 《二手车流通管理办法》 asks 二手车交易市场经营者、经销企业和经纪机构 to file (备案) with the provincial "
    "commerce authority (省级商务主管部门) after registration; whether an online marketplace counts as one, and "
    "the filing as the rule stands today, were not checked [unverified]"
)
B21_PROVISIONS = "十五、十五(一)、十五(二)、十五(三)、十五(四)、十五(五)、十五(六)、十五(七)"

# The sector approvals under 十六(一) (十七(一) on the cross-regional licence): term -> label, approval text.
CONTENT_APPROVALS = {
    "网络视听节目服务": (
        "网络视听节目服务 (online-audiovisual)",
        "信息网络传播视听节目许可证 from 国家广播电视总局 (《互联网视听节目服务管理规定》)",
    ),
    "网络文化经营": (
        "网络文化经营 (online-culture)",
        "网络文化经营许可证 from 省级文化和旅游行政部门 (《互联网文化管理暂行规定》)",
    ),
    "互联网宗教信息服务": (
        "互联网宗教信息服务 (internet-religious-information)",
        "互联网宗教信息服务许可证 from 省级人民政府宗教事务部门 (《互联网宗教信息服务管理办法》)",
    ),
    "互联网新闻信息服务": (
        "互联网新闻信息服务 (internet-news)",
        "互联网新闻信息服务许可证 from 国家互联网信息办公室（地方新闻单位：省级网信办） "
        "(《互联网新闻信息服务管理规定》)",
    ),
    "网络出版服务": (
        "网络出版服务 (online-publishing)",
        "网络出版服务许可证 from 国家新闻出版署（经省级出版行政主管部门） (《网络出版服务管理规定》)",
    ),
    "互联网药品信息服务": (
        "互联网药品信息服务 (internet-drug-information)",
        "互联网药品信息服务资格证书 from 省级药品监督管理部门 (《互联网药品信息服务管理办法》)",
    ),
}
RIDE_HAILING = (
    "网络预约出租汽车经营服务 (ride-hailing) needs separate approval: clause 十五(一) requires the approval of the "
    "competent authority: 网络预约出租汽车经营许可证 from 企业注册地的出租汽车行政主管部门 "
    "(《网络预约出租汽车经营服务管理暂行办法》); the clause asks for no change to the licence"
)


def finding(cli: Invoke, term: str, on: str, licence: str = BUNDLED) -> tuple[int, dict[str, Any]]:
    run = cli("business", term, "--licence", licence, "--on", on, "--format", "json")
    report = json.loads(run.stdout)
    assert report["ok"] is (run.exit_code == 0)
    (found,) = report["findings"]
    return run.exit_code, found


def expired_message(cli: Invoke) -> str:
    """What `validity` says of the bundled licence on the expired day (its wording is validity's)."""
    run = cli("validity", "--licence", BUNDLED, "--on", EXPIRED, "--format", "json")
    message: str = json.loads(run.stdout)["findings"][0]["message"]
    return message


# ----------------------------------------------------------------------------- the bundled licence, in force


def content_approval_cases(amend: str, clause: str, suffix: str = "") -> list[tuple[str, str, str]]:
    return [
        (
            term,
            f"{label} needs separate approval: two steps under clause {clause}: first {approval}; {amend}{suffix}",
            clause,
        )
        for term, (label, approval) in CONTENT_APPROVALS.items()
    ]


NOT_LICENSED_ON_BOTH = [
    (
        "移动网信息服务",
        "not-licensed",
        "移动网信息服务 (mobile-network-information) is not licensed: B25 is granted only for 互联网信息服务",
        WORDING,
    ),
    (
        "互联网资源协作服务",
        "not-licensed",
        "互联网资源协作服务 (B11-resource-collaboration) is not licensed: no grant of the licence covers it",
        WORDING,
    ),
]
"""Services that neither the bundled nor the cross-regional licence holds, in the same words."""


@pytest.mark.parametrize(
    ("term", "status", "message", "clause"),
    [
        *NOT_LICENSED_ON_BOTH,
        *[
            (term, "needs-approval", message, f"特别规定事项 {clause}")
            for term, message, clause in content_approval_cases(YU_AMEND, "十六(一)")
        ],
        ("网络预约出租汽车", "needs-approval", RIDE_HAILING, "特别规定事项 十五(一)"),
        (
            "二手车交易市场",
            "permitted",
            "二手车交易市场 (used-car-marketplace) is permitted (coverage 重庆市): "
            f"within B21 在线数据处理与交易处理业务; provisions that apply: {B21_PROVISIONS}{USED_CAR_NOTE}",
            WORDING,
        ),
        (
            "交易处理业务",
            "broader-than-grant",
            "交易处理业务 (B21-transaction) is broader than the grant (B21 is granted only for "
            "经营类电子商务（不含网络借贷信息中介类的互联网金融业务）); permitted parts: "
            "经营类电子商务（不含网络借贷信息中介类的互联网金融业务）",
            WORDING,
        ),
        (
            "固定网电话信息服务",
            "needs-approval",
            "固定网电话信息服务 (fixed-network-information) needs separate approval: clause 十六(二): "
            "未经批准，你公司不得开展固定网电话信息服务业务。",
            "特别规定事项 十六(二)",
        ),
    ],
)
def test_bundled_licence_in_force(cli: Invoke, term: str, status: str, message: str, clause: str) -> None:
    code, found = finding(cli, term, IN_FORCE)
    assert (found["verdict"], found["data"]["status"], code) == (
        ("pass", status, 0) if status == "permitted" else ("fail", status, 1)
    )
    assert found["message"] == message
    assert found["clause"] == clause
    assert found["licence"] == "渝B2-20210467"


@pytest.mark.parametrize(
    ("term", "entry_id"),
    [
        ("移动网信息服务业务", "mobile-network-information"),
        ("mobile-network-information", "mobile-network-information"),
        ("resource-collaboration", "B11-resource-collaboration"),
        ("互联网视听节目服务", "online-audiovisual"),
        ("audiovisual", "online-audiovisual"),
        ("经营性互联网文化活动", "online-culture"),
        ("网约车", "ride-hailing"),
        ("ride-hailing", "ride-hailing"),
        ("网络预约出租汽车经营服务", "ride-hailing"),
        ("二手车交易平台", "used-car-marketplace"),
        ("二手车网络交易平台", "used-car-marketplace"),
        ("used-car marketplace", "used-car-marketplace"),
        ("Used-Car-Marketplace", "used-car-marketplace"),
    ],
)
def test_the_names_users_type_resolve(cli: Invoke, term: str, entry_id: str) -> None:
    _, found = finding(cli, term, IN_FORCE)
    assert found["data"]["entry"]["id"] == entry_id


def test_an_approval_in_json_names_both_steps(cli: Invoke) -> None:
    _, found = finding(cli, "online-audiovisual", IN_FORCE)
    data = found["data"]
    assert {key: data[key] for key in ("approval", "approval_authority", "approval_regulation")} == {
        "approval": "信息网络传播视听节目许可证",
        "approval_authority": "国家广播电视总局",
        "approval_regulation": "《互联网视听节目服务管理规定》",
    }
    assert data["approval_unverified"] is False
    assert data["licence_amendment"] == {
        "licence": "渝B2-20210467",
        "authority": "重庆市通信管理局 (inferred: not printed on the licence)",
    }
    assert data["grant"] == "B25"


def test_the_b21_approval_clause_asks_for_no_amendment(cli: Invoke) -> None:
    _, found = finding(cli, "网约车", IN_FORCE)
    assert found["data"]["approval"] == "网络预约出租汽车经营许可证"
    assert found["data"]["approval_authority"] == "企业注册地的出租汽车行政主管部门"
    assert found["data"]["licence_amendment"] is None
    assert found["data"]["grant"] == "B21"
    assert "增项" not in found["message"]


def test_the_used_car_marketplace_is_e_commerce_with_an_unverified_note(cli: Invoke) -> None:
    _, found = finding(cli, "used-car marketplace", IN_FORCE)
    data = found["data"]
    assert (data["entry"]["parent"], data["grant"], data["status"]) == ("e-commerce", "B21", "permitted")
    assert data["note"]["unverified"] is True
    assert data["note"]["text"].startswith("《二手车流通管理办法》 asks")
    assert [p["clause"] for p in data["provisions"]] == B21_PROVISIONS.split("、")


def test_transaction_processing_as_a_whole_is_not_permitted(cli: Invoke) -> None:
    """交易处理业务 is broader than the grant (仅限经营类电子商务, a part of it): it fails, whatever the day."""
    for on in (IN_FORCE, EXPIRED):
        code, found = finding(cli, "transaction-processing", on)
        assert (code, found["verdict"], found["data"]["status"]) == (1, "fail", "broader-than-grant")
        assert found["data"]["permitted_parts"] == ["经营类电子商务（不含网络借贷信息中介类的互联网金融业务）"]


# ----------------------------------------------------------------------------- the bundled licence, expired


@pytest.mark.parametrize(
    ("term", "message", "clause"),
    [
        *[
            (term, message, f"特别规定事项 {clause}")
            for term, message, clause in content_approval_cases(YU_AMEND, "十六(一)", YU_EXPIRED)
        ],
        ("网络预约出租汽车", RIDE_HAILING + YU_EXPIRED, "特别规定事项 十五(一)"),
        (
            "固定网电话信息服务",
            "固定网电话信息服务 (fixed-network-information) needs separate approval: clause 十六(二): "
            "未经批准，你公司不得开展固定网电话信息服务业务。" + YU_EXPIRED,
            "特别规定事项 十六(二)",
        ),
    ],
)
def test_bundled_licence_expired_approvals_say_so(cli: Invoke, term: str, message: str, clause: str) -> None:
    code, found = finding(cli, term, EXPIRED)
    assert (code, found["verdict"], found["data"]["status"]) == (1, "fail", "needs-approval")
    assert (found["message"], found["clause"]) == (message, clause)


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (
            "移动网信息服务",
            "移动网信息服务 (mobile-network-information) is not licensed: B25 is granted only for 互联网信息服务",
        ),
        (
            "互联网资源协作服务",
            "互联网资源协作服务 (B11-resource-collaboration) is not licensed: no grant of the licence covers it",
        ),
    ],
)
def test_bundled_licence_expired_not_licensed_is_unchanged(cli: Invoke, term: str, message: str) -> None:
    code, found = finding(cli, term, EXPIRED)
    assert (code, found["data"]["status"], found["message"]) == (1, "not-licensed", message)


def test_the_used_car_marketplace_on_an_expired_licence(cli: Invoke) -> None:
    code, found = finding(cli, "二手车交易市场", EXPIRED)
    assert (code, found["verdict"], found["data"]["status"]) == (1, "fail", "not-in-force")
    assert found["message"] == (
        "二手车交易市场 (used-car-marketplace) is within B21 在线数据处理与交易处理业务, but on 2026-11-01: "
        f"{expired_message(cli)}{USED_CAR_NOTE}"
    )
    assert found["clause"] == f"{WORDING}; 正文 发证日期、有效期限"


# ----------------------------------------------------------------------------- the cross-regional licence


@pytest.mark.parametrize("on", [IN_FORCE, EXPIRED])
@pytest.mark.parametrize(
    ("term", "status", "message", "clause"),
    [
        *NOT_LICENSED_ON_BOTH,
        *[
            (term, "needs-approval", message, f"特别规定事项 {clause}")
            for term, message, clause in content_approval_cases(CROSS_AMEND, "十七(一)")
        ],
        (
            "网络预约出租汽车",
            "not-licensed",
            "网络预约出租汽车经营服务 (ride-hailing) is not licensed: no grant of the licence covers it",
            WORDING,
        ),
        (
            "二手车交易市场",
            "not-licensed",
            "二手车交易市场 (used-car-marketplace) is not licensed: no grant of the licence covers it",
            WORDING,
        ),
        (
            "固定网电话信息服务",
            "needs-approval",
            "固定网电话信息服务 (fixed-network-information) needs separate approval: clause 十七(二): "
            "未经批准，你公司不得开展固定网电话信息服务业务。",
            "特别规定事项 十七(二)",
        ),
    ],
)
def test_cross_regional_licence(cli: Invoke, term: str, status: str, message: str, clause: str, on: str) -> None:
    """In force on both days (2023-06-12 to 2028-06-11): the same answers."""
    code, found = finding(cli, term, on, CROSS)
    assert (code, found["verdict"], found["data"]["status"]) == (1, "fail", status)
    assert (found["message"], found["clause"], found["licence"]) == (message, clause, "B1.B2-20180352")


def test_cross_regional_amendment_goes_to_the_printed_authority(cli: Invoke) -> None:
    _, found = finding(cli, "网络文化经营", IN_FORCE, CROSS)
    assert found["data"]["licence_amendment"] == {
        "licence": "B1.B2-20180352",
        "authority": "中华人民共和国工业和信息化部",
    }


# ----------------------------------------------------------------------------- business --list on the day


def listing(cli: Invoke, *args: str) -> tuple[int, dict[str, Any]]:
    run = cli("business", "--list", *args, "--format", "json")
    return run.exit_code, json.loads(run.stdout)


PERMITTED_ON_THE_BUNDLED = ["e-commerce", "used-car-marketplace", "publishing", "community", "information-protection"]


def test_list_in_force(cli: Invoke) -> None:
    code, report = listing(cli, "--licence", BUNDLED, "--on", IN_FORCE)
    assert (code, report["ok"], report["on"]) == (0, True, IN_FORCE)
    statuses = {entry["id"]: entry["status"] for entry in report["entries"]}
    assert [key for key, status in statuses.items() if status == "permitted"] == PERMITTED_ON_THE_BUNDLED
    assert "not-in-force" not in statuses.values()
    assert {key: statuses[key] for key in ("mobile-network-information", "ride-hailing", "online-audiovisual")} == {
        "mobile-network-information": "not-licensed",
        "ride-hailing": "needs-approval",
        "online-audiovisual": "needs-approval",
    }
    (state,) = report["findings"]
    assert (state["check"], state["verdict"], state["data"]["state"]) == ("validity", "pass", "in-force")
    assert report["summary"] == {"pass": 1, "warn": 0, "fail": 0, "error": 0}


def test_list_expired_fails_and_marks_permitted_entries_not_in_force(cli: Invoke) -> None:
    code, report = listing(cli, "--licence", BUNDLED, "--on", EXPIRED)
    assert (code, report["ok"], report["on"]) == (1, False, EXPIRED)
    statuses = {entry["id"]: entry["status"] for entry in report["entries"]}
    assert [key for key, status in statuses.items() if status == "not-in-force"] == PERMITTED_ON_THE_BUNDLED
    assert "permitted" not in statuses.values()
    assert (statuses["search"], statuses["internet-news"]) == ("excluded", "needs-approval")
    (state,) = report["findings"]
    assert (state["check"], state["verdict"], state["data"]["state"]) == ("validity", "fail", "expired")
    assert state["message"] == expired_message(cli)


def test_list_text_on_an_expired_day(cli: Invoke) -> None:
    run = cli("business", "--list", "--licence", BUNDLED, "--on", EXPIRED, env={"COLUMNS": "160"})
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert lines[0] == "电信业务分类目录 (2015) against 渝B2-20210467 on 2026-11-01"
    assert "✔ permitted" not in run.stdout
    ecommerce = next(line for line in lines if "e-commerce: 经营类电子商务" in line)
    assert ecommerce.endswith("✘ licence not in force (within the grant)")
    assert lines[-1] == "NOT OK: 0 passed, 0 warned, 1 failed"


def test_list_text_in_force(cli: Invoke) -> None:
    run = cli("business", "--list", "--licence", BUNDLED, "--on", IN_FORCE)
    assert run.exit_code == 0
    assert "e-commerce: 经营类电子商务 (e-commerce, ecommerce)  ✔ permitted" in run.stdout
    assert run.stdout.splitlines()[-1] == "OK: 1 passed, 0 warned, 0 failed"


def test_list_in_the_renewal_window_warns_and_fails_only_when_strict(cli: Invoke) -> None:
    code, report = listing(cli, "--licence", BUNDLED, "--on", "2026-09-01")
    assert (code, report["ok"], report["findings"][0]["verdict"]) == (0, True, "warn")
    assert {e["id"]: e["status"] for e in report["entries"]}["e-commerce"] == "permitted"
    code, report = listing(cli, "--licence", BUNDLED, "--on", "2026-09-01", "--strict")
    assert (code, report["ok"], report["strict"]) == (1, False, True)


def test_list_without_on_is_for_today(cli: Invoke) -> None:
    from licencecheck.dates import today

    code, report = listing(cli, "--licence", BUNDLED)
    assert report["on"] == today().isoformat()
    assert report["ok"] is (code == 0)


def test_list_of_a_portfolio_follows_every_licence(cli: Invoke) -> None:
    code, report = listing(cli, "--licence", BUNDLED, "--licence", CROSS, "--on", EXPIRED)
    assert (code, report["ok"]) == (1, False)
    assert [(f["licence"], f["verdict"]) for f in report["findings"]] == [
        ("渝B2-20210467", "fail"),
        ("B1.B2-20180352", "pass"),
    ]
    entries = {entry["id"]: entry for entry in report["entries"]}
    assert (entries["publishing"]["status"], entries["publishing"]["licence"]) == ("permitted", "B1.B2-20180352")
    assert (entries["e-commerce"]["status"], entries["e-commerce"]["licence"]) == ("not-in-force", "渝B2-20210467")
    assert entries["e-commerce"]["licences"] == [
        {"licence": "渝B2-20210467", "status": "not-in-force"},
        {"licence": "B1.B2-20180352", "status": "not-licensed"},
    ]
    code, report = listing(cli, "--licence", BUNDLED, "--licence", CROSS, "--on", IN_FORCE)
    assert (code, report["ok"]) == (0, True)


# ----------------------------------------------------------------------------- the catalogue data


def test_every_approval_names_its_authority_and_rule() -> None:
    catalogue = load_catalogue()
    approvals = [entry for entry in catalogue.entries if entry.kind == "approval"]
    assert {entry.id for entry in approvals} == {
        "ride-hailing",
        "internet-news",
        "online-publishing",
        "internet-drug-information",
        "online-audiovisual",
        "online-culture",
        "internet-religious-information",
    }
    assert all(entry.approval and entry.authority and entry.regulation for entry in approvals)


def catalogue_with(entry: dict[str, Any]) -> Catalogue:
    return Catalogue.model_validate(
        {"schema_version": 1, "entries": [{"id": "B25", "name": "信息服务业务", "kind": "service"}, entry]}
    )


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"id": "x", "name": "甲", "kind": "approval", "parent": "B25"}, "exactly for entries of kind approval"),
        ({"id": "x", "name": "甲", "kind": "type", "parent": "B25", "approval": "乙证"}, "exactly for entries"),
        ({"id": "x", "name": "甲", "kind": "approval", "parent": "B25", "approval": "乙证"}, "needs the `authority`"),
        ({"id": "x", "name": "甲", "kind": "type", "parent": "B25", "authority": "丙"}, "belong to an approval"),
        ({"id": "x", "name": "甲", "kind": "type", "parent": "B25", "unverified": True}, "it has neither"),
        ({"id": "x", "name": "甲", "kind": "activity"}, "sits under the entry"),
        ({"id": "x", "name": "甲", "kind": "type", "parent": "B25", "note": "丁", "remark": "戊"}, "remark"),
    ],
)
def test_the_entry_model_refuses_inconsistent_entries(entry: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        catalogue_with(entry)


def test_a_note_and_an_approval_validate() -> None:
    catalogue = catalogue_with(
        {
            "id": "x",
            "name": "甲",
            "kind": "approval",
            "parent": "B25",
            "approval": "乙证",
            "authority": "丙",
            "unverified": True,
        }
    )
    assert catalogue.by_id["x"].approval_text == "乙证 from 丙 [unverified]"
