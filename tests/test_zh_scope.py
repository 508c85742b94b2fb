"""`scope` and `business` in Chinese: the key lines as a compliance officer reads them, the
verdict column as wide as the widest verdict word, and messages translated once per run (in
every worker) while the English stays what it was."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import REPO, Invoke

EXAMPLES = REPO / "examples"
LICENCES = str(EXAMPLES / "licences")


def test_a_covered_host_in_chinese(cli: Invoke) -> None:
    out = cli("--lang", "zh", "scope", "maichetong.com.cn", "--on", "2026-06-01").stdout
    assert out.startswith("通过     maichetong.com.cn         在许可范围内（匹配 maichetong.com.cn）\n")
    assert "maichetong.com.cn（渝B2-20210467）：\n  网站：卖车通\n" in out
    assert "  许可业务 B21 在线数据处理与交易处理业务（仅限经营类电子商务；不含" in out
    assert out.endswith("通过：已检查1个，在许可范围内1个，不在许可范围内0个，无效0个\n")


def test_findings_of_scope_in_chinese(cli: Invoke) -> None:
    args = ["scope", "www.maichetong.com.cn", "maichetong.com.cn", "192.0.2.1", "example.com", "a..b"]
    result = cli("--lang", "zh", *args, "--on", "2026-06-01", "--format", "json")
    messages = [finding["message"] for finding in json.loads(result.stdout)["findings"]]
    assert messages == [
        "www.maichetong.com.cn 在许可范围内：其上级域名 maichetong.com.cn（卖车通）已列入许可证渝B2-20210467",
        "maichetong.com.cn（卖车通）在许可范围内：已列入许可证渝B2-20210467",
        "192.0.2.1 是IP地址，不是许可证所列域名：许可证渝B2-20210467只列明域名",
        "example.com 未列入许可证渝B2-20210467",
        "无效的检查对象“a..b”：有空的标签（连续两个点，或以点开头）",
    ]
    assert result.stderr == "licencecheck：错误：无效的检查对象“a..b”：有空的标签（连续两个点，或以点开头）\n"


def test_a_host_of_an_expired_licence_and_a_warning_in_chinese(cli: Invoke) -> None:
    expired = cli("--lang", "zh", "scope", "www.maichetong.com.cn", "--on", "2030-01-01", "--format", "json")
    finding = json.loads(expired.stdout)["findings"][0]
    assert finding["message"] == (
        "www.maichetong.com.cn 的上级域名 maichetong.com.cn（卖车通）已列入许可证渝B2-20210467，"
        "但该许可证已于2026年10月20日过期"
    )
    text = cli("--lang", "zh", "scope", "www.maichetong.com.cn", "--on", "2030-01-01").stdout
    assert text.startswith(
        "失败     www.maichetong.com.cn     已列入（匹配 maichetong.com.cn），但许可证已于2026年10月20日过期\n"
    )
    warned = cli("--lang", "zh", "scope", "maichetong.com.cn", "--on", "2026-09-01", "--format", "json")
    assert json.loads(warned.stdout)["findings"][0]["message"].endswith(
        "；渝B2-20210467的有效期于2026年10月20日届满，剩余49天（延续申请应于2026年7月22日前提出）"
    )


def test_a_portfolio_names_the_licence_of_each_line_in_chinese(cli: Invoke) -> None:
    args = ["scope", "maichetong.com.cn", "static.yunfancdn.com.cn", "--on", "2026-06-01", "--licence", LICENCES]
    out = cli("--lang", "zh", *args).stdout
    assert "失败     maichetong.com.cn         未列入许可证\n" in out
    assert "通过     static.yunfancdn.com.cn   在许可范围内（匹配 B1.B2-20180352 所列 yunfancdn.com.cn）\n" in out
    assert "yunfancdn.com.cn（B1.B2-20180352）：\n" in out


def test_lines_of_a_target_list_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes(b"maichetong.com.cn\n\xff.com\nexa mple.com\n")
    result = cli("--lang", "zh", "scope", "--from", str(hosts), "--on", "2026-06-01")
    assert (
        "无法运行 \\xff.com                  第2行无效：不是UTF-8文本；请将检查对象列表另存为UTF-8编码\n"
        in result.stdout
    )
    assert f"licencecheck：错误：{hosts}:2: 不是UTF-8文本；请将检查对象列表另存为UTF-8编码\n" in result.stderr
    assert (
        f"licencecheck：错误：{hosts}:3: 无效的检查对象“exa mple.com”："
        "主机名或网址中不能有空白字符或控制字符\n" in result.stderr
    )


def test_the_verdict_column_fits_the_widest_verdict_word() -> None:
    from licencecheck.i18n import activate
    from licencecheck.render.stream import TextSink

    activate("zh")
    sink = TextSink(io.StringIO(), width=80, colour=False)
    assert sink.gutter == 9  # 无法运行 and a space
    assert {len(label.encode("gbk")) for label in sink.labels.values()} == {9}
    activate("en")
    assert TextSink(io.StringIO(), width=80, colour=False).gutter == 6


def test_an_interrupted_batch_says_so_in_chinese() -> None:
    from licencecheck.checks.scope_batch import _stop_reason
    from licencecheck.i18n import activate
    from licencecheck.render.stream import TextSink

    activate("zh")
    out = io.StringIO()
    sink = TextSink(out, width=120, colour=False)
    sink.started = True
    counts = {"pass": 1, "warn": 0, "fail": 0, "error": 0, "checked": 1, "covered": 1, "not_covered": 0, "invalid": 0}
    sink.abort(counts, _stop_reason(KeyboardInterrupt()))
    assert out.getvalue() == "\n未通过：已停止（已中断），此前已检查1个，在许可范围内1个，不在许可范围内0个，无效0个\n"


def test_business_in_chinese(cli: Invoke) -> None:
    args = ["business", "经营类电子商务", "网络视听节目服务", "p2p-lending", "--on", "2026-06-01", "--format", "json"]
    findings = json.loads(cli("--lang", "zh", *args).stdout)["findings"]
    assert findings[0]["message"].startswith(
        "经营类电子商务（e-commerce）获许可（覆盖范围：重庆市），属于B21 在线数据处理"
    )
    assert findings[1]["message"] == (
        "网络视听节目服务（online-audiovisual）需另行审批：根据特别规定事项十六(一)，须分两步办理，"
        "先取得国家广播电视总局核发的信息网络传播视听节目许可证（《互联网视听节目服务管理规定》），"
        "再向发证机关重庆市通信管理局（推定，证书未载明）办理渝B2-20210467的经营许可证增项手续"
    )
    assert findings[2]["message"] == (
        "网络借贷信息中介类的互联网金融（p2p-lending）被许可证排除："
        "B21 在线数据处理与交易处理业务 不含网络借贷信息中介类的互联网金融业务"
    )


def test_the_catalogue_tree_in_chinese(cli: Invoke) -> None:
    out = cli("--lang", "zh", "business", "--list", "--on", "2026-06-01").stdout
    assert out.startswith("按《电信业务分类目录（2015年版）》检查渝B2-20210467（检查日：2026年6月1日）\n")
    assert "├── B12：内容分发网络业务（cdn）  · 未获许可\n" in out
    assert "e-commerce：经营类电子商务（e-commerce、ecommerce）  ✔ 获许可" in out
    assert "\n许可证状态（检查日：2026年6月1日）\n" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["business", "frobnication"], "未知的业务名称“frobnication”；是否指 multiparty-communication？"),
        (["business", "cdn", "--region", "火星"], "--region “火星”：不是省级行政区；请给出名称（四川、四川省）"),
        (["scope"], "没有检查对象：请以参数给出域名或网址，或用 --from FILE 指定列表文件"),
    ],
)
def test_errors_of_scope_and_business_in_chinese(cli: Invoke, args: list[str], said: str) -> None:
    result = cli("--lang", "zh", *args)
    assert result.exit_code == 2
    assert said in result.stderr
