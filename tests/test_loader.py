"""The strict YAML reader and the licence models, over positive and negative example files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licencecheck.datafiles import load_licence
from licencecheck.errors import DataError, UnreadableError
from licencecheck.strictyaml import parse_yaml, resolve_plain

from .conftest import BUNDLED, EXAMPLES

VALID = sorted((EXAMPLES / "licence" / "valid").glob("*.yaml"))
EXPECTING = sorted(
    p for p in (EXAMPLES / "licence" / "invalid").glob("*.yaml") if p.read_bytes().startswith(b"# expect: ")
)


def expected_message(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")


@pytest.mark.parametrize("path", [BUNDLED, *VALID], ids=lambda p: p.name)
def test_valid_examples_load(path: Path) -> None:
    licence = load_licence(path)
    assert licence.grants


@pytest.mark.parametrize("path", EXPECTING, ids=lambda p: p.stem)
def test_invalid_examples_fail_with_their_message(path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_licence(path)
    assert expected_message(path) in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.yaml", "licence file is empty"),
        ("comment_only.yaml", "licence file is empty"),
        (
            "top_level_list.yaml",
            "top_level_list.yaml:1:1: the top level of a licence file must be a mapping of keys, not a list",
        ),
        ("syntax_error.yaml", "syntax_error.yaml:2:1: invalid YAML"),
    ],
)
def test_structural_problems_have_their_own_message(name: str, message: str) -> None:
    with pytest.raises(DataError, match=None) as caught:
        load_licence(EXAMPLES / "licence" / "invalid" / name)
    assert message in str(caught.value)


def test_gbk_file_is_refused_with_position_not_mojibake() -> None:
    path = EXAMPLES / "licence" / "invalid" / "gbk.yaml"
    with pytest.raises(UnreadableError) as caught:
        load_licence(path)
    assert f"{path}:1:9: not UTF-8 text (byte 0xd6)" in str(caught.value)
    assert "GBK" in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError, match="licence file not found"):
        load_licence(tmp_path / "nope.yaml")
    with pytest.raises(UnreadableError, match="is a directory, not a regular file; expected a licence file"):
        load_licence(tmp_path)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 1_100_000 + "\n", encoding="utf-8")
    with pytest.raises(UnreadableError, match="larger than 1024 KiB"):
        load_licence(big)


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    path = EXAMPLES / "licence" / "invalid" / "alias_bomb.yaml"
    started = time.perf_counter()
    with pytest.raises(DataError, match="anchors"):
        load_licence(path)
    # Not a timing assertion on the product: a guard that the bomb was not expanded at all.
    assert time.perf_counter() - started < 5


def test_aliases_without_anchor_context_are_refused() -> None:
    with pytest.raises(DataError, match=r"x.yaml:1:4: aliases \(\*a\) are not allowed"):
        parse_yaml("a: *a\n", "x.yaml", what="file")


def test_bom_is_accepted() -> None:
    document = parse_yaml("\ufeffa: b\n", "x.yaml", what="file")
    assert document.data == {"a": "b"}


def test_yaml_1_1_implicit_types_stay_text() -> None:
    document = parse_yaml("a: no\nb: 2026-10-20\nc: on\nd: 0467\ne: '0467'\nf: ~\ng: true\nh: 1.5\n", "x", what="file")
    assert document.data == {
        "a": "no",
        "b": "2026-10-20",
        "c": "on",
        "d": 467,
        "e": "0467",
        "f": None,
        "g": True,
        "h": 1.5,
    }


def test_positions_are_kept_for_values_and_keys() -> None:
    document = parse_yaml("top:\n  items:\n    - name: x\n", "f.yaml", what="file")
    assert document.where(("top", "items", 0, "name")) == "f.yaml:3:13"
    assert document.where(("top", "items", 0, "name"), prefer_key=True) == "f.yaml:3:7"
    assert document.where(("top", "missing")) == "f.yaml:2:3"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Cf")), max_size=40))
def test_quoted_scalars_round_trip_as_text(value: str) -> None:
    import json

    document = parse_yaml(f"k: {json.dumps(value, ensure_ascii=False)}\n", "x", what="file")
    assert document.data == {"k": value}


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_plain_integers_resolve_as_yaml_1_2_integers(value: int) -> None:
    assert resolve_plain(str(value)) == value
