"""`licencecheck import`: licence texts (OCR, the ministry's query, a PDF's text layer) read into
licence YAML that equals the hand-written licence files in every fact and rule; gaps written as
`null` with a `# GAP:` comment (validation refuses them); anything that is not a licence text
refused with nothing written."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licencecheck.datafiles import data_file, load_licence, load_model
from licencecheck.errors import DataError
from licencecheck.importing.core import ImportResult, import_licence
from licencecheck.importing.numerals import parse_period, to_int
from licencecheck.importing.source import Source
from licencecheck.importing.templates import TEMPLATES_FILE, ProvisionTemplates, RuleTemplate, load_templates
from licencecheck.models import Licence
from licencecheck.strictyaml import parse_yaml
from tests.conftest import BUNDLED, REPO, TESTS, Invoke
from tests.pdfs import cjk_pdf

SEED = TESTS / "data" / "licence_text_yu_B2_20210467.txt"
LICENCE_FOLDERS = (TESTS / "licences", REPO / "examples" / "licences")
"""Where the hand-written test licences live: each TEXT.txt beside its TEXT.yaml."""
FIXTURES = TESTS / "import"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def run_import(text: str, name: str = "licence.txt") -> ImportResult:
    return import_licence(Source(name, text, "text"))


def loaded(result: ImportResult) -> Licence:
    assert result.complete, result.gaps
    return Licence.model_validate(parse_yaml(result.yaml_text, "imported", what="licence file").data)


PROVISION_FACTS = {
    "clause",
    "parent",
    "text",
    "applies_to_grant",
    "applies_to_service",
    "requires_approval",
    "governs_prior_approval",
}


def facts(licence: Licence) -> dict[str, Any]:
    """Everything the import must get right (titles, sources, wording, notes and the prose of
    `inferred_from` may differ)."""
    return {
        "number": licence.number,
        "number_parts": licence.number_parts.model_dump(exclude={"source"}),
        "holder": licence.holder,
        "legal_representative": licence.legal_representative,
        "issuing_authority": licence.issuing_authority.inferred or licence.issuing_authority.as_printed,
        "validity": (licence.validity.issued_on, licence.validity.start, licence.validity.valid_until),
        "grants": [
            {
                "code": g.code,
                "name": g.name,
                "limited_to": g.limited_to,
                "excluding": g.excluding,
                "regions": g.coverage_area.regions,
                "conditions": g.conditions,
                "provisions": g.provisions,
                "websites": [(w.name, w.domain, w.server_location, w.access_provider) for w in g.websites],
            }
            for g in licence.grants
        ],
        "provisions": [p.model_dump(include=PROVISION_FACTS) for p in licence.provisions],
        "obligations": [(o.id, o.clauses, o.action, o.rule.model_dump()) for o in licence.obligations],
    }


def assert_same_facts(got: Licence, want: Licence) -> None:
    expected, actual = facts(want), facts(got)
    for key, value in expected.items():
        if isinstance(value, list):
            assert len(actual[key]) == len(value), key
            for index, (a, b) in enumerate(zip(actual[key], value, strict=True)):
                assert a == b, f"{key}[{index}]"
        else:
            assert actual[key] == value, key


# The seed and the hand-written licences


def test_importing_the_seed_text_gives_the_bundled_licence() -> None:
    result = run_import(seed_text(), str(SEED))
    assert_same_facts(loaded(result), load_licence(BUNDLED))


def test_the_seed_infers_authority_and_coverage_from_the_number() -> None:
    licence = loaded(run_import(seed_text()))
    assert licence.issuing_authority.as_printed is None
    assert licence.issuing_authority.inferred == "重庆市通信管理局"
    assert "渝" in (licence.issuing_authority.inferred_from or "")
    for grant in licence.grants:
        assert grant.coverage_area.as_printed is None
        assert grant.coverage_area.inferred == "重庆市"
        assert grant.coverage_area.inferred_from


def _licence_texts() -> list[Path]:
    return sorted(
        text for folder in LICENCE_FOLDERS for text in folder.glob("*.txt") if text.with_suffix(".yaml").exists()
    )


CROSS = next(
    (text for text in _licence_texts() if text.stem == "cross_regional_B1_B2"), LICENCE_FOLDERS[1] / "missing.txt"
)


@pytest.mark.parametrize("text", _licence_texts(), ids=lambda path: path.stem)
def test_importing_each_test_licence_gives_its_hand_written_yaml(text: Path) -> None:
    result = run_import(text.read_text(encoding="utf-8"), str(text))
    assert_same_facts(loaded(result), load_licence(text.with_suffix(".yaml")))


def test_there_are_test_licences_besides_the_seed() -> None:
    assert CROSS in _licence_texts()


# The command


def test_import_writes_a_file_that_validates(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "imported.yaml"
    run = cli("import", str(SEED), "--output", str(out))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert "import: read" in run.stderr and "inferred issuing authority: 重庆市通信管理局" in run.stderr
    assert cli("validate", str(out)).exit_code == 0
    assert_same_facts(load_licence(out), load_licence(BUNDLED))


def test_import_without_output_writes_stdout_and_dash_reads_stdin(cli: Invoke) -> None:
    from_file = cli("import", str(SEED))
    from_stdin = cli("import", "-", stdin=seed_text())
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout.startswith("# Value-added telecom business licence 渝B2-20210467")
    assert from_stdin.stdout.replace("<stdin>", str(SEED)) == from_file.stdout
    assert cli("import", str(SEED), "--output", "-").stdout == from_file.stdout


def test_the_yaml_is_readable_and_loads_with_the_strict_reader(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "imported.yaml"
    cli("import", str(SEED), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith(
        "# Value-added telecom business licence 渝B2-20210467 (增值电信业务经营许可证), imported by\n"
    )
    assert f"`licencecheck import` from {SEED} (text)." in text
    assert "\\u" not in text and "重庆万象优车科技有限公司" in text
    body = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    flow = [line for line in body if re.search(r": (\[.+\]|\{.+\})$", line) or re.match(r"\s*- [\[{]", line)]
    assert flow == []  # block style throughout
    bundled_keys = list(parse_yaml(BUNDLED.read_text(encoding="utf-8"), "b", what="l").data)
    assert list(parse_yaml(text, "i", what="l").data) == bundled_keys
    assert load_licence(out).number == "渝B2-20210467"


def test_help_has_examples_that_run_as_written(tmp_path: Path) -> None:
    from licencecheck.cli.import_licence import EPILOG

    lines = [
        line.strip() for line in EPILOG.splitlines() if line.startswith("    licencecheck ") or "| licencecheck" in line
    ]
    assert len(lines) >= 3
    for folder in ("data", "examples", "tests"):
        (tmp_path / folder).symlink_to(REPO / folder)
    for line in lines:
        done = _bash(line, tmp_path)
        assert done.returncode in (0, 1), f"{line}: exit {done.returncode}: {done.stderr}"
        assert "Traceback" not in done.stderr


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Importing a licence", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert blocks
    for folder in ("data", "examples", "tests"):
        (tmp_path / folder).symlink_to(REPO / folder)
    for block in blocks:
        done = _bash(block, tmp_path)
        assert done.returncode == 0, f"{block}: exit {done.returncode}: {done.stderr}"


def _bash(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("LICENCECHECK_LICENCE", None)
    command = ["bash", "-o", "pipefail", "-c", line]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False)


# Exit 2: not a licence, or not readable; nothing written


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not a licence text: no licence number"),
        ("Minutes of the meeting.\n会议纪要：下周讨论预算。\n", "not a licence text: no licence number"),
        ("经营许可证编号：渝B2-20210467\n公司名称：某公司\n", "no 增值电信业务经营许可证 heading"),
    ],
    ids=["empty", "not-a-licence", "number-without-heading"],
)
def test_a_text_that_is_not_a_licence_is_refused_and_nothing_written(
    cli: Invoke, tmp_path: Path, content: str, message: str
) -> None:
    source, out = tmp_path / "text.txt", tmp_path / "out.yaml"
    source.write_text(content, encoding="utf-8")
    out.write_text("keep\n", encoding="utf-8")
    run = cli("import", str(source), "--output", str(out))
    assert run.exit_code == 2
    assert message in run.stderr and len(run.stderr.splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "keep\n"


def test_inputs_fail_closed(cli: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(seed_text().encode("gb18030"))
    large = tmp_path / "large.txt"
    large.write_text(seed_text() + "注" * 400_000, encoding="utf-8")
    cases = [(fifo, "FIFO"), (tmp_path, "a directory"), (gbk, "not UTF-8"), (large, "larger than 1024 KiB")]
    for path, message in cases:
        run = cli("import", str(path))
        assert run.exit_code == 2 and message in run.stderr, (path, run.stderr)
        assert run.stdout == ""


def test_output_may_not_be_the_input(cli: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "licence.txt"
    source.write_text(seed_text(), encoding="utf-8")
    run = cli("import", str(source), "--output", str(source))
    assert run.exit_code == 2 and "is also an input" in run.stderr
    assert source.read_text(encoding="utf-8") == seed_text()


# PDF e-certificates


def test_a_pdf_e_certificate_is_read_through_its_text_layer(cli: Invoke, tmp_path: Path) -> None:
    lines = [line for line in seed_text().splitlines() if line.strip()]
    pdf = tmp_path / "licence.pdf"
    pdf.write_bytes(cjk_pdf([lines[i : i + 40] for i in range(0, len(lines), 40)]))
    out = tmp_path / "imported.yaml"
    run = cli("import", str(pdf), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert "(PDF text layer)" in run.stderr
    assert_same_facts(load_licence(out), load_licence(BUNDLED))


def test_a_pdf_without_a_text_layer_needs_ocr_first(cli: Invoke, tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(cjk_pdf([[], []]))
    run = cli("import", str(scan), "-o", str(tmp_path / "out.yaml"))
    assert run.exit_code == 2 and "run OCR first" in run.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_damaged_pdf_is_refused(cli: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    run = cli("import", str(broken))
    assert run.exit_code == 2 and "not a readable PDF" in run.stderr


# Gaps: written as null with a comment, listed on stderr, refused by validate


def _import_file(cli: Invoke, tmp_path: Path, text: str) -> tuple[Any, Path, Path]:
    source, out = tmp_path / "licence.txt", tmp_path / "imported.yaml"
    source.write_text(text, encoding="utf-8")
    return cli("import", str(source), "--output", str(out)), source, out


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_missing_validity_end_is_a_gap_that_validate_refuses(cli: Invoke, tmp_path: Path) -> None:
    text = seed_text().replace("有效期限: 2026年 10月 20 日", "")
    run, source, out = _import_file(cli, tmp_path, text)
    assert run.exit_code == 1
    issued = _line_of(text, "发证日期")
    assert f"{source}:{issued}: gap: no 有效期限 found" in run.stderr
    assert f"valid_until: null  # GAP: no 有效期限 found (text line {issued})" in out.read_text(encoding="utf-8")
    assert cli("validate", str(out)).exit_code == 1
    with pytest.raises(DataError):
        load_licence(out)


def test_missing_holder_and_representative_are_gaps(cli: Invoke, tmp_path: Path) -> None:
    text = seed_text().replace("公司名称: 重庆万象优车科技有限公司", "").replace("法定代表人: 李飞", "法定代表人:")
    run, _, out = _import_file(cli, tmp_path, text)
    assert run.exit_code == 1
    written = out.read_text(encoding="utf-8")
    assert "holder: null  # GAP: no holder (公司名称) found" in written
    assert "legal_representative: null  # GAP: no legal representative (法定代表人) found" in written
    assert run.stderr.count(": gap: ") == 2


def test_a_grant_the_catalogue_does_not_know_is_a_gap(cli: Invoke, tmp_path: Path) -> None:
    text = CROSS.read_text(encoding="utf-8").replace("中的内容分发网络业务", "中的量子通信加速业务")
    run, source, out = _import_file(cli, tmp_path, text)
    assert run.exit_code == 1
    line = _line_of(text, "量子通信加速业务")
    assert f"{source}:{line}: gap: grant '量子通信加速业务' is not a service the business catalogue knows" in run.stderr
    assert "  - code: null  # GAP: grant '量子通信加速业务'" in out.read_text(encoding="utf-8")
    # its own group of provisions (十六) now names no grant that was read: also a gap
    assert "clause 十六 governs 内容分发网络业务, but no such grant was read" in run.stderr
    assert cli("validate", str(out)).exit_code == 1


def test_a_cross_regional_grant_without_coverage_is_a_gap(cli: Invoke, tmp_path: Path) -> None:
    text = CROSS.read_text(encoding="utf-8").replace("业务覆盖范围: 全国", "")
    run, source, out = _import_file(cli, tmp_path, text)
    assert run.exit_code == 1
    line = _line_of(text, "第二类增值电信业务中的信息服务业务")
    assert f"{source}:{line}: gap: cross-regional grant 信息服务业务 has no 业务覆盖范围" in run.stderr
    assert "coverage_area: null  # GAP: cross-regional grant 信息服务业务" in out.read_text(encoding="utf-8")
    assert cli("validate", str(out)).exit_code == 1


BEIJING = LICENCE_FOLDERS[1] / "beijing_B1_B2_idc_isp.txt"


def test_a_service_name_the_catalogue_lacks_is_never_a_complete_import(cli: Invoke, tmp_path: Path) -> None:
    """A qualifier the catalogue does not hold (here an invented one): `validate` refuses such a
    file, so the import must not call it complete (exit 0)."""
    text = BEIJING.read_text(encoding="utf-8").replace(
        "中的互联网数据中心业务  \n", "中的互联网数据中心业务(不含互联网资源租用服务)\n"
    )
    run, source, out = _import_file(cli, tmp_path, text)
    assert run.exit_code == 1, run.stderr
    problem = "grants[0].excluding[0]: '互联网资源租用服务' is not a service the business catalogue knows"
    line = _line_of(text, "互联网数据中心业务(不含互联网资源租用服务)")  # the grant's own line, not the number's
    assert f"{source}:{line}: gap: the licence as read does not validate: {problem}" in run.stderr
    assert f"#   {problem}" in out.read_text(encoding="utf-8")
    assert cli("validate", str(out)).exit_code == 1


def test_ocr_breaks_in_an_exclusion_list_and_in_a_website_heading_are_joined() -> None:
    """信息即 / 时交互服务 is one excluded service, not a grant; a 附页 block heading broken over two
    lines still names its grant; a break after 、 or before the next grant still ends the list."""
    licence = loaded(run_import(BEIJING.read_text(encoding="utf-8"), str(BEIJING)))
    assert [(g.code, g.excluding, len(g.websites)) for g in licence.grants] == [
        ("B11", [], 0),
        ("B14", [], 0),
        ("B25", ["信息社区平台服务", "信息即时交互服务"], 3),
    ]
    text = CROSS.read_text(encoding="utf-8").replace(
        "不含信息即时交互服务。", "不含信息搜索查询服务、\n信息即时交互服务\n第一类增值电信业务中的互联网数据中心业务\n"
    )
    grants = loaded(run_import(text)).grants
    assert [(g.code, g.excluding) for g in grants] == [
        ("B12", []),
        ("B25", ["信息搜索查询服务", "信息即时交互服务"]),
        ("B11", []),
    ]
    assert [g.coverage_area.regions for g in grants] == [["北京市", "上海市", "广东省"], ["全国"], ["全国"]]


def test_a_duty_in_a_wording_no_rule_template_reads_is_a_gap_not_lost(cli: Invoke, tmp_path: Path) -> None:
    """A clause whose title template says it carries a duty (续办申请, 违法信息…上报) but whose
    period is worded so that no obligation template reads it: the obligation is written with
    a gap for its rule, never left out of a file that then validates (exit 0) without it."""
    text = BEIJING.read_text(encoding="utf-8").replace("应当在有效期届满前90日", "应当在有效期届满九十日以前")
    run, source, out = _import_file(cli, tmp_path, text)
    assert run.exit_code == 1, run.stderr
    line = _line_of(text, "有效期届满九十日以前")
    assert f"{source}:{line}: gap: clause 十 (续办申请) carries renewal-application, but no obligation" in run.stderr
    written = out.read_text(encoding="utf-8")
    assert "  - id: renewal-application\n    clauses:\n      - 十\n    action: null  # GAP: clause 十" in written
    assert cli("validate", str(out)).exit_code == 1
    # a clause that carries a duty other clauses carry with a rule joins it; the rule is then a gap
    seed = seed_text()
    last = seed.rindex("并在安全评估完成30日内")
    result = run_import(seed[:last] + "并在安全评估完成后及时" + seed[last + len("并在安全评估完成30日内") :])
    assert [gap.message.split(",")[0] for gap in result.gaps] == [
        "clause 十六(八) (新技术新业务安全评估) carries security-assessment-report"
    ]
    assert "  - id: security-assessment-report\n    clauses:\n      - 十五(七)\n      - 十六(八)\n" in result.yaml_text


def test_rules_the_text_breaks_are_gaps_too(tmp_path: Path) -> None:
    """Facts that read well but contradict each other (the licence expires before it is
    issued) leave a file that does not validate: exit 1, never 0."""
    result = run_import(seed_text().replace("有效期限: 2026年", "有效期限: 2021年"))
    assert not result.complete
    assert any("valid_until" in gap.message for gap in result.gaps)
    assert "DOES NOT VALIDATE" in result.yaml_text


# Variants that must not change the result


def test_a_cross_regional_licence_with_a_blank_seal_is_inferred_to_be_the_ministrys() -> None:
    text = CROSS.read_text(encoding="utf-8").replace("发证机关(盖章): 中华人民共和国工业和信息化部", "发证机关(盖章):")
    authority = loaded(run_import(text)).issuing_authority
    assert authority.as_printed is None
    assert authority.inferred == "中华人民共和国工业和信息化部"
    assert "no province prefix" in (authority.inferred_from or "")


def test_coverage_lists_full_and_short_names() -> None:
    text = CROSS.read_text(encoding="utf-8").replace("北京、上海、广东", "北京市、天津市")
    grant = loaded(run_import(text)).grants[0]
    assert grant.coverage_area.as_printed == "北京市、天津市"
    assert grant.coverage_area.regions == ["北京市", "天津市"]


def test_a_provincial_b1_b2_licence_with_numbered_grants_and_chinese_dates(cli: Invoke, tmp_path: Path) -> None:
    run = cli("import", str(FIXTURES / "guangdong_B1_B2.txt"), "-o", str(tmp_path / "gd.yaml"))
    assert run.exit_code == 0, run.stderr
    licence = load_licence(tmp_path / "gd.yaml")
    assert licence.number_parts.categories == ["B1", "B2"] and licence.number_parts.province == "广东省"
    assert licence.issuing_authority.inferred == "广东省通信管理局"
    assert str(licence.validity.issued_on) == "2023-07-01"
    assert [(g.code, g.coverage_area.regions, g.provisions) for g in licence.grants] == [
        ("B14", ["广东省"], ["二"]),
        ("B25", ["广东省"], ["三"]),
    ]
    assert licence.provision("三(一)").requires_approval == ["互联网新闻信息服务"]
    retention = licence.obligation("log-retention")
    assert retention.clauses == ["二(一)"] and retention.rule.model_dump()["amount"] == 60
    assert "no machine rule (title taken from the text): 二(二) 为用户提供安全可靠的接入服务" in run.stderr
    assert licence.provision("二(二)").title == "为用户提供安全可靠的接入服务"


def test_page_headers_run_into_a_sentence_are_cut_out() -> None:
    lines = seed_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("九、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("准，做好"))
    joined = "".join(line.strip() for line in lines[start : end + 1])
    text = "\n".join([*lines[:start], joined, *lines[end + 1 :]])
    assert_same_facts(loaded(run_import(text)), load_licence(BUNDLED))


_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})
_WIDE_DIGITS = str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)})


def test_full_width_and_half_width_mixtures_read_the_same() -> None:
    lines = seed_text().splitlines()
    mixed = [line.translate(_HALF) if i % 2 else line.translate(_WIDE_DIGITS) for i, line in enumerate(lines)]
    mixed = [line.replace("渝B2-", "渝Ｂ２－") for line in mixed]
    assert_same_facts(loaded(run_import("\n".join(mixed))), load_licence(BUNDLED))


def test_shuffled_provisions_read_the_same() -> None:
    lines = seed_text().splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    blocks: list[list[str]] = []
    for line in lines[first:]:
        if re.match(r"^[一二三四五六七八九十]+、", line) or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    random.Random(2015).shuffle(blocks)
    text = "\n".join([*lines[:first], *(line for block in blocks for line in block)])
    assert_same_facts(loaded(run_import(text)), load_licence(BUNDLED))


def _provision_positions(lines: list[str]) -> list[tuple[int, int]]:
    """(line, column) where noise may go: inside the text of each clause, after its number,
    never between two ASCII letters."""
    first = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    marker = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]\s*)")
    positions = []
    for index in range(first, len(lines)):
        line = lines[index]
        if not line.strip() or line.startswith(("#", "经营许可证编号")):
            continue
        match = marker.match(line)
        start = match.end() + 1 if match else 1
        positions += [
            (index, column)
            for column in range(start, len(line))
            if not (line[column - 1].isascii() and line[column - 1].isalpha() and line[column].isalpha())
        ]
    return positions


_LINES = seed_text().splitlines()
_POSITIONS = _provision_positions(_LINES)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(_POSITIONS) - 1), st.sampled_from([" ", "\u3000", "\n", " \n "])), max_size=25
    )
)
def test_random_spaces_and_line_breaks_inside_clauses_change_nothing(noise: list[tuple[int, str]]) -> None:
    lines = list(_LINES)
    for position, inserted in sorted(noise, key=lambda item: _POSITIONS[item[0]], reverse=True):
        row, column = _POSITIONS[position]
        lines[row] = lines[row][:column] + inserted + lines[row][column:]
    assert_same_facts(loaded(run_import("\n".join(lines))), load_licence(BUNDLED))


# Templates: recognisers are data


def test_the_templates_load_and_hold_every_obligation_id_in_order() -> None:
    templates = load_templates()
    ids = list(dict.fromkeys(template.id for template in templates.obligations))
    bundled = [o.id for o in load_licence(BUNDLED).obligations]
    assert [i for i in ids if i in bundled] == bundled


def test_no_obligation_id_or_title_is_written_in_python() -> None:
    templates = load_templates()
    kinds = set(typing.get_args(RuleTemplate.model_fields["kind"].annotation))  # rule kinds, not ids
    words = {t.id for t in templates.obligations} - kinds
    words |= {t.title for t in templates.provisions if "{" not in t.title}
    sources = {
        p.name: p.read_text(encoding="utf-8") for p in (REPO / "src" / "licencecheck" / "importing").glob("*.py")
    }
    found = [(word, name) for word in words for name, text in sources.items() if word in text]
    assert found == []


def test_obligations_are_recognised_by_wording_whatever_their_number() -> None:
    text = seed_text().replace("十四、你公司应当在每年第一季度", "三十、你公司应当在每年第一季度")
    licence = loaded(run_import(text))
    assert licence.obligation("annual-report").clauses == ["三十"]


def test_a_template_naming_a_missing_group_is_refused(tmp_path: Path) -> None:
    broken = (
        data_file(TEMPLATES_FILE).read_text(encoding="utf-8").replace("action: '保存{object}'", "action: '保存{thing}'")
    )
    path = tmp_path / TEMPLATES_FILE
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError, match=r"provision_templates.yaml:[0-9]+:[0-9]+: .*action: names \{thing\}"):
        load_model(path, ProvisionTemplates, what="provision templates")


def test_a_template_carrying_an_unknown_obligation_is_refused(tmp_path: Path) -> None:
    broken = (
        data_file(TEMPLATES_FILE)
        .read_text(encoding="utf-8")
        .replace("carries: [renewal-application]\n", "carries: [renewal-applicaton]\n", 1)
    )
    path = tmp_path / TEMPLATES_FILE
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError, match=r"carries\[0\]: no obligation template has the id 'renewal-applicaton'"):
        load_model(path, ProvisionTemplates, what="provision templates")


@pytest.mark.parametrize(
    ("text", "period"),
    [("30日", (30, "days")), ("10个工作日", (10, "working-days")), ("六个月", (6, "months")), ("一年", (1, "years")),
     ("60日", (60, "days")), ("九十天", (90, "days")), ("两年", (2, "years")), ("三十", None), ("日", None)],
)  # fmt: skip
def test_periods_in_chinese_and_arabic_numerals(text: str, period: tuple[int, str] | None) -> None:
    assert parse_period(text) == period


def test_numerals() -> None:
    assert [to_int(t) for t in ("十", "十五", "二十三", "一百二十", "二〇二二", "90", "x")] == [
        10,
        15,
        23,
        120,
        2022,
        90,
        None,
    ]


_PIECES = [
    *"一二三四五六七八九十、（）()：:，。【】\n 业务覆盖范围全国北京上海仅限不含你公司应当ab.c-0123456789",
    "经营许可证编号：",
    "业务种类",
    "第一类增值电信业务中的",
    "信息服务业务",
    "业务覆盖范围：",
    "网站名称：",
    "网站域名：",
    "有效期限：",
    "发证日期：",
    "2022年1月1日",
    "\n一、",
    "\n（一）",
    "获准经营信息服务业务相关信息\n",
    "\n## 特别规定事项\n",
]
_HEAD = "中华人民共和国增值电信业务经营许可证\n经营许可证编号：京B2-20200001\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_any_text_with_a_heading_and_a_number_imports_without_crashing(body: str) -> None:
    """Whatever follows, the result is YAML the strict reader accepts, and a result with no gap
    validates: a complete import never needs a person to notice it is wrong."""
    result = run_import(_HEAD + body)
    document = parse_yaml(result.yaml_text, "imported", what="licence file")
    if result.complete:
        Licence.model_validate(document.data)


def test_a_foreign_invested_number() -> None:
    text = seed_text().replace("渝B2-20210467", "合字B2-20210467")
    result = run_import(text)
    assert "foreign_invested: true" in result.yaml_text
    assert "province_abbreviation: null" in result.yaml_text


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("2026年 10月 20 日", "2026-10-20"),
        ("2026-10-20", "2026-10-20"),
        ("二〇二六年十月二十日", "2026-10-20"),
        ("二〇二六年十月三十一日", "2026-10-31"),
        ("2021年10月21日至2026年10月20日", "2026-10-20"),
        ("12026年 10月 20 日", None),
        ("2026年 10月 200 日", None),
        ("2026年 010月 20 日", None),
        ("一二〇二六年十月二十日", None),
        ("二〇二六年十月二十一十日", None),
    ],
)
def test_dates_are_read_on_digit_boundaries(printed: str, read: str | None) -> None:
    """A digit more on either side is no date: never 2026 out of 12026, nor 20 out of 200."""
    result = run_import(seed_text().replace("有效期限: 2026年 10月 20 日", f"有效期限: {printed}"))
    if read is None:
        assert [gap.message for gap in result.gaps] == [f"有效期限 {printed.replace(' ', '')!r} is not a date"]
        assert [gap.line for gap in result.gaps] == [31]
    else:
        assert result.complete, result.gaps
        assert f"valid_until: {read}" in result.yaml_text


def test_a_grant_category_with_nothing_after_it_is_a_gap() -> None:
    result = run_import(_HEAD + "业务种类第一类增值电信业务中的")
    assert "a grant's category is printed but no service after it" in [gap.message for gap in result.gaps]


def test_a_second_licence_number_is_a_gap_and_nothing_is_inferred_from_the_first() -> None:
    text = seed_text().replace("渝B2-20210467", "川B2-20190001", 1)
    result = run_import(text)
    messages = [(gap.line, gap.message) for gap in result.gaps]
    assert messages[0] == (
        5,
        "the text gives 2 different licence numbers: 川B2-20190001 (line 5), 渝B2-20210467 (lines 33, 73, 97, 149); "
        "this file was read for 川B2-20190001: correct the misread copy, or import each licence from its own text",
    )
    assert (5, "the seal is blank and the licence number is in doubt: no authority is inferred") in messages
    assert "inferred: 四川省" not in result.yaml_text and "valid_from" not in result.yaml_text


def test_a_number_quoted_again_in_a_provision_is_the_same_number() -> None:
    text = seed_text().replace("一、你公司应当按照", "一、你公司(渝B2-20210467)应当按照", 1)
    assert run_import(text).complete
