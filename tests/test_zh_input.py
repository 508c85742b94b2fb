"""Error lines about inputs and outputs in Chinese: a hostile licence, records file, calendar or
manifest, a special file, a non-UTF-8 file, an output over an input. Each Chinese line keeps its
file:line:column and field path, and carries no English sentence; pydantic's own (English-only)
messages are said in Chinese by their error type."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from licencecheck import i18n
from licencecheck.datafiles import PYDANTIC_MESSAGES, error_message
from tests.conftest import BUNDLED, REPO, Invoke
from tests.test_zh_output import english_sentences

INVALID = REPO / "tests" / "examples" / "licence" / "invalid"
RECORDS = REPO / "examples" / "compliance" / "records.yaml"
LICENCE = BUNDLED.read_text(encoding="utf-8")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _error(cli: Invoke, *args: str) -> str:
    """The one stderr line of a run in Chinese that could not run (exit 2)."""
    run = cli("--lang", "zh", *args)
    assert run.exit_code == 2, (run.stdout, run.stderr)
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("licencecheck：错误："), run.stderr
    return lines[0].removeprefix("licencecheck：错误：")


def _chinese_only(line: str) -> None:
    assert CHINESE.search(line), line
    assert not english_sentences(line), (english_sentences(line), line)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# (file in tests/examples/licence/invalid, the position, the field path or None)
LICENCES = [
    ("alias_bomb.yaml", "2:4", None),
    ("bad_domain.yaml", "32:17", "grants[0].websites[0].domain"),
    ("bad_number.yaml", "3:9", "number"),
    ("duplicate_key.yaml", "14:1", None),
    ("duplicate_obligation.yaml", "49:9", "obligations[1].id"),
    ("end_before_issue.yaml", "18:16", "validity.valid_until"),
    ("explicit_tag.yaml", "12:9", None),
    ("impossible_date.yaml", "18:16", "validity.valid_until"),
    ("inferred_without_reason.yaml", "15:3", "issuing_authority"),
    ("multiple_documents.yaml", "49:1", None),
    ("number_mismatch.yaml", "9:9", "number_parts.year"),
    ("province_mismatch.yaml", "7:13", "number_parts.province"),
    ("syntax_error.yaml", "2:1", None),
    ("top_level_list.yaml", "1:1", None),
    ("unknown_clause.yaml", "42:15", "obligations[0].clauses[0]"),
    ("unknown_key.yaml", "36:9", "grants[0].websites[0].owner"),
    ("unknown_region.yaml", "26:48", "grants[0].coverage_area.regions[0]"),
    ("unknown_rule_kind.yaml", "45:7", "obligations[0].rule"),
    ("wrong_type_text.yaml", "12:9", "holder"),
    ("yaml11_boolean_is_text.yaml", "13:23", "legal_representative"),
    ("gbk.yaml", "1:9", None),
]


@pytest.mark.parametrize(("name", "position", "field"), LICENCES, ids=[case[0] for case in LICENCES])
def test_an_invalid_licence_is_said_in_chinese_at_its_position(
    cli: Invoke, name: str, position: str, field: str | None
) -> None:
    path = str(INVALID / name)
    line = _error(cli, "show", "--licence", path)
    assert line.startswith(f"{path}:{position}："), line
    if field is not None:
        assert line.startswith(f"{path}:{position}：{field}："), line
    _chinese_only(line)


@pytest.mark.parametrize("name", ["empty.yaml", "comment_only.yaml"])
def test_an_empty_licence_is_said_in_chinese(cli: Invoke, name: str) -> None:
    path = str(INVALID / name)
    assert _error(cli, "show", "--licence", path) == f"{path}：许可证文件为空"


def test_validate_lists_every_problem_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    text = LICENCE.replace("schema_version: 1", 'schema_version: "1"').replace("holder:", "owner:", 1)
    path = _write(tmp_path, "broken.yaml", text)
    run = cli("--lang", "zh", "validate", str(path))
    assert run.exit_code == 1, run.stderr
    problems = [line.strip() for line in run.stdout.splitlines() if line.startswith("  ")]
    assert any(re.match(rf"{re.escape(str(path))}:\d+:\d+：schema_version：应为整数", p) for p in problems), problems
    assert any(re.match(rf"{re.escape(str(path))}:\d+:\d+：owner：未知的键", p) for p in problems), problems
    assert any(re.match(rf"{re.escape(str(path))}:\d+:\d+：holder：缺少必填的键", p) for p in problems), problems
    for problem in problems:
        _chinese_only(problem)


# Records files: (body after the licence line, field path)
RECORDS_CASES = [
    ("filings: {obligation: annual-report}\n", "filings"),
    ("filings:\n  - {obligation: annual-report, year: '2026', filed_on: 2026-03-01}\n", "filings[0].year"),
    ("filings:\n  - {obligation: annual-report, year: 2026, filed_on: 20260301}\n", "filings[0].filed_on"),
    ("filings:\n  - {obligation: annual-report, year: 2026, filed_on: 2026-02-30}\n", "filings[0].filed_on"),
    ("filings:\n  - {obligation: annual-report, year: 2026, filed_on: 2300-01-01}\n", "filings[0].filed_on"),
    ("filings:\n  - {obligation: annual-report, year: 99999, filed_on: 2026-03-01}\n", "filings[0].year"),
    ("filings:\n  - {year: 2026, filed_on: 2026-03-01}\n", "filings[0].obligation"),
    ("events:\n  - {obligation: illegal-info-report, occurred_on: 2026-09-28, by: me}\n", "events[0].by"),
    ("extra: 1\n", "extra"),
]


@pytest.mark.parametrize(("body", "field"), RECORDS_CASES, ids=[case[1] for case in RECORDS_CASES])
def test_an_invalid_records_file_is_said_in_chinese(cli: Invoke, tmp_path: Path, body: str, field: str) -> None:
    path = _write(tmp_path, "records.yaml", "licence: 渝B2-20210467\n" + body)
    line = _error(cli, "deadlines", "--on", "2026-09-30", "--records", str(path))
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+：{re.escape(field)}：", line), line
    assert line.endswith("（在记录文件中）"), line
    _chinese_only(line)


def test_a_records_licence_written_as_a_number_is_said_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "records.yaml", "licence: 20210467\n")
    line = _error(cli, "deadlines", "--records", str(path))
    assert line == (
        f"{path}:1:10：licence：应为文本，实际填写的是20210467；YAML 会把它读作数字或布尔值，若是文本请加引号"
        "（在记录文件中）"
    )


MANIFESTS = [
    ("domains: autoengine.com\n", "domains"),
    ("domains: [autoengine.com]\nsurprise: 1\n", "surprise"),
    ("domains: [autoengine.com]\ndata_retention_days: '400'\n", "data_retention_days"),
    ("services: [{service: cdn}]\n", "services[0].regions"),
    ("services: [{service: cdn, regions: []}]\n", "services[0].regions"),
    ("domains: [autoengine.com]\nrelease_date: 1780272000\n", "release_date"),
]


@pytest.mark.parametrize(("text", "field"), MANIFESTS, ids=[case[1] + str(i) for i, case in enumerate(MANIFESTS)])
def test_an_invalid_manifest_is_said_in_chinese(cli: Invoke, tmp_path: Path, text: str, field: str) -> None:
    path = _write(tmp_path, "licencecheck.yaml", text)
    line = _error(cli, "gate", str(path))
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+：{re.escape(field)}：", line), line
    _chinese_only(line)


CALENDARS = [
    "schema_version: 1\nyears:\n  - year: '2099'\n    source: x\n    holidays: []\n    workdays: []\n",
    "schema_version: 1\nyears: []\n",
    "schema_version: 1\nyears:\n  - year: 2099\n    source: x\n    holidays: []\n    workdays: 2099-01-10\n",
    "schema_version: true\nyears:\n  - {year: 2099, source: x, holidays: [], workdays: []}\n",
]


@pytest.mark.parametrize("text", CALENDARS)
def test_an_invalid_calendar_is_said_in_chinese(cli: Invoke, tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "calendar.yaml", text)
    line = _error(cli, "deadlines", "--on", "2026-06-01", "--calendar", str(path))
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+：[\w\[\].]+：", line), line
    _chinese_only(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: {b: 1\n", ":2:1：YAML 格式错误：缺少预期的 ',' 或 '}'"),
        ("a: [1, 2\n", ":2:1：YAML 格式错误：缺少预期的 ',' 或 ']'"),
        ("a: b: c\n", ":1:5：YAML 格式错误：此处不允许出现映射值（请检查缩进；含冒号的文本请加引号）"),
        ("a: 1\na: 2\n", ":2:1：键“a”重复（首次出现在第1行第1列）"),
        ("a: &x 1\nb: *x\n", ":1:4：不允许使用锚点（&x）；请直接写出值"),
        ("a: 1\n---\nb: 2\n", ":2:1：一个文件中有多个 YAML 文档；应只有一个"),
        ("a: !!str 1\n", ":1:4：不允许使用显式标签（tag:yaml.org,2002:str）"),
        ("a: \x07\n", ":1:4：YAML 格式错误：不允许使用控制字符U+0007"),
        ("- 1\n", ":1:1：许可证文件的顶层应为键值映射，而不是列表"),
        ("just text\n", ":1:1：许可证文件的顶层应为键值映射，而不是单个值（“just text”）"),
    ],
)
def test_a_strict_yaml_refusal_is_said_in_chinese(cli: Invoke, tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "licence.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert _error(cli, "show", "--licence", str(path)) == f"{path}{expected}"


def test_a_gbk_file_is_said_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "licence.yaml"
    path.write_bytes("holder: 重庆\n".encode("gbk"))
    assert _error(cli, "show", "--licence", str(path)) == (
        f"{path}:1:9：不是 UTF-8 文本（字节0xd6）；请将文件另存为 UTF-8 编码（原文件可能是 GBK 或其他旧编码）"
    )


def test_special_files_are_said_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert (
        _error(cli, "show", "--licence", str(fifo)) == f"{fifo}：这是命名管道（FIFO），不是普通文件；此处应为许可证文件"
    )
    assert _error(cli, "show", "--licence", "/dev/null") == "/dev/null：这是字符设备，不是普通文件；此处应为许可证文件"
    assert (
        _error(cli, "show", "--licence", "/nonexistent/licence.yaml") == "/nonexistent/licence.yaml：找不到许可证文件"
    )
    records = str(fifo)
    assert (
        _error(cli, "deadlines", "--records", records)
        == f"{fifo}：这是命名管道（FIFO），不是普通文件；此处应为记录文件"
    )


def test_a_huge_file_is_said_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "licence.yaml"
    path.write_bytes(b"# " + b"x" * 1_100_000 + b"\n")
    assert _error(cli, "show", "--licence", str(path)) == f"{path}：许可证文件超过1024 KiB，拒绝读取"


def test_outputs_are_refused_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    records = str(RECORDS)
    line = _error(cli, "deadlines", "--records", records, "--format", "json", "--output", records)
    assert line == f"输出文件 {records} 也是本次运行读取的输入（{records}），写入会将其覆盖"
    line = _error(cli, "validity", "--format", "json", "--output", str(tmp_path))
    assert line == f"输出文件 {tmp_path} 是目录；请给出文件名"
    missing = tmp_path / "missing" / "out.json"
    line = _error(cli, "validity", "--format", "json", "--output", str(missing))
    assert line == f"输出文件 {missing} 所在的文件夹 {missing.parent} 不存在"


def test_english_keeps_pydantic_words(cli: Invoke) -> None:
    """English is what it was: pydantic's own message, and the file:line:column: field: prefix."""
    path = str(INVALID / "wrong_type_text.yaml")
    run = cli("show", "--licence", path)
    assert run.stderr.strip() == (
        f"licencecheck: error: {path}:12:9: holder: Input should be a valid string (got 12345); "
        "put text that YAML reads as a number or boolean in quotes (in the licence file)"
    )


def test_every_mapped_pydantic_message_has_chinese_words() -> None:
    i18n.activate("zh")
    for kind, template in PYDANTIC_MESSAGES.items():
        said = i18n._(template)
        assert said != template, kind
        assert not english_sentences(said), (kind, said)


def test_an_unmapped_pydantic_type_keeps_pydantic_words() -> None:
    error = {"type": "url_parsing", "msg": "Input should be a valid URL, empty host", "ctx": {"error": "empty host"}}
    i18n.activate("zh")
    assert error_message(error) == "Input should be a valid URL, empty host"
    i18n.activate("en")
    assert error_message({"type": "string_type", "msg": "Input should be a valid string"}) == (
        "Input should be a valid string"
    )


def test_alternatives_are_listed_as_chinese_lists_them() -> None:
    i18n.activate("zh")
    error = {
        "type": "literal_error",
        "msg": "Input should be 'transactions', 'logs' or 'platform-data'",
        "ctx": {"expected": "'transactions', 'logs' or 'platform-data'"},
    }
    assert error_message(error) == "应为'transactions'、'logs'或'platform-data'"
