"""The command line in Chinese: every command's help and epilog are translated, the examples in
a Chinese epilog are the English ones to the byte (tests/test_help_examples.py runs the English
ones), and the errors the command line itself raises read in Chinese."""

from __future__ import annotations

import importlib
import re

import pytest
import typer

from licencecheck import i18n
from tests.conftest import Invoke
from tests.test_help_examples import COMMANDS, RUNS, logical_lines

COMMENT = re.compile(r"\s+#.*$")
"""A comment after an example's command (shell: `#` after a blank); translated with the prose."""


def _examples(epilog: str) -> list[str]:
    return [line for line in logical_lines(epilog) if RUNS.search(line)]


def _command(line: str) -> str:
    return COMMENT.sub("", line)


def _exit_said(line: str) -> str | None:
    said = re.search(r"#.*?(?:\bexit |退出码\s*)(\d+)", line)
    return said.group(1) if said else None


@pytest.mark.parametrize("command", COMMANDS)
def test_the_chinese_epilog_runs_the_english_examples(command: str) -> None:
    english: str = importlib.import_module(f"licencecheck.cli.{command}").EPILOG
    i18n.activate("zh")
    chinese = i18n._(english)
    assert chinese != english and "示例：" in chinese, f"{command}: the epilog is not translated"
    en, zh = _examples(english), _examples(chinese)
    assert [_command(line) for line in zh] == [_command(line) for line in en]
    assert [_exit_said(line) for line in zh] == [_exit_said(line) for line in en]
    assert english.count("\\\n") == chinese.count("\\\n")  # continuations join the same lines


def test_every_command_and_option_help_is_translated() -> None:
    group = typer.main.get_command(__import__("licencecheck.cli", fromlist=["app"]).app)
    i18n.activate("zh")
    untranslated = []
    for name, command in [("", group), *group.commands.items()]:
        texts = [command.help, *(getattr(p, "help", None) for p in command.params)]
        untranslated += [(name, text) for text in texts if text and i18n._(text) == text]
    assert not untranslated, untranslated


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["deadlines", "--horizon", "-1"],
            "licencecheck：错误：'--horizon' 的值无效：-1 是负数；天数须为0或更大的整数"
            "（参见“licencecheck deadlines --help”）",
        ),
        (
            ["validity", "--warn-days", "lots"],
            "licencecheck：错误：'--warn-days' 的值无效：“lots”不是天数；请填写0或更大的整数"
            "（参见“licencecheck validity --help”）",
        ),
        (
            ["show", "--licence", " "],
            "licencecheck：错误：'--licence' 的值无效：路径为空；请指定一个许可证文件，或存放许可证文件的文件夹"
            "（参见“licencecheck show --help”）",
        ),
        (
            ["validity", "--format", "ics"],
            "licencecheck：错误：此命令不提供 --format ics；可选：text、json、junit、sarif、github、html",
        ),
        (
            ["validity", "--format", "json", "--format", "sarif"],
            "licencecheck：错误：给了2个 --format 和0个 --output：每个 --format 须对应一个 --output，"
            "或少给一个（那种格式输出到标准输出）",
        ),
        (
            ["validity", "-f", "text", "-f", "json", "-f", "sarif", "-o", "-", "-o", "-"],
            "licencecheck：错误：只能有一种格式输出到标准输出，现在有 text、json、sarif；"
            "请为每种格式各给一个 --output FILE",
        ),
    ],
)
def test_command_line_errors_in_chinese(cli: Invoke, args: list[str], line: str) -> None:
    run = cli("--lang", "zh", *args)
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr == line + "\n"


def test_help_in_chinese_reads_the_translated_texts(cli: Invoke) -> None:
    run = cli("--lang", "zh", "deadlines", "--help")
    assert run.exit_code == 0
    flat = re.sub(r"[\s│]+", "", run.stdout)
    assert "按许可证适用的规则，列出某一天相关的所有报送期和期限。" in flat
    assert "示例：" in flat and "退出码：0表示没有逾期事项" in flat
    assert "licencecheckdeadlines--on2026-09-30--eventillegal-info-report=2026-09-28" in flat
