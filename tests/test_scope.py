"""scope: the normaliser, the matcher (with property tests) and the command."""

from __future__ import annotations

import json
from pathlib import Path

import idna
import pytest
from hypothesis import given
from hypothesis import strategies as st

from licencecheck.checks.scope import IP_ADDRESS, normalise_target
from licencecheck.hostnames import HostError, listed_under

from .conftest import Invoke

LICENSED = frozenset({"maichetong.com.cn", "autoengine.com"})
IN_FORCE = "2026-06-01"
LABEL = st.from_regex(r"\A[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?\Z")


@pytest.mark.parametrize(
    ("target", "host"),
    [
        ("maichetong.com.cn", "maichetong.com.cn"),
        ("MaiCheTong.COM.cn.", "maichetong.com.cn"),
        ("https://maichetong.com.cn@evil.example/", "evil.example"),
        ("https://user:pw@www.autoengine.com:8443/a?b=c#d", "www.autoengine.com"),
        ("ftp://autoengine.com", "autoengine.com"),
        ("ＭＡＩＣＨＥＴＯＮＧ．ＣＯＭ．ＣＮ", "maichetong.com.cn"),
        ("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
        ("xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"),
        ("  autoengine.com\t", "autoengine.com"),
    ],
)
def test_normalise(target: str, host: str) -> None:
    assert normalise_target(target) == ("name", host)


@pytest.mark.parametrize("target", ["1.2.3.4", "[::1]", "http://[2001:db8::1]:80/", "http://10.0.0.1/x"])
def test_ip_addresses_are_recognised(target: str) -> None:
    assert normalise_target(target)[0] == IP_ADDRESS


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("", "empty target"),
        ("   ", "empty target"),
        ("a..b.com", "empty label"),
        ("-a.com", "starts or ends with a hyphen"),
        ("a-.com", "starts or ends with a hyphen"),
        ("a" * 64 + ".com", "64 octets long"),
        (".".join(["abcdefghi"] * 26), "octets long; at most 253"),
        ("not a domain!", "white space"),
        ("under_score.com", "characters not allowed in host names: '_'"),
        ("http://", "the URL has no host"),
        ("xn--zz.com", "not a valid internationalised name"),
        ("https://evil.example\\@maichetong.com.cn/", "backslash"),
        ("1.2.3.999", "neither a domain name nor an IP address"),
    ],
)
def test_invalid_targets(target: str, reason: str) -> None:
    with pytest.raises(HostError, match=None) as caught:
        normalise_target(target)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("name", "matched"),
    [
        ("maichetong.com.cn", "maichetong.com.cn"),
        ("www.maichetong.com.cn", "maichetong.com.cn"),
        ("a.b.autoengine.com", "autoengine.com"),
        ("evilmaichetong.com.cn", None),
        ("maichetong.com.cn.evil.example", None),
        ("maichetong.com", None),
        ("com.cn", None),
        (idna.encode("maichetоng.com.cn", uts46=True).decode(), None),  # Cyrillic о
    ],
)
def test_listed_on_label_boundaries(name: str, matched: str | None) -> None:
    assert listed_under(name, LICENSED) == matched


@given(st.lists(LABEL, min_size=0, max_size=5), st.sampled_from(sorted(LICENSED)))
def test_any_subdomain_of_a_licensed_domain_is_listed(labels: list[str], domain: str) -> None:
    name = ".".join([*labels, domain])
    kind, host = normalise_target(name.upper())
    assert kind == "name"
    assert listed_under(host, LICENSED) == domain


@given(st.text(max_size=40), st.sampled_from(sorted(LICENSED)))
def test_nothing_else_is_ever_listed(prefix: str, domain: str) -> None:
    for text in (prefix, prefix + domain, domain + prefix, f"https://{domain}@{prefix}"):
        try:
            _, host = normalise_target(text)
        except HostError:
            continue
        matched = listed_under(host, LICENSED)
        if matched is not None:
            assert host == matched or host.endswith("." + matched)
            # An independent reading of the same text must agree that it is that subdomain.
            reference = idna.encode(host, uts46=True).decode().lower()
            assert reference == matched or reference.endswith("." + matched)


def flat(text: str) -> str:
    """Text with its line breaks and indents as single spaces (a line may wrap anywhere)."""
    return " ".join(text.split())


