"""A portfolio: several licences in one run. Which licence covers a domain, permits a service,
owns a deadline, and whose number a page must show; and the ways a portfolio is refused."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import BUNDLED, TESTS, Invoke

CROSS = TESTS.parent / "examples" / "licences" / "cross_regional_B1_B2.yaml"
REGROUPED = TESTS.parent / "examples" / "licences" / "regrouped_B2.yaml"
ON = "2026-06-01"


def both(*args: str) -> list[str]:
    return [*args, "--licence", str(BUNDLED), "--licence", str(CROSS), "--on", ON]


def findings(stdout: str) -> list[dict[str, object]]:
    return list(json.loads(stdout)["findings"])


def test_scope_names_the_licence_that_covers_each_target(cli: Invoke) -> None:
    run = cli(*both("scope", "maichetong.com.cn", "www.yunfancdn.com.cn", "example.com", "--format", "json"))
    assert run.exit_code == 1
    report = json.loads(run.stdout)
    assert report["licence"] == "渝B2-20210467, B1.B2-20180352"
    assert report["licences"] == ["渝B2-20210467", "B1.B2-20180352"]
    got = [(f["subject"], f["verdict"], f["licence"]) for f in report["findings"]]
    assert got == [
        ("maichetong.com.cn", "pass", "渝B2-20210467"),
        ("www.yunfancdn.com.cn", "pass", "B1.B2-20180352"),
        ("example.com", "fail", None),
    ]
    assert "example.com is not listed on 渝B2-20210467, B1.B2-20180352" in report["findings"][2]["message"]


def test_a_domain_listed_on_an_expired_and_a_live_licence_rests_on_the_live_one(cli: Invoke, tmp_path: Path) -> None:
    live = tmp_path / "live.yaml"
    text = CROSS.read_text(encoding="utf-8").replace("domain: yunfancdn.com.cn", "domain: maichetong.com.cn")
    live.write_text(text, encoding="utf-8")
    run = cli("scope", "maichetong.com.cn", "--licence", str(BUNDLED), "--licence", str(live), "--on", "2026-11-01")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "covered by maichetong.com.cn on B1.B2-20180352" in run.stdout


def test_business_says_which_licence_permits_a_service(cli: Invoke) -> None:
    run = cli(*both("business", "经营类电子商务", "cdn", "idc", "--format", "json"))
    assert run.exit_code == 1
    got = [(f["subject"], f["verdict"], f["licence"]) for f in findings(run.stdout)]
    assert got == [
        ("经营类电子商务", "pass", "渝B2-20210467"),
        ("cdn", "pass", "B1.B2-20180352"),
        ("idc", "fail", None),
    ]
    idc = findings(run.stdout)[2]
    assert (
        idc["message"]
        == "互联网数据中心业务 (B11) is not licensed: no grant of 渝B2-20210467, B1.B2-20180352 covers it"
    )


@pytest.mark.parametrize(
    ("region", "code", "verdict"),
    [("北京", 0, "pass"), ("110000", 0, "pass"), ("粤", 0, "pass"), ("四川", 1, "fail"), ("重庆市", 1, "fail")],
)
def test_region_must_be_within_the_grant_coverage(cli: Invoke, region: str, code: int, verdict: str) -> None:
    run = cli(*both("business", "cdn", "--region", region, "--format", "json"))
    assert run.exit_code == code, run.stdout + run.stderr
    (finding,) = findings(run.stdout)
    assert finding["verdict"] == verdict
    if verdict == "fail":
        assert finding["data"]["status"] == "outside-coverage"  # type: ignore[index]
        assert "its coverage is 北京市、上海市、广东省, not" in str(finding["message"])


def test_an_unknown_region_is_refused(cli: Invoke) -> None:
    run = cli(*both("business", "cdn", "--region", "火星"))
    assert run.exit_code == 2
    assert "--region '火星': not a province-level division" in run.stderr


def test_validity_and_deadlines_list_every_licence_by_date(cli: Invoke) -> None:
    run = cli(*both("validity", "--format", "json"))
    assert [f["licence"] for f in findings(run.stdout)] == ["渝B2-20210467", "B1.B2-20180352"]
    run = cli(*both("deadlines", "--format", "json"))
    items = [f for f in findings(run.stdout) if f["check"] == "deadlines"]
    assert {f["licence"] for f in items} == {"渝B2-20210467", "B1.B2-20180352"}
    dues = [f["data"]["due"] for f in items]  # type: ignore[index]
    assert dues == sorted(dues)


def test_the_calendar_holds_every_licence(cli: Invoke) -> None:
    run = cli(*both("deadlines", "--format", "ics"))
    assert "UID:渝B2-20210467/renewal-application/" in run.stdout
    assert "UID:B1.B2-20180352/renewal-application/" in run.stdout


def test_records_go_to_the_licence_they_name(cli: Invoke, tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text("licence: 京B2-20190001\nfilings: []\n", encoding="utf-8")
    run = cli(*both("deadlines", "--records", str(records)))
    assert run.exit_code == 2
    assert "records are for 京B2-20190001, which is not among the licences in use" in run.stderr


def test_a_folder_and_the_environment_give_a_portfolio(cli: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "licences"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "a.yaml")
    shutil.copy(CROSS, folder / "b.yml")
    (folder / "README.txt").write_text("not a licence", encoding="utf-8")
    run = cli("validity", "--licence", str(folder), "--on", ON, "--format", "json")
    assert json.loads(run.stdout)["licences"] == ["渝B2-20210467", "B1.B2-20180352"]
    env = {"LICENCECHECK_LICENCE": f"{BUNDLED}{os.pathsep}{os.pathsep}{REGROUPED}"}
    run = cli("validity", "--on", ON, "--format", "json", env=env)
    assert json.loads(run.stdout)["licences"] == ["渝B2-20210467", "粤B2-20230456"]


def test_the_same_file_twice_counts_once(cli: Invoke) -> None:
    run = cli("validity", "--licence", str(BUNDLED), "--licence", str(BUNDLED.parent / ".." / "data" / BUNDLED.name))
    assert "渝B2-20210467, 渝B2-20210467" not in run.stdout


def test_two_files_with_one_number_are_refused(cli: Invoke, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(BUNDLED, copy)
    run = cli("validity", "--licence", str(BUNDLED), "--licence", str(copy))
    assert run.exit_code == 2
    assert f"{copy}: licence 渝B2-20210467 is also in {BUNDLED}" in run.stderr


def test_an_empty_folder_is_refused(cli: Invoke, tmp_path: Path) -> None:
    run = cli("validity", "--licence", str(tmp_path))
    assert run.exit_code == 2
    assert f"{tmp_path}: a directory with no licence file" in run.stderr


def write_release(tmp_path: Path, manifest: str, pages: dict[str, str]) -> Path:
    shutil.copy(BUNDLED, tmp_path / "yu.yaml")
    shutil.copy(CROSS, tmp_path / "cross.yaml")
    for name, body in pages.items():
        (tmp_path / name).write_text(f"<html><body><footer>{body}</footer></body></html>", encoding="utf-8")
    path = tmp_path / "licencecheck.yaml"
    path.write_text(manifest, encoding="utf-8")
    return path


PORTFOLIO_MANIFEST = f"""\
release_date: {ON}
licences: [yu.yaml, cross.yaml]
domains: [maichetong.com.cn, yunfancdn.com.cn]
services: [cdn]
regions: [北京, 上海]
pages:
  - {{path: shop.html, site: maichetong.com.cn}}
  - {{path: cdn.html, site: yunfancdn.com.cn}}
