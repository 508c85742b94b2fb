"""The fast path of `scope --from` (batch.FastPath): plain lines give the findings, the counts and
the bytes that the careful path gives (check_target, formatted by the sink and encoded as the
stream would encode it), for any lines, licences, days, languages, widths and encodings."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licencecheck import i18n
from licencecheck.batch import FastPath, Tally, _process_text, process_job
from licencecheck.checks.scope import (
    MAX_LINE_BYTES,
    ParentMatches,
    RawBlock,
    ScopeIndex,
    check_target,
    normalise_target,
    parse_line,
    plain_line,
)
from licencecheck.hostnames import listed_under
from licencecheck.render.stream import FindingSink, JsonSink, TextSink
from licencecheck.report import Shown

from .conftest import REPO

DOMAINS = ["maichetong.com.cn", "autoengine.com", "yunfancdn.com.cn", "xyyunsuan.cn", "com.cn", "cn", "example.com"]
PIECES = [
    *DOMAINS,
    *(f"www.{domain}" for domain in DOMAINS),
    *(f"x{domain}" for domain in DOMAINS),
    "a", "z9", "0", "123", "1a", "a-b", "a--b", "-a", "a-", "xn--", "xn--fsqu00a", "XN--", "ABC", "卖车通", "例子",
    ".", "..", "-", "--", "://", "https://", "HTTP://", "h+t.t-p://", "9x://", "//", "/", "?", "#", "@", ":", ":80",
    "[", "]", "[::1]", "%41", '"', "\\", " ", "\t", "\r", "\u3000", "\x00", "\x0b", "\x7f", "\x85", "\xa0",
    "1.2.3.4", "10.0.0.1", ".123", "a" * 63, "a" * 64, "é", "#",
]  # fmt: skip

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

piece_lines = st.lists(st.sampled_from(PIECES), min_size=0, max_size=8).map("".join)
ascii_lines = st.text(st.characters(min_codepoint=0, max_codepoint=127, exclude_characters="\n"), max_size=40)


# The plain line and the host it names ----------------------------------------------------------


@SETTINGS
@given(st.one_of(piece_lines, ascii_lines))
def test_a_plain_line_is_read_and_normalised_as_the_careful_path_reads_it(text: str) -> None:
    raw = text.encode("utf-8")
    plain = plain_line(raw)
    if plain is None:
        return
    target, host = plain
    assert parse_line("t", 2, raw) == target.decode("ascii")
    assert normalise_target(target.decode("ascii")) == ("name", host.decode("ascii"))


@pytest.mark.parametrize(
    "text",
    [
        "a" * 64 + ".com",  # a label over 63 characters
        ".".join(["abcdefghi"] * 26),  # a name over 253 characters
        "a..b.com",
        ".a.com",
        "a.com.",
        "-a.com",
        "a-.com",
        "a.-b.com",
        "xn--zz.com",
        "1.2.3.4",
        "a.b.123",
        "http://",
        "https://a.com:443/",
        "https://user@a.com/",
        "https://a.com\\@b.com/",
        'https://a.com/"',
        "https://a.com/a b",
        "HTTPS://A.COM/",
        "A.com",
        "a.com/path",
        "# a.com",
        "a.com\x00",
        "\ufeffa.com",
        "\x0ba.com",  # blanks but for space, tab and CR: invalid (white space in a host name)
        "a.com\x0c",
        "\u3000a.com",
    ],
)
def test_what_the_fast_path_leaves_to_the_careful_path(text: str) -> None:
    assert plain_line(text.encode("utf-8")) is None


def test_a_label_of_63_and_a_url_of_one_are_plain() -> None:
    assert plain_line(b"\t" + b"a" * 63 + b"\r") == (b"a" * 63, b"a" * 63)
    assert plain_line(b"ftp://a.b/x?y=1#z") == (b"ftp://a.b/x?y=1#z", b"a.b")
    assert plain_line(b"a.com://x") == (b"a.com://x", b"x")  # as urlsplit reads it


hosts = st.lists(st.sampled_from(["a", "www", "x", "b-c", *DOMAINS, "maichetong", "com", "cn"]), min_size=1, max_size=5)


@SETTINGS
@given(hosts, st.sets(st.sampled_from([*DOMAINS, "例子.中国"])))
def test_parent_matches_are_listed_under(labels: list[str], domains: set[str]) -> None:
    matches = ParentMatches(frozenset(domains))
    host = ".".join(labels)
    expected = listed_under(host, frozenset(domains))
    for _ in range(2):  # remembered or not
        found = matches.match(host.encode("ascii"))
        assert (None if found is None else found.decode("ascii")) == expected


def test_parent_matches_forget_past_their_limit() -> None:
    matches = ParentMatches(frozenset(DOMAINS))
    for n in range(ParentMatches.LIMIT * 3):
        matches.match(f"www.a{n}.example.com".encode())
    assert len(matches) <= ParentMatches.LIMIT
    assert matches.match(b"www.a1.example.com") == b"example.com"


# Whole blocks: the fast path against the careful path ------------------------------------------

ON = {
    "in force": date(2026, 6, 1),
    "warning": date(2026, 9, 1),
    "expired": date(2030, 1, 1),
    "not yet": date(2021, 10, 19),
}
_INDEXES: dict[tuple[str, bool], ScopeIndex] = {}


def scope_index(when: str, portfolio: bool) -> ScopeIndex:
    from licencecheck.portfolio import load_portfolio

    key = (when, portfolio)
    if key not in _INDEXES:
        loaded = load_portfolio((REPO / "examples" / "licences",) if portfolio else ())
        _INDEXES[key] = ScopeIndex.build(loaded.licences, ON[when])
    return _INDEXES[key]


def make_sink(kind: str, encoding: str, index: ScopeIndex, when: str, options: dict[str, Any]) -> FindingSink:
    from licencecheck.checks.scope_batch import scope_header

    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="replace" if encoding != "utf-8" else "strict")
    sink: FindingSink = JsonSink(out) if kind == "json" else TextSink(out, colour=False, **options)
    sink.prepare(scope_header(index, ON[when], bool(options.get("strict"))))
    return sink


def assert_same(index: ScopeIndex, sink: FindingSink, job: RawBlock) -> Tally:
    """The fast path's result is the careful path's, encoded; returns the counts."""
    assert sink.binary is not None
    fast, errors, tally = process_job(index, sink, job)
    careful, careful_errors, careful_tally = _process_text(index, sink, job)
    assert isinstance(fast, bytes) and isinstance(careful, str)
    assert fast == careful.encode(*sink.binary)
    assert errors == careful_errors
    assert tally == careful_tally and list(tally.matched) == list(careful_tally.matched)
    return tally


kinds = st.sampled_from(["text", "json"])
whens = st.sampled_from(list(ON))
sink_options = st.fixed_dictionaries(
    {
        "width": st.sampled_from([40, 60, 80, 100, 300]),
        "shown": st.sampled_from(list(Shown)),
        "strict": st.booleans(),
    }
)
block_lines = st.lists(st.one_of(piece_lines, ascii_lines, st.sampled_from(PIECES)), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    block_lines,
    kinds,
    whens,
    st.booleans(),
    st.sampled_from(["en", "zh"]),
    sink_options,
    st.sampled_from(["utf-8", "ascii", "gbk", "latin-1"]),
    st.sampled_from(["hosts.txt", "", "918273645.txt", "50%{0}\\x01.txt", "目录/名单.txt"]),
    st.integers(min_value=1, max_value=10**7),
)
def test_a_block_comes_out_as_the_careful_path_writes_it(
    lines: list[str],
    kind: str,
    when: str,
    portfolio: bool,
    language: str,
    options: dict[str, Any],
    encoding: str,
    name: str,
    first_line: int,
) -> None:
    i18n.activate(language)
    index = scope_index(when, portfolio)
    sink = make_sink(kind, encoding, index, when, options)
    data = "\n".join(lines).encode("utf-8")
    assert_same(index, sink, RawBlock(data, first_line, name))


@pytest.mark.parametrize("kind", ["text", "json"])
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("when", list(ON))
def test_every_outcome_of_a_portfolio_and_an_over_long_url(kind: str, language: str, when: str) -> None:
    i18n.activate(language)
    index = scope_index(when, portfolio=True)
    sink = make_sink(kind, "utf-8", index, when, {})
    lines = [*index.domains, *(f"www.{domain}" for domain in index.domains)]
    lines += [f"https://a.{domain}/p?q=1#f" for domain in index.domains] + ["x.example", "\ufeffbom.example"]
    lines += ["https://a.autoengine.com/" + "p" * MAX_LINE_BYTES, "", "# comment", "  a.example\r"]
    tally = assert_same(index, sink, RawBlock("\n".join(lines).encode(), 1, "hosts.txt"))
    assert tally.checked == len(lines) - 2 and tally.invalid >= 1  # the over-long line
    assert list(tally.matched) == list(index.domains)


def test_templates_are_made_once_per_run_and_outcome() -> None:
    index = scope_index("in force", portfolio=False)
    sink = make_sink("json", "utf-8", index, "in force", {})
    data = b"".join(b"w%d.maichetong.com.cn\nx%d.example.com\n" % (n, n) for n in range(100))
    process_job(index, sink, RawBlock(data, 1, "hosts.txt"))
    fast = FastPath.of(index, sink, "hosts.txt", ("utf-8", "strict"))
    assert sorted(fast.via, key=str) == [None, b"maichetong.com.cn"] and not fast.as_itself
    assert all(template.count == 0 and template.longest > 0 for template in fast.via.values())


def test_a_sink_without_templates_gets_the_careful_path_as_text() -> None:
    from licencecheck.render.stream import ReportSink

    index = scope_index("in force", portfolio=False)
    sink = ReportSink()
    formatted, errors, tally = process_job(index, sink, RawBlock(b"www.autoengine.com\na..b\n", 1, "t"))
    assert isinstance(formatted, str) and len(errors) == 1 and tally.checked == 2


def test_a_finding_the_stream_cannot_encode_sends_the_block_as_text() -> None:
    index = scope_index("in force", portfolio=False)
    sink = make_sink("json", "utf-8", index, "in force", {})
    source = "bad\udcff.txt"  # a file name that is not UTF-8: its messages cannot be encoded strictly
    job = RawBlock(b"www.autoengine.com\na..b\n", 1, source)
    formatted, errors, tally = process_job(index, sink, job)
    assert isinstance(formatted, str) and source in formatted
    assert (formatted, errors, tally) == _process_text(index, sink, job)


def test_every_line_of_the_benchmark_input_takes_the_fast_path(tmp_path: Path) -> None:
    """Not a timing: the bench's kinds of line (covered names, URLs, near misses, unrelated names)
    never reach check_target."""
    from unittest import mock

    index = scope_index("in force", portfolio=False)
    sink = make_sink("json", "utf-8", index, "in force", {})
    lines = [
        "q0fw517l.maichetong.com.cn",
        "https://poastvj.autoengine.com/cars/97441?from=list",
        "tboqbjb33sotmaichetong.com.cn",
        "q0fw517l.example.net",
    ]
    with mock.patch("licencecheck.checks.scope.check_target", side_effect=AssertionError):
        process_job(index, sink, RawBlock("\n".join(lines).encode(), 1, "t"))
    assert check_target(index, lines[2]).data["status"] == "not-listed"
