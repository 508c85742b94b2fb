"""Family: portfolios. Several licences (`--licence` repeated, a folder, `LICENCECHECK_LICENCE`
with os.pathsep, a manifest's `licences:`) given the ways a careless or hostile user gives them:
special files and links in a folder, the same licence under several names, separators with
nothing between, outputs over licences, odd sites, regions and records; and every command over
a two-licence portfolio, in every format, for crashes and for `ok` that disagrees with the exit.

Cases that could hang (a FIFO) run in a real process with a hang guard. Cases marked xfail are
bugs found by this probe in files owned elsewhere; each reason says what goes wrong."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, REPO, Invoke

from .helpers import make_fifo, one_error_line, run_process

CROSS = REPO / "examples" / "licences" / "cross_regional_B1_B2.yaml"
PORTFOLIO_MANIFEST = REPO / "examples" / "portfolio" / "licencecheck.yaml"
RECORDS = REPO / "examples" / "compliance" / "records.yaml"
YU, CROSS_NUMBER = "渝B2-20210467", "B1.B2-20180352"
BOTH = [YU, CROSS_NUMBER]
ON = "2026-06-01"
PAIR = ("--licence", str(BUNDLED), "--licence", str(CROSS))


def licences_of(run_stdout: str) -> list[str]:
    return list(json.loads(run_stdout)["licences"])


def folder_with_licence(tmp_path: Path, name: str = "licences") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "yu.yaml")
    return folder


def release(tmp_path: Path, body: str, *, release_date: str = ON) -> Path:
    """A release folder with both licences under lic/, two pages showing their numbers, and a
    manifest `licences: [lic]` with `body` after it."""
    folder = tmp_path / "release"
    (folder / "lic").mkdir(parents=True)
    shutil.copy(BUNDLED, folder / "lic" / "yu.yaml")
    shutil.copy(CROSS, folder / "lic" / "cross.yaml")
    for page, number in (("shop.html", YU), ("cdn.html", CROSS_NUMBER)):
        (folder / page).write_text(f"<html><body><footer>{number}</footer></body></html>", encoding="utf-8")
    manifest = folder / "licencecheck.yaml"
    manifest.write_text(f"release_date: {release_date}\nlicences: [lic]\n{body}", encoding="utf-8")
    return manifest


# Folders: what is read from them, and what is refused.


def test_a_fifo_named_like_a_licence_in_a_folder_is_refused_at_once(tmp_path: Path) -> None:
    folder = folder_with_licence(tmp_path)
    fifo = make_fifo(folder, "x.yaml")
    run = run_process("validity", "--on", ON, "--licence", str(folder))
    assert run.returncode == 2
    line = one_error_line(run.stderr)
    assert str(fifo) in line and "FIFO" in line


def _symlink_loop(folder: Path) -> Path:
    (folder / "loop.yaml").symlink_to("loop.yaml")
    return folder / "loop.yaml"


def _dangling(folder: Path) -> Path:
    (folder / "gone.yaml").symlink_to("nowhere.yaml")
    return folder / "gone.yaml"


def _directory(folder: Path) -> Path:
    (folder / "x.yaml").mkdir()
    return folder / "x.yaml"


def _gbk(folder: Path) -> Path:
    (folder / "gbk.yaml").write_bytes("编号: 渝B2\n".encode("gbk"))
    return folder / "gbk.yaml"


def _empty(folder: Path) -> Path:
    (folder / "empty.yml").write_bytes(b"")
    return folder / "empty.yml"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_symlink_loop, "Too many levels of symbolic links"),  # was: internal error: RuntimeError (fixed)
        (_dangling, "licence file not found"),
        (_directory, "is a directory"),
        (_gbk, "not UTF-8"),
        (_empty, "is empty"),
    ],
    ids=["symlink-loop", "dangling-symlink", "directory-named-x.yaml", "gbk", "empty"],
)
def test_a_bad_entry_in_a_licence_folder_is_one_line(
    make: Callable[[Path], Path], said: str, tmp_path: Path, cli: Invoke
) -> None:
    folder = folder_with_licence(tmp_path)
    bad = make(folder)
    run = cli("validity", "--on", ON, "--licence", str(folder))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert str(bad) in line and said in line and "internal error" not in line


def test_a_symlink_loop_given_directly_is_one_line(tmp_path: Path, cli: Invoke) -> None:
    loop = _symlink_loop(tmp_path)
    for run in (cli("show", "--licence", str(loop)), cli("show", env={"LICENCECHECK_LICENCE": str(loop)})):
        assert run.exit_code == 2
        line = one_error_line(run.stderr)
        assert str(loop) in line and "internal error" not in line


def test_an_unreadable_folder_is_one_line(tmp_path: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """Was: internal error: PermissionError (fixed). Simulated: the tests may run as root."""
    folder = folder_with_licence(tmp_path)
    listing = Path.iterdir

    def refuse(self: Path) -> Iterator[Path]:
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    run = cli("show", "--licence", str(folder))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert str(folder) in line and "Permission denied" in line


def test_hidden_files_subfolders_and_other_suffixes_are_not_read(tmp_path: Path, cli: Invoke) -> None:
    folder = folder_with_licence(tmp_path)
    (folder / ".draft.yaml").write_text("not: [a licence\n", encoding="utf-8")
    (folder / "older").mkdir()
    shutil.copy(CROSS, folder / "older" / "cross.yaml")
    (folder / "notes.txt").write_text("junk", encoding="utf-8")
    (folder / "licence.yaml.bak").write_text("junk", encoding="utf-8")
    run = cli("validity", "--on", ON, "--licence", str(folder), "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert licences_of(run.stdout) == [YU]


def test_an_upper_case_suffix_is_a_licence_file_too(tmp_path: Path, cli: Invoke) -> None:
    """Was: B.YAML was skipped without a word, so a portfolio silently lost a licence (fixed)."""
    folder = tmp_path / "licences"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "a.YAML")
    shutil.copy(CROSS, folder / "b.Yml")
    run = cli("validity", "--on", ON, "--licence", str(folder), "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert licences_of(run.stdout) == BOTH


def test_thousands_of_other_files_in_a_licence_folder(tmp_path: Path, cli: Invoke) -> None:
    folder = folder_with_licence(tmp_path)
    for i in range(3000):
        (folder / f"page{i}.html").write_bytes(b"x")
    run = cli("validity", "--on", ON, "--licence", str(folder), "--format", "json")
    assert run.exit_code == 0 and licences_of(run.stdout) == [YU]


def test_thousands_of_empty_yaml_files_stop_at_the_first(tmp_path: Path, cli: Invoke) -> None:
    folder = tmp_path / "licences"
    folder.mkdir()
    for i in range(3000):
        (folder / f"n{i:04d}.yaml").write_bytes(b"")
    run = cli("validity", "--on", ON, "--licence", str(folder))
    assert run.exit_code == 2
    assert one_error_line(run.stderr) == f"licencecheck: error: {folder / 'n0000.yaml'}: licence file is empty"


@pytest.mark.parametrize("folder_kind", ["empty", "only-hidden"])
def test_a_folder_with_no_licence_file_is_refused(folder_kind: str, tmp_path: Path, cli: Invoke) -> None:
    folder = tmp_path / "licences"
    folder.mkdir()
    if folder_kind == "only-hidden":
        shutil.copy(BUNDLED, folder / ".yu.yaml")
    run = cli("show", "--licence", str(folder))
    assert run.exit_code == 2
    assert "a directory with no licence file" in one_error_line(run.stderr)


# One licence under several names.


def test_the_same_licence_through_a_link_dotdot_and_a_hard_link_counts_once(tmp_path: Path, cli: Invoke) -> None:
    original = tmp_path / "yu.yaml"
    shutil.copy(BUNDLED, original)
    (tmp_path / "link.yaml").symlink_to("yu.yaml")
    os.link(original, tmp_path / "hard.yaml")
    (tmp_path / "sub").mkdir()
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "yu.yaml").symlink_to(original)
    names = ["link.yaml", "hard.yaml", "sub/../yu.yaml", "./yu.yaml", "folder", "yu.yaml"]
    argv = [part for name in names for part in ("--licence", str(tmp_path / name))]
    run = cli("validity", "--on", ON, *argv, "--format", "json")
    assert run.exit_code == 0, run.stderr  # was: "licence 渝B2-20210467 is also in hard.yaml" (fixed)
    assert licences_of(run.stdout) == [YU]


def test_two_files_with_one_number_are_refused_by_name(tmp_path: Path, cli: Invoke) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(BUNDLED, copy)
    run = cli("validity", "--on", ON, "--licence", str(copy), "--licence", str(BUNDLED))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert f"{BUNDLED}: licence {YU} is also in {copy}" in line


# LICENCECHECK_LICENCE


@pytest.mark.parametrize("value", ["::", ":", " ", " : "])
def test_a_variable_of_only_separators_is_refused(value: str, cli: Invoke) -> None:
    """Was: exit 0 on the bundled licence, as if the variable were unset (fixed)."""
    run = cli("validity", "--on", ON, env={"LICENCECHECK_LICENCE": value})
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert "$LICENCECHECK_LICENCE" in line and "names no licence file" in line


def test_a_variable_of_only_separators_is_refused_by_the_gate_too(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "domains: [maichetong.com.cn]\n")
    run = cli("gate", str(manifest), env={"LICENCECHECK_LICENCE": "::"})
    assert run.exit_code == 2
    assert "$LICENCECHECK_LICENCE" in one_error_line(run.stderr)


def test_the_variable_may_name_a_folder_and_skip_empty_parts(tmp_path: Path, cli: Invoke) -> None:
    folder = folder_with_licence(tmp_path)
    value = f"{os.pathsep}{folder}{os.pathsep}{os.pathsep}{CROSS}{os.pathsep}"
    run = cli("validity", "--on", ON, "--format", "json", env={"LICENCECHECK_LICENCE": value})
    assert run.exit_code == 0, run.stderr
    assert licences_of(run.stdout) == BOTH


def test_an_empty_variable_means_the_bundled_licence(cli: Invoke) -> None:
    run = cli("validity", "--on", ON, "--format", "json", env={"LICENCECHECK_LICENCE": ""})
    assert run.exit_code == 0 and licences_of(run.stdout) == [YU]


def test_an_empty_licence_option_is_refused(tmp_path: Path) -> None:
    shutil.copy(BUNDLED, tmp_path / "someone_elses.yaml")
    run = run_process("validity", "--on", ON, "--licence", "", cwd=tmp_path)
    assert run.returncode == 2
    assert "--licence" in one_error_line(run.stderr)


# validate and the portfolio


def test_validate_checks_every_licence_option(tmp_path: Path, cli: Invoke) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("number: x\n", encoding="utf-8")
    run = cli("validate", "--licence", str(broken), "--licence", str(BUNDLED))
    assert run.exit_code == 1
    assert str(broken) in run.stdout


@pytest.mark.parametrize("how", ["separated", "folder"])
def test_validate_reads_the_variable_as_a_portfolio(how: str, tmp_path: Path, cli: Invoke) -> None:
    folder = folder_with_licence(tmp_path)
    shutil.copy(CROSS, folder / "cross.yaml")
    value = str(folder) if how == "folder" else f"{BUNDLED}{os.pathsep}{CROSS}"
    run = cli("validate", "--format", "json", env={"LICENCECHECK_LICENCE": value})
    assert run.exit_code == 0, run.stdout
    assert len(json.loads(run.stdout)["findings"]) == 2


def test_validate_findings_name_their_licence(cli: Invoke) -> None:
    run = cli("validate", str(BUNDLED), str(CROSS), "--format", "json")
    assert run.exit_code == 0
    report = json.loads(run.stdout)
    assert [f["licence"] for f in report["findings"]] == BOTH
    assert report["licences"] == BOTH


# Outputs over the licences of a portfolio


def test_an_output_over_a_licence_in_the_folder_is_refused(tmp_path: Path, cli: Invoke) -> None:
    folder = folder_with_licence(tmp_path)
    shutil.copy(CROSS, folder / "cross.yaml")
    (folder / "zz_link.yaml").symlink_to("cross.yaml")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()}
    attempts = [
        ("validity", "--on", ON, "--format", "json", "--output", str(folder / "yu.yaml")),
        ("deadlines", "--on", ON, "--format", "ics", "--output", str(folder / ".." / folder.name / "cross.yaml")),
        ("timeline", "--on", ON, "--svg", str(folder / "zz_link.yaml")),
    ]
    for argv in attempts:
        run = cli(*argv, "--licence", str(folder))
        assert run.exit_code == 2, argv
        assert "is also an input of this run" in one_error_line(run.stderr)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()} == before
    assert (folder / "zz_link.yaml").is_symlink()


def test_an_output_that_is_the_licence_folder_is_refused(tmp_path: Path, cli: Invoke) -> None:
    folder = folder_with_licence(tmp_path)
    run = cli("validity", "--on", ON, "--licence", str(folder), "--format", "json", "--output", str(folder))
    assert run.exit_code == 2
    assert "is a directory" in one_error_line(run.stderr)
    assert [p.name for p in folder.iterdir()] == ["yu.yaml"]


def test_the_manifest_given_as_a_licence_is_refused(cli: Invoke) -> None:
    run = cli("gate", str(PORTFOLIO_MANIFEST), "--licence", str(PORTFOLIO_MANIFEST))
    assert run.exit_code == 2
    first = run.stderr.splitlines()[0]
    assert first.startswith(f"licencecheck: error: {PORTFOLIO_MANIFEST}: invalid licence file")
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr


# The manifest's `licences:`


def test_a_fifo_in_the_manifests_licences_is_refused_at_once(tmp_path: Path) -> None:
    manifest = release(tmp_path, "domains: [maichetong.com.cn]\n")
    make_fifo(manifest.parent / "lic", "pipe.yaml")
    run = run_process("gate", str(manifest))
    assert run.returncode == 2
    assert "FIFO" in one_error_line(run.stderr)


def test_manifest_licences_may_lie_outside_its_folder(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "domains: [maichetong.com.cn]\n")
    text = manifest.read_text(encoding="utf-8").replace("licences: [lic]", f"licences: ['{BUNDLED}']")
    manifest.write_text(text, encoding="utf-8")
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert licences_of(run.stdout) == [YU]


def test_manifest_licences_and_the_option_naming_the_same_numbers_agree(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "domains: [maichetong.com.cn]\n")
    same = cli("gate", str(manifest), *PAIR, "--format", "json")
    assert same.exit_code == 0, same.stderr
    assert sorted(licences_of(same.stdout)) == sorted(BOTH)
    other = cli("gate", str(manifest), "--licence", str(BUNDLED))
    assert other.exit_code == 2
    assert f"{manifest}:2:11: licences: the manifest names" in one_error_line(other.stderr)


# `site:` of a page


@pytest.mark.parametrize("site", ["MAICHETONG.COM.CN", "maichetong.com.cn.", "www.maichetong.com.cn"])
def test_a_site_is_matched_whatever_its_case_trailing_dot_or_subdomain(site: str, tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, f"pages:\n  - {{path: shop.html, site: '{site}'}}\n")
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    (page,) = [f for f in json.loads(run.stdout)["findings"] if "page" in f["data"]]
    assert page["licence"] == YU and page["verdict"] == "pass"


@pytest.mark.parametrize("site", [" ", "evil.example", "maichetong.com.cn@evil.example", "maichetong.com"])
def test_a_site_no_licence_lists_never_passes(site: str, tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, f"pages:\n  - {{path: shop.html, site: '{site}'}}\n")
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code in (1, 2)
    assert run.exit_code == 2 or json.loads(run.stdout)["ok"] is False


def test_an_empty_site_is_refused_at_its_line(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "pages:\n  - {path: shop.html, site: ''}\n")
    run = cli("gate", str(manifest))
    assert run.exit_code == 2
    assert f"{manifest}:4:29: pages[0].site: String should have at least 1 character" in run.stderr


def test_a_site_written_as_a_url_is_its_host(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "pages:\n  - {path: shop.html, site: 'https://maichetong.com.cn/'}\n")
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code in (0, 2), run.stdout
    assert "no licence covers it" not in run.stdout + run.stderr


@pytest.mark.parametrize("site", ["中国车.cn", "ＹＵＮＦＡＮＣＤＮ.com.cn"])
def test_an_internationalised_site_is_normalised(site: str, tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, f"pages:\n  - {{path: cdn.html, site: '{site}'}}\n")
    cross = manifest.parent / "lic" / "cross.yaml"
    cross.write_text(
        cross.read_text(encoding="utf-8").replace("domain: fantushequ.cn", "domain: xn--fiqs8s2m3c.cn"),
        encoding="utf-8",
    )
    assert cli("scope", site, "--on", ON, "--licence", str(cross)).exit_code == 0
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 0, run.stdout


def test_a_site_listed_on_an_expired_and_a_live_licence_needs_the_live_number(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "pages:\n  - {path: shop.html, site: maichetong.com.cn}\n", release_date="2026-11-01")
    cross = manifest.parent / "lic" / "cross.yaml"
    cross.write_text(
        cross.read_text(encoding="utf-8").replace("domain: fantushequ.cn", "domain: maichetong.com.cn"),
        encoding="utf-8",
    )
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 1  # 渝B2-20210467 expired on 2026-10-20, and shop.html shows only its number
    (page,) = [f for f in json.loads(run.stdout)["findings"] if "page" in f["data"]]
    assert page["licence"] == CROSS_NUMBER and page["verdict"] == "fail"


# `regions:` and `services:`


@pytest.mark.parametrize(
    ("regions", "where"),
    [("[北京, junk]", "4:15: regions[1]"), ("[全国]", "4:11: regions[0]"), ("['00']", "4:11: regions[0]")],
)
def test_a_region_that_is_no_division_is_refused_at_its_line(
    regions: str, where: str, tmp_path: Path, cli: Invoke
) -> None:
    manifest = release(tmp_path, f"services: [cdn]\nregions: {regions}\n")
    run = cli("gate", str(manifest))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert f"{manifest}:{where}" in line and "not a province-level division" in line


def test_a_manifest_region_error_does_not_name_an_option(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "services: [cdn]\nregions: [北京, junk]\n")
    run = cli("gate", str(manifest))
    assert "--region" not in one_error_line(run.stderr)


@pytest.mark.parametrize("regions", ["[北京, 北京市, 京, '110000', '11']", "['４４００００']", "[广东, 广东]"])
def test_regions_by_any_name_code_or_full_width_digits(regions: str, tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, f"services: [cdn]\nregions: {regions}\n")
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 0, run.stderr
    business = [f for f in json.loads(run.stdout)["findings"] if f["check"] == "business"]
    assert business and all(f["licence"] == CROSS_NUMBER and f["verdict"] == "pass" for f in business)


@pytest.mark.parametrize(
    ("services", "said"),
    [
        ("[{service: cdn, regions: []}]", "services[0].regions: List should have at least 1 item"),
        ("[{service: cdn, regions: [北京], extra: 1}]", "services[0].extra: unknown key"),
        ("[{service: cdn}]", "services[0].regions: required key is missing"),
        ("[{service: cdn, regions: 北京}]", "services[0].regions: Input should be a valid list"),
        ("[{service: cdn, regions: [1]}]", "services[0].regions[0]: Input should be a valid string"),
    ],
)
def test_a_bad_service_mapping_is_refused_at_its_line(services: str, said: str, tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, f"services: {services}\n")
    run = cli("gate", str(manifest))
    assert run.exit_code == 2
    assert said in run.stderr and f"{manifest}:3:" in run.stderr and "Traceback" not in run.stderr


def test_an_error_in_a_mapping_entry_is_one_line(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "services: [{service: cdn, regions: []}]\n")
    run = cli("gate", str(manifest))
    assert run.exit_code == 2
    assert "constrained-str" not in run.stderr


# --region


@pytest.mark.parametrize("region", ["", " ", "00", "510100", "全国", "xx"])
def test_a_region_option_that_is_no_division_is_one_line(region: str, cli: Invoke) -> None:
    run = cli("business", "cdn", "--on", ON, "--region", region, *PAIR)
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert f"--region {region!r}: not a province-level division" in line


@pytest.mark.parametrize("region", ["51", "５１", "川", "四川省 "])
def test_a_region_by_code_abbreviation_or_padded_name(region: str, cli: Invoke) -> None:
    run = cli("business", "cdn", "--on", ON, "--region", region, *PAIR, "--format", "json")
    assert run.exit_code == 1
    (finding,) = json.loads(run.stdout)["findings"]
    assert finding["licence"] == CROSS_NUMBER and finding["data"]["status"] == "outside-coverage"
    assert "not 四川省" in finding["message"]


def test_business_list_honours_or_refuses_a_region(cli: Invoke) -> None:
    run = cli("business", "--list", "--region", "四川", "--on", ON, *PAIR, "--format", "json")
    if run.exit_code == 2:
        assert "--region" in one_error_line(run.stderr)
        return
    (cdn,) = [entry for entry in json.loads(run.stdout)["entries"] if entry["id"] == "B12"]
    assert cdn["status"] != "permitted"


# --records


def test_records_given_twice_for_one_licence_are_refused(tmp_path: Path, cli: Invoke) -> None:
    link = tmp_path / "records.yaml"
    link.symlink_to(RECORDS)
    for second in (RECORDS, link):
        run = cli("deadlines", "--on", ON, *PAIR, "--records", str(RECORDS), "--records", str(second))
        assert run.exit_code == 2
        assert f"{second}: a second records file for {YU}" in one_error_line(run.stderr)


def test_records_for_a_licence_not_in_the_portfolio_are_refused(tmp_path: Path, cli: Invoke) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(RECORDS.read_text(encoding="utf-8").replace(f"licence: {YU}", "licence: 粤B2-20230456"))
    run = cli("deadlines", "--on", ON, *PAIR, "--records", str(other))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert f"{other}:2:10: licence: records are for 粤B2-20230456, which is not among the licences in use" in line


def test_records_per_licence_each_fail_their_own_licence(tmp_path: Path, cli: Invoke) -> None:
    cross_records = tmp_path / "cross.yaml"
    cross_records.write_text(
        f"licence: {CROSS_NUMBER}\nfilings:\n  - {{obligation: annual-report, year: 2024, filed_on: 2024-03-15}}\n",
        encoding="utf-8",
    )
    run = cli("deadlines", "--on", ON, *PAIR, "--records", str(cross_records), "--records", str(RECORDS))
    assert run.exit_code == 1
    run = cli(
        "deadlines", "--on", ON, *PAIR, "--records", str(cross_records), "--records", str(RECORDS), "--format", "json"
    )
    report = json.loads(run.stdout)
    failed = {(f["licence"], f["subject"]) for f in report["findings"] if f["verdict"] == "fail"}
    assert {(CROSS_NUMBER, "annual-report (2025)"), (CROSS_NUMBER, "annual-report (2026)")} <= failed
    filed = {(CROSS_NUMBER, "annual-report (2024)")} | {(YU, f"annual-report ({year})") for year in range(2023, 2027)}
    assert not filed & failed
    assert report["ok"] is False


def test_a_portfolio_gate_says_which_licences_records_were_not_checked(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "domains: [maichetong.com.cn]\nrecords: records.yaml\n")
    shutil.copy(RECORDS, manifest.parent / "records.yaml")
    run = cli("gate", str(manifest), "--format", "json")
    report = json.loads(run.stdout)
    told = [note for note in report["notes"] if "records" in note and CROSS_NUMBER in note]
    checked = [f for f in report["findings"] if f["check"] == "records" and f["licence"] == CROSS_NUMBER]
    assert told or checked


# Every command over a two-licence portfolio, in every format


FINDINGS_FORMATS = ("text", "json", "junit", "sarif", "github")
INFO_FORMATS = ("text", "json")
EVERY_COMMAND: dict[str, tuple[list[str], int, tuple[str, ...]]] = {
    "show": (["show", "--on", ON, *PAIR], 0, INFO_FORMATS),
    "validate": (["validate", str(BUNDLED), str(CROSS)], 0, FINDINGS_FORMATS),
    "scope": (
        ["scope", "maichetong.com.cn", "static.yunfancdn.com.cn", "nope.example", "--on", ON, *PAIR],
        1,
        FINDINGS_FORMATS,
    ),
    "business": (["business", "cdn", "e-commerce", "idc", "--on", ON, *PAIR], 1, FINDINGS_FORMATS),
    "business-region": (["business", "cdn", "--region", "广东", "--on", ON, *PAIR], 0, FINDINGS_FORMATS),
    "business-list": (["business", "--list", "--on", ON, *PAIR], 0, INFO_FORMATS),
    "validity": (["validity", "--on", ON, *PAIR], 0, FINDINGS_FORMATS),
    "validity-expired": (["validity", "--on", "2026-11-01", *PAIR], 1, FINDINGS_FORMATS),
    "deadlines": (["deadlines", "--on", ON, *PAIR], 0, (*FINDINGS_FORMATS, "ics")),
    "timeline": (["timeline", "--on", ON, *PAIR], 0, INFO_FORMATS),
    "gate": (["gate", str(PORTFOLIO_MANIFEST)], 0, FINDINGS_FORMATS),
}
RUNS = [(name, fmt) for name, (_, _, formats) in EVERY_COMMAND.items() for fmt in formats]


@pytest.mark.parametrize(("name", "fmt"), RUNS, ids=[f"{name}-{fmt}" for name, fmt in RUNS])
def test_every_command_over_two_licences(name: str, fmt: str, cli: Invoke) -> None:
    argv, code, _ = EVERY_COMMAND[name]
    run = cli(*argv, "--format", fmt)
    assert run.exit_code == code, run.stdout + run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    if fmt == "text" and name != "validate":
        assert YU in run.stdout and CROSS_NUMBER in run.stdout
    if fmt != "json":
        return
    report = json.loads(run.stdout)
    assert report["ok"] is (run.exit_code == 0)
    assert all("licence" in finding for finding in report["findings"])
    if name != "validate":
        assert sorted(report["licences"]) == sorted(BOTH)
        resting = [f for f in report["findings"] if f["verdict"] in ("pass", "warn")]
        assert all(f["licence"] in BOTH for f in resting), [f for f in resting if f["licence"] not in BOTH]


def test_a_failing_portfolio_gate_fails_in_every_format(tmp_path: Path, cli: Invoke) -> None:
    manifest = release(tmp_path, "domains: [maichetong.com.cn, static.yunfancdn.com.cn]\n", release_date="2026-11-01")
    for fmt in FINDINGS_FORMATS:
        run = cli("gate", str(manifest), "--format", fmt)
        assert run.exit_code == 1, (fmt, run.stderr)
        if fmt == "json":
            report = json.loads(run.stdout)
            assert report["ok"] is False
            expired = [f for f in report["findings"] if f["check"] == "validity" and f["verdict"] == "fail"]
            assert [f["licence"] for f in expired] == [YU]


def test_scope_from_a_file_over_two_licences(tmp_path: Path, cli: Invoke) -> None:
    targets = tmp_path / "hosts.txt"
    targets.write_text("maichetong.com.cn\nstatic.yunfancdn.com.cn\n# a comment\nnope.example\n", encoding="utf-8")
    for fmt in FINDINGS_FORMATS:
        run = cli("scope", "--from", str(targets), "--on", ON, *PAIR, "--format", fmt)
        assert run.exit_code == 1, (fmt, run.stderr)
    report = json.loads(cli("scope", "--from", str(targets), "--on", ON, *PAIR, "--format", "json").stdout)
    got = [(f["subject"], f["licence"], f["verdict"]) for f in report["findings"]]
    assert got == [
        ("maichetong.com.cn", YU, "pass"),
        ("static.yunfancdn.com.cn", CROSS_NUMBER, "pass"),
        ("nope.example", None, "fail"),
    ]


def test_the_calendar_and_the_svg_hold_both_licences(tmp_path: Path, cli: Invoke) -> None:
    calendar = cli("deadlines", "--on", ON, *PAIR, "--format", "ics")
    assert calendar.exit_code == 0
    uids = [line for line in calendar.stdout.splitlines() if line.startswith("UID:")]
    assert len(uids) == len(set(uids))
    assert any(YU in uid for uid in uids) and any(CROSS_NUMBER in uid for uid in uids)
    svg = tmp_path / "timeline.svg"
    run = cli("timeline", "--on", ON, *PAIR, "--svg", str(svg))
    assert run.exit_code == 0
    drawn = svg.read_text(encoding="utf-8")
    assert YU in drawn and CROSS_NUMBER in drawn