def test_today_listed_but_expired(cli: Invoke) -> None:
    run = cli("scope", "maichetong.com.cn", "--on", "2026-11-28")
    assert run.exit_code == 1
    assert "listed under maichetong.com.cn, but the licence expired on 2026-10-20" in flat(run.stdout)
    assert "licence: 渝B2-20210467 expired on 2026-10-20" in flat(run.stdout)


def test_default_day_is_today_and_the_licence_has_expired(cli: Invoke) -> None:
    run = cli("scope", "maichetong.com.cn")
    assert run.exit_code == 1
    assert "but the licence expired on 2026-10-20" in flat(run.stdout)


def test_before_issue_is_not_in_force(cli: Invoke) -> None:
    run = cli("scope", "autoengine.com", "--on", "2021-10-19")
    assert run.exit_code == 1
    assert "not yet in force" in run.stdout


def test_covered_shows_website_grants_server_and_provider(cli: Invoke) -> None:
    run = cli("scope", "www.maichetong.com.cn", "--on", IN_FORCE, env={"COLUMNS": "300"})
    assert run.exit_code == 0, run.stdout
    assert run.stdout.startswith("PASS  www.maichetong.com.cn     covered by maichetong.com.cn\n")
    assert "maichetong.com.cn on 渝B2-20210467:\n  website: 卖车通\n" in run.stdout
    for fact in (
        "B21",
        "B25",
        "不含网络借贷信息中介类的互联网金融业务",
        "电信传输大楼",
        "中联云港数据科技股份有限公司",
        "附页",
    ):
        assert fact in run.stdout


def test_not_listed_differs_from_expired(cli: Invoke) -> None:
    run = cli("scope", "evilmaichetong.com.cn", "--on", IN_FORCE)
    assert run.exit_code == 1
    assert run.stdout.startswith("FAIL  evilmaichetong.com.cn     not listed\n")


def test_warning_window_passes_unless_strict(cli: Invoke) -> None:
    assert cli("scope", "autoengine.com", "--on", "2026-09-01").exit_code == 0
    run = cli("scope", "autoengine.com", "--on", "2026-09-01", "--strict")
    assert run.exit_code == 1
    assert "WARN" in run.stdout


def test_ip_address_is_not_covered(cli: Invoke) -> None:
    run = cli("scope", "1.2.3.4", "--on", IN_FORCE)
    assert run.exit_code == 1
    assert "1.2.3.4                   an IP address, not a licensed domain" in run.stdout


def test_invalid_target_is_exit_2_and_does_not_stop_the_batch(cli: Invoke) -> None:
    run = cli("scope", "a..b.com", "autoengine.com", "--on", IN_FORCE)
    assert run.exit_code == 2
    assert "invalid target 'a..b.com'" in run.stderr
    assert "ERROR a..b.com                  invalid: empty label" in run.stdout
    assert "PASS  autoengine.com            covered by autoengine.com" in run.stdout


