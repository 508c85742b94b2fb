"""Chinese output carries no English sentence: every command, format, help page and error line run
with `--lang zh` (and through the locale variables) is read for runs of English words.

What may stay in Latin letters: ids and keys (renewal-application, in-force), option and
environment names, domains, URLs, paths, licence numbers, ISO dates in machine formats, format
names and product names (JSON, SARIF, JUnit, GitHub, Chromium, Playwright, WCAG)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, Invoke

EXAMPLES = REPO / "examples"
RECORDS = str(EXAMPLES / "compliance" / "records.yaml")
RENEWAL = str(EXAMPLES / "compliance" / "renewal-filed.yaml")
LICENCES = str(EXAMPLES / "licences")
GATE = str(EXAMPLES / "licencecheck.yaml")
PORTFOLIO = str(EXAMPLES / "portfolio" / "licencecheck.yaml")

COMMANDS: dict[str, list[str]] = {
    "deadlines": ["deadlines", "--on", "2026-10-10", "--records", RECORDS, "--event", "illegal-info-report=2026-09-28"],
    "deadlines-today": ["deadlines"],
    "deadlines-planned": ["deadlines", "--on", "2026-06-01", "--event", "service-item-change-report=2026-07-05"],
    "deadlines-renewal": ["deadlines", "--on", "2026-12-30", "--records", RENEWAL],
    "deadlines-portfolio": ["deadlines", "--on", "2026-06-01", "--licence", LICENCES],
    "scope": ["scope", "maichetong.com.cn"],
    "scope-url": ["scope", "https://www.autoengine.com/path", "--on", "2026-06-01"],
    "scope-batch": ["scope", "--from", str(EXAMPLES / "hosts.txt"), "--on", "2026-06-01"],
    "scope-invalid": ["scope", "bad..example.com", "192.0.2.1", "--on", "2026-06-01"],
    "scope-portfolio": [
        "scope",
        "maichetong.com.cn",
        "static.yunfancdn.com.cn",
        "--on",
        "2026-06-01",
        "--licence",
        LICENCES,
    ],
    "business-list": ["business", "--list", "--on", "2026-06-01"],
    "business": ["business", "经营类电子商务", "网络视听节目服务", "B25", "p2p-lending", "--on", "2026-06-01"],
    "business-region": ["business", "cdn", "--region", "广东", "--on", "2026-06-01", "--licence", LICENCES],
    "validity": ["validity"],
    "validity-warn": ["validity", "--on", "2026-09-01"],
    "validity-pending": ["validity", "--on", "2026-11-01", "--records", RENEWAL],
    "show": ["show", "--on", "2026-06-01"],
    "show-full": ["show", "--full", "--on", "2026-06-01"],
    "timeline": ["timeline", "--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28"],
    "validate": ["validate", str(REPO / "data" / "licence_yu_B2_20210467.yaml")],
    "gate": ["gate", GATE],
    "gate-portfolio": ["gate", PORTFOLIO],
    "import": ["import", str(REPO / "tests" / "data" / "licence_text_yu_B2_20210467.txt")],
}
EXITS = {"scope-invalid": (2,)}
"""Commands that cannot check everything (exit 2) and still report in full."""
FORMATS = ["json", "html", "github", "junit", "sarif", "ics"]
OFFERED = {
    "deadlines": ["json", "html", "ics", "junit"],
    "gate": ["json", "html", "github", "junit", "sarif"],
    "scope": ["json", "github", "junit", "sarif"],
    "validity": ["json", "html"],
    "show": ["json", "html"],
}
ERRORS: dict[str, list[str]] = {
    "no-such-file": ["show", "--licence", "/nonexistent/licence.yaml"],
    "bad-date": ["validity", "--on", "2026-13-45"],
    "no-such-option": ["validity", "--no-such-option"],
    "no-such-command": ["frobnicate"],
    "bad-format": ["validity", "--format", "xml"],
    "bad-event": ["deadlines", "--event", "no-such-duty=2026-01-01"],
    "missing-value": ["validity", "--on"],
    "unknown-term": ["business", "frobnication"],
    "no-calendar": ["deadlines", "--on", "2031-06-01", "--event", "illegal-info-report=2031-05-28"],
}

ALLOWED = re.compile(
    r"""
      (?m:^.*\blicencecheck\s(?:[a-z]+\s)?[\w./-]+.*$)   # example command lines in --help
    | [a-z]+://\S+                                  # URLs
    | \$?\b[A-Z][A-Z0-9_]{2,}\b                     # environment names, metavars, SC
    | --?[A-Za-z][\w-]*(?:=\S*)?                    # options
    | \b[\w.-]+\.(?:yaml|yml|json|txt|html|ics|xml|sarif|svg|png|pdf|js|css|j2)\b   # file names
    | (?:\.{0,2}/)?(?:[\w.-]+/)+[\w.-]*             # paths
    | \b[a-z0-9]+(?:-[a-z0-9]+)+\b                  # ids and keys (renewal-application)
    | \b[\w-]+(?:\.[\w-]+)+\b                       # domains, versions
    | \b(?:JSON|SARIF|JUnit|GitHub|Chromium|Playwright|WCAG|YAML|HTML|PDF|PNG|SVG|URL|IDN|IDNA|UTF-8|MIIT)\b
    | \blicencecheck\b
    """,
    re.VERBOSE,
)
ENGLISH = re.compile(r"\b[A-Za-z][a-z]+(?:[ \t]+[A-Za-z][a-z]+)+\b")
"""Two or more English words in a row."""


def english_sentences(text: str) -> list[str]:
    """Runs of English words left when ids, names, paths and product names are taken out."""
    return ENGLISH.findall(ALLOWED.sub(" ⋯ ", text))


def _visible_html(text: str) -> str:
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def _human_parts(output: str, fmt: str) -> str:
    """What a person reads in a format: messages and texts, not keys, ids or markup."""
    if fmt == "json":
        return "\n".join(_json_strings(json.loads(output), skip={"id", "status", "verdict", "kind", "command"}))
    if fmt == "sarif":
        doc = json.loads(output)
        return "\n".join(_json_strings(doc, keys={"text", "markdown", "fullDescription", "shortDescription"}))
    if fmt in ("html", "junit"):
        return _visible_html(output)
    if fmt == "ics":
        return "\n".join(
            line.split(":", 1)[1] for line in output.splitlines() if line.startswith(("SUMMARY", "DESCRIPTION"))
        )
    return output


def _json_strings(
    value: object, *, skip: set[str] = frozenset(), keys: set[str] | None = None, key: str = ""
) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in skip for s in _json_strings(v, skip=skip, keys=keys, key=k)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v, skip=skip, keys=keys, key=key)]
    if isinstance(value, str) and (keys is None or key in keys or key == "text"):
        return [value] if key in ("message", "text", "note", "notes", "title", "summary", "markdown") or keys else []
    return []


def _run_zh(cli: Invoke, args: list[str]) -> tuple[int, str, str]:
    result = cli("--lang", "zh", *args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_text_in_chinese_has_no_english_sentence(cli: Invoke, name: str) -> None:
    code, out, err = _run_zh(cli, COMMANDS[name])
    assert code in EXITS.get(name, (0, 1)), err
    assert not english_sentences(out), english_sentences(out)[:10]
    assert not english_sentences(err), english_sentences(err)[:10]
    assert re.search(r"[\u4e00-\u9fff]", out)


@pytest.mark.parametrize(
    ("name", "fmt"), [(name, fmt) for name, args in COMMANDS.items() for fmt in OFFERED.get(args[0], [])]
)
def test_formats_in_chinese_have_no_english_sentence(cli: Invoke, name: str, fmt: str) -> None:
    code, out, err = _run_zh(cli, [*COMMANDS[name], "--format", fmt])
    assert code in EXITS.get(name, (0, 1)), err
    words = english_sentences(_human_parts(out, fmt))
    assert not words, words[:10]


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_lines_in_chinese_have_no_english_sentence(cli: Invoke, name: str) -> None:
    code, _out, err = _run_zh(cli, ERRORS[name])
    assert code == 2
    assert err.startswith("licencecheck：")
    assert not english_sentences(err), err


HELP = [
    [],
    *[
        [c]
        for c in (
            "scope",
            "business",
            "deadlines",
            "gate",
            "show",
            "timeline",
            "validate",
            "validity",
            "schema",
            "import",
        )
    ],
]


@pytest.mark.parametrize("args", HELP, ids=lambda a: " ".join(a) or "root")
def test_help_in_chinese_has_no_english_sentence(cli: Invoke, args: list[str]) -> None:
    code, out, err = _run_zh(cli, [*args, "--help"])
    assert code == 0, err
    assert "用法" in out
    assert not english_sentences(out), english_sentences(out)[:10]


@pytest.mark.parametrize(
    "environ",
    [
        {"LANG": "zh_CN.UTF-8"},
        {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"},
        {"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"},
        {"LICENCECHECK_LANG": "zh", "LANG": "en_US.UTF-8"},
    ],
)
def test_the_locale_asks_for_chinese(cli: Invoke, environ: dict[str, str]) -> None:
    result = cli("validity", "--on", "2026-09-01", env=environ)
    assert "2026年10月20日" in result.stdout


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"LANG": "C"},
        {"LANG": "fr_FR.UTF-8"},
        {"LANGUAGE": "zh_CN", "LC_ALL": "C"},
        {"LICENCECHECK_LANG": "en", "LANG": "zh_CN.UTF-8"},
    ],
)
def test_english_when_nothing_asks_for_chinese(cli: Invoke, environ: dict[str, str]) -> None:
    result = cli("validity", "--on", "2026-09-01", env=environ)
    assert "2026-10-20" in result.stdout and not re.search(r"[年月日]", result.stdout.replace("发证日期", ""))


def test_lang_option_wins_over_the_environment(cli: Invoke) -> None:
    assert (
        "2026年10月20日"
        in cli("validity", "--on", "2026-09-01", "--lang", "zh", env={"LICENCECHECK_LANG": "en"}).stdout
    )
    assert "2026-10-20" in cli("--lang=en", "validity", "--on", "2026-09-01", env={"LANG": "zh_CN.UTF-8"}).stdout


@pytest.mark.parametrize(
    ("args", "env"), [(["--lang", "fr"], {}), (["--lang"], {}), ([], {"LICENCECHECK_LANG": "klingon"})]
)
def test_an_unknown_language_is_exit_2_naming_where(cli: Invoke, args: list[str], env: dict[str, str]) -> None:
    result = cli(*args, "validity", env=env)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and ("--lang" in result.stderr or "LICENCECHECK_LANG" in result.stderr)


def test_json_keys_and_ids_stay_english(cli: Invoke) -> None:
    en = json.loads(cli("deadlines", "--on", "2026-10-10", "--format", "json").stdout)
    zh = json.loads(cli("--lang", "zh", "deadlines", "--on", "2026-10-10", "--format", "json").stdout)

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items() if k not in ("message", "title", "notes", "text", "clause")}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return value

    for report in (en, zh):
        report.pop("generated_at", None)
        report.pop("elapsed_seconds", None)
    assert shape(en) == shape(zh)
    assert en["findings"][0]["message"] != zh["findings"][0]["message"]


def test_detector_finds_english(tmp_path: Path) -> None:
    assert english_sentences("渝B2-20210467 is in force until 2026年10月20日")
    assert not english_sentences(
        "渝B2-20210467 有效期至2026年10月20日（renewal-application，--records，maichetong.com.cn）"
    )
