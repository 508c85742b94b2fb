"""The renderers in Chinese: the outcome line, the licence as `show` prints it, the HTML report,
the calendar, the chart and the CI formats say their own words in Chinese (the checks' messages
are tested with the checks); English stays as the goldens have it."""

from __future__ import annotations

import json
import re
from datetime import date

from licencecheck import i18n
from licencecheck.report import Finding, Report, Verdict

from .conftest import REPO, Invoke

RECORDS = str(REPO / "examples" / "compliance" / "records.yaml")
YU = "渝B2-20210467"


def test_the_outcome_line_and_the_columns_are_chinese(cli: Invoke) -> None:
    out = cli("--lang", "zh", "validity", "--on", "2026-09-01").stdout
    assert out.splitlines()[-1] == "通过：0项通过，1项警告，0项失败"
    assert "结论" in out and "检查对象" in out and "详情" in out and "条款" in out


def test_strict_and_errors_in_the_outcome_line() -> None:
    from licencecheck.render.text import summary_line

    report = Report(command="scope", licence_number=YU, on=date(2026, 6, 1), strict=True)
    report.add(Finding("scope", "a", Verdict.WARN, "w", "-"))
    report.add(Finding("scope", "b", Verdict.ERROR, "e", "-"))
    i18n.activate("zh")
    assert summary_line(report).plain == "未通过：0项通过，1项警告，0项失败，1项无法检查（严格模式：警告也算失败）"
    i18n.activate("en")
    assert summary_line(report).plain == (
        "NOT OK: 0 passed, 1 warned, 0 failed, 1 could not be checked (strict: warnings fail)"
    )


def test_blocks_label_their_fields_in_chinese(cli: Invoke) -> None:
    run = cli("--lang", "zh", "validity", "--on", "2026-09-01", env={"COLUMNS": "60"})
    assert "      条款：正文 发证日期、有效期限" in run.stdout.splitlines()


def test_show_labels_the_licence_facts_in_chinese(cli: Invoke) -> None:
    lines = cli("--lang", "zh", "show", "--on", "2026-06-01").stdout.splitlines()
    assert lines[1].startswith(f"许可证编号    {YU}（据编号解读，证书未另行载明：省份“渝”即重庆市；")
    assert "持证单位      重庆万象优车科技有限公司" in lines
    assert "有效期届满日  2026年10月20日" in lines
    assert "网站（附页）" in lines and "设有检查规则的义务" in lines


def test_the_html_report_is_chinese(cli: Invoke) -> None:
    text = cli("--lang", "zh", "validity", "--on", "2026-09-01", "--format", "html").stdout
    assert '<html lang="zh-CN">' in text
    assert '<span class="badge">通过</span>' in text
    assert '有效期至<span class="token">2026年10月20日</span>' in text
    for heading in ("<h2>时间线</h2>", "<h2>检查结果</h2>", "<th>依据</th>", "<dt>检查日</dt>"):
        assert heading in text
    assert "Findings" not in text and "valid until" not in text


def test_the_calendar_speaks_chinese_and_keeps_its_properties(cli: Invoke) -> None:
    out = cli("--lang", "zh", "deadlines", "--on", "2026-10-10", "--records", RECORDS, "--format", "ics").stdout
    unfolded = re.sub(r"\r?\n ", "", out).replace("\r\n", "\n")
    assert f"X-WR-CALNAME:{YU} 期限" in unfolded
    assert f"SUMMARY:{YU} 有效期届满日（在有效期内的最后一天）" in unfolded
    assert "DESCRIPTION:renewal-application 截止日为2026年7月22日：剩余7天（含截止当日）" in unfolded
    assert "PRODID:-//licencecheck//deadlines//EN" in unfolded and "TRIGGER;RELATED=END:-P30D" in unfolded


def test_the_chart_names_months_and_legend_in_chinese(cli: Invoke) -> None:
    out = cli("--lang", "zh", "timeline", "--on", "2026-09-30", "--format", "json").stdout
    assert json.loads(out)  # the data stays as it is
    from licencecheck.render.timeline_chart import timeline_svg

    report = Report(command="timeline", licence_number=YU, on=date(2026, 9, 30))
    report.extra["timeline"] = json.loads(out)["timeline"]
    i18n.activate("zh")
    svg = timeline_svg(report)
    assert ">10月<" in svg and ">4月<" in svg and ">图例<" in svg
    assert f"{YU}的许可证时间线（检查日：2026年9月30日）" in svg
    assert ">Oct<" not in svg and "Legend" not in svg


def test_the_ci_formats_keep_keys_and_say_words_in_chinese() -> None:
    from licencecheck.render.ci import render_github, render_junit, render_sarif
    from licencecheck.render.step_summary import render_step_summary

    report = Report(command="gate", licence_number=YU, on=date(2026, 6, 1), strict=True)
    report.add(Finding("pages", "dist/a.html", Verdict.WARN, "页面未标明许可证编号", "二"))
    report.notes.append("一条说明")
    i18n.activate("zh")
    github = render_github(report).splitlines()
    assert github[0] == "::error title=licencecheck pages（条款：二）::页面未标明许可证编号"
    assert github[-1] == "::notice title=licencecheck gate::未通过：0项通过，1项警告，0项失败，0项无法检查"
    sarif = json.loads(render_sarif(report))["runs"][0]["results"][0]
    assert sarif["message"]["text"] == "页面未标明许可证编号（许可证条款：二）"
    assert sarif["level"] == "error" and sarif["properties"]["verdict"] == "warn"
    junit = render_junit(report)
    assert "页面未标明许可证编号\n条款：二</failure>" in junit and "说明：一条说明" in junit
    summary = render_step_summary(report).splitlines()
    assert summary[0] == f"### licencecheck gate：未通过（{YU}）"
    assert summary[4] == "| 结论 | 检查对象 | 详情 | 条款 |"
    assert summary[6].startswith("| ⚠️ 警告（严格模式下算失败） | ")
    assert summary[-2:] == ["> 说明：一条说明", ""]
