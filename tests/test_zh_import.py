"""`licencecheck import` in Chinese: what it says on stderr, the comments of the YAML it writes
and its errors are Chinese, while the YAML's keys, ids and facts are those of the English run
(the file validates either way)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licencecheck import i18n
from licencecheck.importing.core import import_licence
from licencecheck.importing.source import Source
from licencecheck.models import Licence
from licencecheck.strictyaml import parse_yaml
from tests.conftest import REPO, Invoke
from tests.pdfs import cjk_pdf
from tests.test_import import _HEAD, _PIECES
from tests.test_zh_output import english_sentences

SEED = REPO / "tests" / "data" / "licence_text_yu_B2_20210467.txt"
CROSS = REPO / "examples" / "licences" / "cross_regional_B1_B2.txt"
PROSE = {"note", "inferred_from"}
"""Keys whose values the importer writes as prose for people, in the language of the run."""


def _facts(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _facts(item) for key, item in value.items() if key not in PROSE}
    if isinstance(value, list):
        return [_facts(item) for item in value]
    return value


def _imported(text: str, language: str) -> tuple[str, list[str]]:
    i18n.activate(language)
    result = import_licence(Source("licence.txt", text, "text"))
    return result.yaml_text, [gap.message for gap in result.gaps]


def test_the_seed_says_what_it_read_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "imported.yaml"
    run = cli("--lang", "zh", "import", str(SEED), "--output", str(out))
    assert run.exit_code == 0, run.stderr
    lines = run.stderr.splitlines()
    assert lines[0] == (
        f"import：已读取 {SEED}（文本）：许可证渝B2-20210467，2项许可业务、4个网站、37条特别规定事项、10项义务"
    )
    assert "import：推定有效期起始日：2021年10月20日（证书所载发证日期为2022年10月31日" in run.stderr
    assert "import：推定在线数据处理与交易处理业务的覆盖范围：重庆市（" in run.stderr
    assert lines[-1] == f"import：已将许可证渝B2-20210467完整写入 {out}"
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# 增值电信业务经营许可证 渝B2-20210467，由 `licencecheck import` 从 ")
    assert "  note: 文本中公章处为空白，读不出发证机关名称。\n" in written
    assert not english_sentences(run.stderr) and not english_sentences(written)
    assert cli("--lang", "zh", "validate", str(out)).exit_code == 0


def test_the_facts_do_not_depend_on_the_language() -> None:
    for path in (SEED, CROSS):
        text = path.read_text(encoding="utf-8")
        documents = [
            parse_yaml(_imported(text, language)[0], "imported", what="licence file") for language in ("en", "zh")
        ]
        en, zh = (Licence.model_validate(document.data).model_dump() for document in documents)
        assert _facts(en) == _facts(zh)
        if path is SEED:  # its seal is blank: the note and the reasons are prose, in the run's language
            assert en["issuing_authority"]["note"] != zh["issuing_authority"]["note"]


def test_gaps_are_chinese_and_the_file_still_reads(cli: Invoke, tmp_path: Path) -> None:
    """A gap quotes what it read with “…” in Chinese, escaping what does not print, so the YAML
    comment it is written into still reads; the FILE:LINE: prefix stays as editors parse it."""
    text = CROSS.read_text(encoding="utf-8").replace("业务覆盖范围: 全国", "业务覆盖范围: 火星\x07")
    source, out = tmp_path / "licence.txt", tmp_path / "imported.yaml"
    source.write_text(text, encoding="utf-8")
    run = cli("--lang", "zh", "import", str(source), "--output", str(out))
    assert run.exit_code == 1
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "火星" in row)
    assert f"{source}:{line}: 缺项：业务覆盖范围“火星\\x07”中既没有省份，也没有“全国”" in run.stderr
    assert run.stderr.splitlines()[-1] == (
        f"import：已写入 {out}，有1处缺项：请逐一补全 `# GAP` 处，再用 `licencecheck validate` 校验"
    )
    written = out.read_text(encoding="utf-8")
    assert f"coverage_area: null  # GAP: 业务覆盖范围“火星\\x07”中既没有省份，也没有“全国”（文本第{line}行）" in written
    assert "# 缺项：有1项内容未能读出，每项都写为 `null` 并附 `# GAP:` 注释；" in written
    parse_yaml(written, "imported", what="licence file")
    assert cli("validate", str(out)).exit_code == 1


def test_more_gaps_in_chinese() -> None:
    seed = SEED.read_text(encoding="utf-8")
    text = seed.replace("公司名称: 重庆万象优车科技有限公司", "").replace(
        "有效期限: 2026年 10月 20 日", "有效期限: 2026年 02月 30 日"
    )
    assert _imported(text, "zh")[1] == ["未找到持证单位（公司名称）", "有效期限“2026年02月30日”不是实际存在的日期"]
    numbers = seed + "\n经营许可证编号：渝B2-20210468\n"
    assert _imported(numbers, "zh")[1][0] == (
        "文本中出现了2个不同的许可证编号：渝B2-20210467（第5、33、73、97、…行）、渝B2-20210468（第164行）；"
        "本文件按渝B2-20210467读取，请更正误读之处，或将每份许可证分别从各自的文本导入"
    )


def test_what_is_not_a_licence_is_refused_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    empty, scan = tmp_path / "empty.txt", tmp_path / "scan.pdf"
    empty.write_text("", encoding="utf-8")
    scan.write_bytes(cjk_pdf([[]]))
    run = cli("--lang", "zh", "import", str(empty))
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"licencecheck：错误：{empty} 不是许可证文本（未找到经营许可证编号），未写出任何内容\n"
    run = cli("--lang", "zh", "import", str(scan))
    assert run.exit_code == 2
    assert f"PDF {scan} 没有文字层（是扫描件吗？）；请先做 OCR，再导入识别出的文字" in run.stderr
    assert not english_sentences(run.stderr)


def test_the_pdf_text_layer_is_named_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    pdf = tmp_path / "licence.pdf"
    pdf.write_bytes(cjk_pdf([lines[:40], lines[40:]]))
    run = cli("--lang", "zh", "import", str(pdf))
    assert run.exit_code == 0, run.stderr
    assert f"import：已读取 {pdf}（PDF 文字层）：许可证渝B2-20210467" in run.stderr
    assert f"从 {pdf}（PDF 文字层）导入。" in run.stdout


def test_help_keeps_the_examples_as_typed() -> None:
    from licencecheck.cli.import_licence import EPILOG

    i18n.activate("zh")
    translated = i18n._(EPILOG)
    assert translated != EPILOG
    examples = [line for line in EPILOG.splitlines() if "licencecheck import" in line]
    assert examples and all(line in translated.splitlines() for line in examples)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*_PIECES, "\x07", "\u3000", "'\"#", "火星\n"]), max_size=100).map("".join))
def test_chinese_gap_comments_keep_the_yaml_readable(body: str) -> None:
    """What a gap quotes goes into a YAML comment: in Chinese too, the strict reader accepts the file."""
    text, _gaps = _imported(_HEAD + body, "zh")
    parse_yaml(text, "imported", what="licence file")
