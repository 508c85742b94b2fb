"""`deadlines`, `validity` and `timeline` in Chinese: whole sentences with Chinese dates and
full-width punctuation, while the JSON's data (ids, statuses, ISO dates, the English
computation) is the same in every language."""

from __future__ import annotations

import json

from rich.cells import cell_len

from tests.conftest import REPO, Invoke

RECORDS = str(REPO / "examples" / "compliance" / "records.yaml")
RENEWAL = str(REPO / "examples" / "compliance" / "renewal-filed.yaml")


def _zh(cli: Invoke, *args: str, columns: int = 1000) -> str:
    return cli("--lang", "zh", *args, env={"COLUMNS": str(columns)}).stdout


def test_an_expired_licence_is_said_in_chinese(cli: Invoke) -> None:
    out = _zh(cli, "validity", "--on", "2026-11-30")
    assert "渝B2-20210467的有效期已于2026年10月20日届满（截至2026年11月30日已过41天）" in out
    assert "由于没有延续申请的记录（如已提出，请用 --records 提供记录），许可证不能延续" in out
    assert "即告失效并将被注销，须重新申请许可证（《中华人民共和国行政许可法》第七十条第（一）项；" in out


def test_the_renewal_warning_names_the_deadline_in_chinese(cli: Invoke) -> None:
    out = _zh(cli, "validity", "--on", "2026-09-01")
    assert "渝B2-20210467在有效期内，至2026年10月20日届满（剩余49天）" in out
    assert "延续申请应于2026年7月22日前提出（已过41天；特别规定事项十二）" in out


def test_renewal_pending_in_chinese(cli: Invoke) -> None:
    out = _zh(cli, "validity", "--on", "2026-11-01", "--records", RENEWAL)
    assert "但已于2026年7月15日提出延续申请，未超过2026年7月22日的期限，目前延续申请待审批。" in out
    assert "视为准予延续（《中华人民共和国行政许可法》第五十条）" in out


def test_a_window_says_what_the_data_does_not(cli: Invoke) -> None:
    out = _zh(cli, "deadlines", "--on", "2026-06-01")
    assert "每年第一季度：2026年1月1日至2026年3月31日（每年固定日期，遇休息日不顺延）" in out
    assert "未确认：应于2026年3月31日前完成（已过62天）；未提供 --records，无法确认是否已报送" in out
    assert "说明：未提供 --records，无从得知哪些事项已报送" in out


def test_statuses_and_computations_in_chinese(cli: Invoke) -> None:
    out = _zh(cli, "deadlines", "--on", "2026-10-10", "--records", RECORDS, "--event", "illegal-info-report=2026-09-28")
    assert "已完成，于2026年3月10日报送（按时）" in out
    assert "已逾期：应于2026年7月22日前完成（已逾期80天），记录中未见报送" in out
    assert "即将到期，应于2026年10月16日前完成（剩余6天）" in out
    assert "自2026年9月28日起10个工作日，2026年9月28日当日不计入（参照《民法典》第二百零一条）" in out
    assert "在有效期内" in out and "in-force" not in out


def test_json_data_stays_english_while_messages_are_chinese(cli: Invoke) -> None:
    args = ("deadlines", "--on", "2026-10-10", "--event", "illegal-info-report=2026-09-28", "--format", "json")
    en = json.loads(cli(*args).stdout)
    zh = json.loads(cli("--lang", "zh", *args).stdout)
    item = next(f for f in zh["findings"] if f["data"].get("obligation") == "illegal-info-report")
    assert item["data"] == next(f["data"] for f in en["findings"] if f["subject"] == item["subject"])
    assert item["data"]["computation"].startswith("10 working days after 2026-09-28")
    assert item["message"] == (
        "违法信息处置报告 illegal-info-report (2026-09-28)：即将到期，应于2026年10月16日前完成（剩余6天）"
    )


def test_a_missing_calendar_is_refused_in_chinese(cli: Invoke) -> None:
    run = cli("--lang", "zh", "deadlines", "--on", "2031-06-01", "--event", "illegal-info-report=2031-05-28")
    assert run.exit_code == 2
    assert "illegal-info-report（事件日2031年5月28日）：无法准确计算期限：尚无2031年的官方工作日安排" in run.stderr
    assert "期限最早为2031年6月7日" in run.stderr


def test_an_estimate_says_so_in_chinese(cli: Invoke) -> None:
    out = _zh(cli, "deadlines", "--on", "2031-06-01", "--estimate", "--event", "illegal-info-report=2031-05-28")
    assert "（估算：该年尚无官方节假日安排）" in out
    assert "元旦2031年1月1日；春节2031年1月22日至2031年1月25日；" in out
    assert "说明：估算：2031年的日期只把周末和法定节假日算作休息日" in out


def test_timeline_rows_line_up_with_chinese_labels(cli: Invoke) -> None:
    out = _zh(cli, "timeline", "--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28", columns=100)
    lines = out.splitlines()
    assert lines[0] == "渝B2-20210467：有效期2021年10月20日至2026年10月20日（检查日：2026年9月30日）"
    rows = [line for line in lines if line.startswith(("有效期", "annual-report", "检查日"))]
    assert len(rows) == 3 and len({cell_len(row) for row in rows}) == 1
    assert "█ 有效期内  ▒ 报送期  ▲ 期限  │ 检查日" in lines
    assert "  违法信息处置报告 illegal-info-report (2026-09-28)：即将到期，期限为2026年10月16日" in lines


def test_timeline_chart_items_in_chinese(cli: Invoke) -> None:
    args = ("timeline", "--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28", "--format", "json")
    timeline = json.loads(cli("--lang", "zh", *args).stdout)["timeline"]
    items = {item["id"]: item for band in timeline["bands"] for item in band["items"]}
    assert items["licence1-annual-report-2026"]["label"] == ["2026年1月1日–3月31日", "已过期限，未提供记录"]
    assert items["licence1-illegal-info-report-2026-09-28"]["label"][0] == "事件日2026年9月28日，期限2026年10月16日"
    assert {"key": "day-checked", "text": "检查日"} in timeline["legend"]