"""


def test_the_gate_checks_each_page_against_the_licence_of_its_site(cli: Invoke, tmp_path: Path) -> None:
    pages = {"shop.html": "渝B2-20210467", "cdn.html": "B1.B2-20180352"}
    manifest = write_release(tmp_path, PORTFOLIO_MANIFEST, pages)
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    report = json.loads(run.stdout)
    assert report["licences"] == ["渝B2-20210467", "B1.B2-20180352"]
    shown = [(f["subject"].rsplit("/", 1)[-1], f["licence"]) for f in report["findings"] if "page" in f["data"]]
    assert shown == [("shop.html", "渝B2-20210467"), ("cdn.html", "B1.B2-20180352")]
    services = [(f["data"]["region"], f["verdict"]) for f in report["findings"] if f["check"] == "business"]
    assert services == [("北京市", "pass"), ("上海市", "pass")]


def test_a_page_showing_another_licences_number_fails(cli: Invoke, tmp_path: Path) -> None:
    pages = {"shop.html": "B1.B2-20180352", "cdn.html": "B1.B2-20180352"}
    run = cli("gate", str(write_release(tmp_path, PORTFOLIO_MANIFEST, pages)), "--format", "json")
    assert run.exit_code == 1
    (failed,) = [f for f in findings(run.stdout) if f["verdict"] == "fail"]
    assert failed["licence"] == "渝B2-20210467"
    assert "licence-number 渝B2-20210467 is not in the visible text" in str(failed["message"])


def test_a_region_outside_the_grant_fails_the_gate(cli: Invoke, tmp_path: Path) -> None:
    pages = {"shop.html": "渝B2-20210467", "cdn.html": "B1.B2-20180352"}
    manifest = write_release(tmp_path, PORTFOLIO_MANIFEST.replace("[北京, 上海]", "[北京, 四川]"), pages)
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 1
    failed = [f for f in findings(run.stdout) if f["verdict"] == "fail"]
    assert [f["data"]["status"] for f in failed] == ["outside-coverage"]  # type: ignore[index]


def test_a_page_without_its_site_in_a_portfolio_is_refused(cli: Invoke, tmp_path: Path) -> None:
    manifest = write_release(
        tmp_path,
        PORTFOLIO_MANIFEST.replace("{path: shop.html, site: maichetong.com.cn}", "shop.html"),
        {"shop.html": "x", "cdn.html": "x"},
    )
    run = cli("gate", str(manifest))
    assert run.exit_code == 2
    assert "name the page's site" in run.stderr and "licencecheck.yaml:7:5" in run.stderr


def test_the_manifest_and_the_option_must_name_the_same_licences(cli: Invoke, tmp_path: Path) -> None:
    pages = {"shop.html": "渝B2-20210467", "cdn.html": "B1.B2-20180352"}
    manifest = write_release(tmp_path, PORTFOLIO_MANIFEST, pages)
    run = cli("gate", str(manifest), "--licence", str(BUNDLED))
    assert run.exit_code == 2
    assert "the manifest names 渝B2-20210467, B1.B2-20180352, but --licence" in run.stderr


def test_regions_without_services_are_refused(cli: Invoke, tmp_path: Path) -> None:
    manifest = write_release(tmp_path, "licences: [yu.yaml]\ndomains: [maichetong.com.cn]\nregions: [重庆]\n", {})
    run = cli("gate", str(manifest))
    assert run.exit_code == 2
    assert "regions are checked against services; none declared" in run.stderr


def test_validate_refuses_service_names_the_catalogue_lacks(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    text = CROSS.read_text(encoding="utf-8").replace("excluding: [信息即时交互服务]", "excluding: [新闻出版等内容]")
    assert text != CROSS.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    run = cli("validate", str(path))
    assert run.exit_code == 1
    assert "grants[1].excluding[0]: '新闻出版等内容' is not a service the business catalogue knows" in run.stdout