def test_batch_from_file_with_comments_and_line_numbers(cli: Invoke, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_text("# release hosts\n\nwww.autoengine.com\nbad..name\nmaichetong.com.cn\n", encoding="utf-8")
    run = cli("scope", "--from", str(hosts), "--on", IN_FORCE, "--format", "json")
    assert run.exit_code == 2
    report = json.loads(run.stdout)
    assert report["summary"] == {
        "pass": 2,
        "warn": 0,
        "fail": 0,
        "error": 1,
        "checked": 3,
        "covered": 2,
        "not_covered": 0,
        "invalid": 1,
    }
    assert report["ok"] is False
    statuses = [(f["data"]["line"], f["data"]["status"]) for f in report["findings"]]
    assert statuses == [(3, "covered"), (4, "invalid"), (5, "covered")]
    assert ":4: invalid target 'bad..name'" in run.stderr
    assert report["licensed_domains"]["autoengine.com"]["website"] == "四轮引擎"


def test_batch_from_stdin(cli: Invoke) -> None:
    run = cli("scope", "--from", "-", "--on", IN_FORCE, stdin="autoengine.com\nexample.com\n")
    assert run.exit_code == 1
    assert "NOT OK: 2 checked, 1 covered, 1 not covered, 0 invalid" in run.stdout


@pytest.mark.parametrize("content", ["", "# only a comment\n\n"])
def test_empty_target_file_fails_closed(cli: Invoke, tmp_path: Path, content: str) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_text(content, encoding="utf-8")
    run = cli("scope", "--from", str(hosts))
    assert run.exit_code == 2
    assert "no targets in" in run.stderr


def test_no_targets_at_all_fails_closed(cli: Invoke) -> None:
    run = cli("scope")
    assert run.exit_code == 2
    assert "no targets" in run.stderr


def test_non_utf8_target_file(cli: Invoke, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes("卖车通.com\n".encode("gbk"))
    run = cli("scope", "--from", str(hosts))
    assert run.exit_code == 2
    assert f"{hosts}:1: not UTF-8 text" in run.stderr


def test_missing_target_file(cli: Invoke, tmp_path: Path) -> None:
    run = cli("scope", "--from", str(tmp_path / "nope.txt"))
    assert run.exit_code == 2
    assert f"{tmp_path / 'nope.txt'}: target list not found" in run.stderr


def reference_targets(text: str) -> list[tuple[int, str]]:
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    found = []
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip(" \t\r\u3000")
        if stripped and not stripped.startswith("#"):
            found.append((number, stripped))
    return found


@given(
    st.lists(st.sampled_from(["a.com", "", "# c", " b.cn ", "\r", "卖车通.中国", "x" * 7]), max_size=30),
    st.integers(min_value=1, max_value=16),
    st.booleans(),
)
def test_block_reader_keeps_line_numbers_across_blocks(lines: list[str], chunk: int, final_newline: bool) -> None:
    import io

    from licencecheck.checks.scope import read_targets

    text = "\n".join(lines) + ("\n" if final_newline and lines else "")
    got = list(read_targets(io.BytesIO(text.encode("utf-8")), "t", chunk_size=chunk))
    assert got == reference_targets(text)


def test_block_reader_names_the_line_of_a_bad_byte_and_reads_on() -> None:
    import io

    from licencecheck.checks.scope import read_targets
    from licencecheck.report import Finding

    data = b"a.com\nb.com\n" * 5 + "卖车通.com\n".encode("gbk") + b"c.com\n"
    got = list(read_targets(io.BytesIO(data), "t", chunk_size=7))
    assert [line for line, _ in got] == list(range(1, 13))
    bad = got[10][1]
    assert isinstance(bad, Finding) and bad.message == "t:11: not UTF-8 text; save the target list as UTF-8"
    assert bad.data == {"status": "invalid", "host": None, "line": 11, "error": bad.message.removeprefix("t:11: ")}
    assert got[11] == (12, "c.com")


LINE_PIECES = [
    b"a.com",
    b"",
    b"# c",
    b" b.cn ",
    b"\r",
    "卖车通.中国".encode(),
    b"\xc2\xf4",
    b"\xe5\x8d",
    b"\x00",
    b"#\xff",
]


def reference_entries(data: bytes, limit: int) -> list[tuple[int, str]]:
    """What a target list holds, line by line: the target, or the reason it is not one."""
    from licencecheck.checks.scope import NOT_UTF8, TOO_LONG

    lines = data.split(b"\n")
    entries = []
    for number, line in enumerate(lines, start=1):
        if len(line) > limit:
            entries.append((number, TOO_LONG))
            continue
        raw = line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line
        shown = raw.decode("utf-8", "replace").strip(" \t\r\u3000")
        if not shown or shown.startswith("#"):  # blank, or a comment whatever its bytes
            continue
        try:
            entries.append((number, raw.decode("utf-8").strip(" \t\r\u3000")))
        except UnicodeDecodeError:
            entries.append((number, NOT_UTF8))
    return entries


@given(
    st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=4).map(b"".join), max_size=30),
    st.integers(min_value=1, max_value=16),
    st.booleans(),
    st.booleans(),
)
def test_bad_and_long_lines_are_named_at_any_block_size(
    lines: list[bytes], chunk: int, final_newline: bool, bom: bool
) -> None:
    import io
    from unittest import mock

    from licencecheck.checks import scope as checks
    from licencecheck.report import Finding

    data = (b"\xef\xbb\xbf" if bom else b"") + b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    with mock.patch.object(checks, "MAX_LINE_BYTES", 12):
        got = list(checks.read_targets(io.BytesIO(data), "t", chunk_size=chunk))
        expected = reference_entries(data, 12)
    shown = [(line, target.data["error"] if isinstance(target, Finding) else target) for line, target in got]
    assert shown == expected


class EndlessLine:
    """50 MB of one line, then a newline and a host, served as asked."""

    def __init__(self) -> None:
        self.left = 50_000_000
        self.tail = b"\nautoengine.com\n"

    def read(self, size: int) -> bytes:
        if self.left:
            size = min(size, self.left)
            self.left -= size
            return b"x" * size
        data, self.tail = self.tail[:size], self.tail[size:]
        return data


def test_an_endless_line_is_skipped_without_being_held() -> None:
    import tracemalloc
    from typing import BinaryIO, cast

    from licencecheck.checks.scope import TOO_LONG, read_targets
    from licencecheck.report import Finding

    tracemalloc.start()
    try:
        entries = list(read_targets(cast(BinaryIO, EndlessLine()), "big"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4_000_000
    line, finding = entries[0]
    assert line == 1 and isinstance(finding, Finding) and finding.data["error"] == TOO_LONG
    assert finding.message == f"big:1: {TOO_LONG}" and finding.subject == "x" * 40 + "…"
    assert entries[1:] == [(2, "autoengine.com")]


@given(
    st.dictionaries(
        st.text(max_size=8),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=3)),
        max_size=6,
    ),
    st.text(max_size=30),
)
def test_fast_finding_json_equals_json_dumps(data: dict[str, object], message: str) -> None:
    from licencecheck.render.stream import _finding_json
    from licencecheck.report import Finding, Verdict

    finding = Finding("scope", 's\u00e9"x', Verdict.WARN, message, "附页", data)
    assert json.loads(_finding_json(finding)) == finding.as_json()
    escaped = _finding_json(finding, json.encoder.encode_basestring_ascii)
    assert escaped.isascii() and json.loads(escaped) == finding.as_json()


def test_text_rows_show_control_characters_and_stay_one_line() -> None:
    import io

    from licencecheck.render.stream import TextSink
    from licencecheck.report import Finding, Verdict

    sink = TextSink(io.StringIO(), width=200, colour=False)
    data = {"status": "invalid", "line": 3, "error": "bad\x07\nFAKE PASS"}
    row = sink.format(Finding("scope", "\x1b[2Jgone\nFAKE PASS\x85", Verdict.ERROR, "m", "附页\x07", data))
    assert row == "ERROR \\x1b[2Jgone\\x0aFAKE PASS\\x85  line 3: invalid: bad\\x07\\x0aFAKE PASS\n"


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "gbk", "cp1252"])
def test_json_sink_fits_its_stream_and_closes_when_stopped(encoding: str) -> None:
    import io

    from licencecheck.render.stream import JsonSink
    from licencecheck.report import Finding, Verdict

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding)
    sink = JsonSink(out)
    sink.start({"licence": "渝B2-20210467"})
    sink.write([sink.format(Finding("scope", "例子.中国", Verdict.FAIL, "not listed", "附页", {"line": 1}))])
    sink.abort({"checked": 1}, "interrupted")
    sink.abort({"checked": 1}, "twice")  # closed once only
    out.flush()
    text = raw.getvalue().decode(encoding)
    assert text.isascii() or encoding == "utf-8"
    report = json.loads(text)
    assert report["licence"] == "渝B2-20210467" and report["findings"][0]["subject"] == "例子.中国"
    assert (report["summary"], report["ok"], report["error"]) == ({"checked": 1}, False, "interrupted")


def test_parallel_batch_writes_exactly_what_the_sequential_one_does(cli: Invoke, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    lines = []
    for i in range(40_000):  # several read blocks
        lines.append(
            ["www{}.maichetong.com.cn", "shop{}.example.com", "bad..{}.com", "# comment {}", "", "autoengine.com"][
                i % 6
            ].format(i)
        )
    hosts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for output_format in ("text", "json"):
        args = ("scope", "--from", str(hosts), "--on", IN_FORCE, "--format", output_format)
        sequential = cli(*args, env={"LICENCECHECK_WORKERS": "1"})
        parallel = cli(*args, env={"LICENCECHECK_WORKERS": "2"})
        assert sequential.exit_code == parallel.exit_code == 2
        assert sequential.stdout == parallel.stdout
        assert sequential.stderr == parallel.stderr
    report = json.loads(parallel.stdout)
    assert report["summary"] == {
        "pass": 13_333,
        "warn": 0,
        "fail": 6_667,
        "error": 6_667,
        "checked": 26_667,
        "covered": 13_333,
        "not_covered": 6_667,
        "invalid": 6_667,
    }
    assert [f["data"]["line"] for f in report["findings"][:4]] == [1, 2, 3, 6]


def test_bad_worker_setting_is_exit_2(cli: Invoke) -> None:
    run = cli("scope", "autoengine.com", env={"LICENCECHECK_WORKERS": "many"})
    assert run.exit_code == 2
    assert "LICENCECHECK_WORKERS" in run.stderr
