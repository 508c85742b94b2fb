"""Family 11: loose types fail closed. A data file holds dates only as YYYY-MM-DD text within
1980-2199, integers only as integers, booleans only as booleans; anything else is one line, exit 2,
at the file:line:column of the value. Random bytes and YAML-ish text never crash the loader.

The strategies and helpers here are shared with test_records.py and test_calendar_files.py."""

from __future__ import annotations

import contextlib
import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licencecheck.catalogue import Catalogue
from licencecheck.datafiles import load_licence, validate_document
from licencecheck.errors import DataError
from licencecheck.models import Validity
from licencecheck.strictyaml import parse_yaml
from tests.conftest import EXAMPLES, Invoke, Run

from .helpers import one_error_line

MINIMAL = EXAMPLES / "licence" / "valid" / "minimal.yaml"
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def position(text: str, needle: str, *, after: str = "") -> str:
    """`line:column` (1-based) where `needle` first starts in `text` (within `after`, if given)."""
    start = text.index(after) if after else 0
    index = text.index(needle, start)
    return f"{text.count(chr(10), 0, index) + 1}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def assert_refused(run: Run, path: Path, text: str, needle: str, message: str, *, after: str = "") -> str:
    """Exit 2, one stderr line, naming path:line:column of `needle` and saying `message`."""
    assert run.exit_code == 2, run.stdout
    line: str = one_error_line(run.stderr)
    assert f"{path}:{position(text, needle, after=after)}: " in line, line
    assert message in line, line
    return line


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Hypothesis strategies shared by the three families' fuzz tests.

FRAGMENTS = [
    "\n", "  ", "- ", ": ", "{", "}", "[", "]", ",", "'", '"', "#", "&a ", "*a", "!!str ", "---\n", "~", "? ",
    "|\n", ">\n", "\t", "true", "no", "1e9", "0x1F", "0o17", ".nan", "-.inf", "1980-01-01", "9999-12-31",
    "2026-02-29", "2026-3-1", "20260310", "中文", "\x07", "\ufeff", "\x85", "\u2028",
    "schema_version: 1\n", "licence: 渝B2-20210467\n", "filings:\n", "events:\n", "years:\n", "year: 2027\n",
    "obligation: annual-report", "obligation: illegal-info-report", "filed_on: ", "occurred_on: ",
    "holidays:", "workdays:", "start: ", "end: ", "validity:", "issued_on: ", "valid_until: ",
]  # fmt: skip

yamlish_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)

DATE_TEXTS = ["2026-03-10", "2027-01-09", "2027-01-06", "1979-12-31", "2200-01-01", "2026-02-29", "0001-01-01"]
leaf_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(DATE_TEXTS),
    st.dates(min_value=date(1975, 1, 1), max_value=date(2205, 12, 31)).map(date.isoformat),
)
any_values = st.recursive(
    leaf_values, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutations(draw: st.DrawFn, base: dict[str, Any], plausible: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """`base` with one to three values replaced, removed or added, mostly by a value `plausible` for
    its key, so that many files pass the model and reach the cross-field checks."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        action = draw(st.sampled_from(["replace", "replace", "replace", "remove", "copy", "add"]))
        paths = _paths(data)[1:]
        if not paths:
            break
        leaves = [path for path in paths if not isinstance(_at(data, path), dict | list)]
        path = draw(st.sampled_from(leaves if action == "replace" and leaves else paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        named = [part for part in path if isinstance(part, str)]
        likely = plausible.get(named[-1] if named else "", any_values)
        values = st.one_of(likely, likely, likely, any_values)
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "remove":
            del parent[path[-1]]
        elif action == "copy" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from([*plausible, "x"]))] = draw(values)
    return data


def dumped(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def iso_dates(first: int, last: int) -> st.SearchStrategy[str]:
    return st.dates(min_value=date(first, 1, 1), max_value=date(last, 12, 31)).map(date.isoformat)


def file_contents(base: dict[str, Any], plausible: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[bytes]:
    """Random bytes, YAML-ish text, and near-valid files derived from `base`."""
    return st.one_of(
        st.binary(max_size=300),
        yamlish_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
        mutations(base, plausible).map(lambda data: dumped(data).encode("utf-8")),
        mutations(base, plausible).map(lambda data: dumped(data).encode("utf-8")),
    )


MINIMAL_DATA = parse_yaml(MINIMAL_TEXT, "minimal.yaml", what="licence file").data


# Licence: loose values are refused at their position.


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("valid_until: 2025-06-30", "valid_until: 1893456000", "1893456000", "write a date as YYYY-MM-DD text"),
        ("valid_until: 2025-06-30", "valid_until: 1893456000.5", "1893456000.5", "write a date as YYYY-MM-DD"),
        (
            "issued_on: 2021-01-15",
            "issued_on: true",
            "true",
            "write a date as YYYY-MM-DD text, e.g. 2026-10-20 (got True)",
        ),
        ("issued_on: 2021-01-15", "issued_on: 2021-1-15", "2021-1-15", "write a date as YYYY-MM-DD text"),
        ("issued_on: 2021-01-15", "issued_on: 2021/01/15", "2021/01/15", "write a date as YYYY-MM-DD text"),
        ("issued_on: 2021-01-15", "issued_on: 2021年1月15日", "2021年", "write a date as YYYY-MM-DD text"),
        ("issued_on: 2021-01-15", "issued_on: 2021-01-15T08:00:00", "2021-01-15T", "write a date as YYYY-MM-DD"),
        ("issued_on: 2021-01-15", "issued_on: ２０２１-01-15", "２０２１", "write a date as YYYY-MM-DD text"),
        ("valid_until: 2025-06-30", "valid_until: 2025-02-29", "2025-02-29", "not a real day"),
        ("valid_until: 2025-06-30", "valid_until: 9999-12-31", "9999-12-31", "is outside the dates a data file may"),
        ("issued_on: 2021-01-15", "issued_on: 1970-01-01", "1970-01-01", "(1980-01-01 to 2199-12-31)"),
        ("year: 2019", 'year: "2019"', '"2019"', "year: Input should be a valid integer (got '2019')"),
        ("year: 2019", "year: 2019.0", "2019.0", "year: Input should be a valid integer"),
        ("year: 2019", "year: true", "true", "year: Input should be a valid integer (got True)"),
        ('serial: "0249"', 'serial: "0249"\n  foreign_invested: "true"', '"true"', "Input should be a valid boolean"),
        ('serial: "0249"', 'serial: "0249"\n  foreign_invested: 0', "0\n", "foreign_invested: Input should be a"),
        ("schema_version: 1", "schema_version: true", "true", "schema_version: Input should be a valid integer"),
        ("schema_version: 1", "schema_version: 1.0", "1.0", "schema_version: Input should be a valid integer"),
        ("schema_version: 1", 'schema_version: "1"', '"1"', "schema_version: Input should be a valid integer"),
        ("start: {month: 1, day: 1}", 'start: {month: "1", day: 1}', '"1"', "month: Input should be a valid int"),
        ("end: {month: 3, day: 31}", "end: {month: 2, day: 29}", "29}", "29 February is not in every year"),
        ("{B2: 第二类增值电信业务}", "{B2: 2}", "2}", "category_names.B2: Input should be a valid string"),
        ("categories: [B2]", "categories: B2", "B2\n", "categories: Input should be a valid list"),
    ],
)
def test_loose_licence_values_are_refused_at_their_position(
    old: str, new: str, needle: str, message: str, tmp_path: Path, cli: Invoke
) -> None:
    assert old in MINIMAL_TEXT
    text = MINIMAL_TEXT.replace(old, new, 1)
    path = write(tmp_path, "licence.yaml", text)
    run = cli("validity", "--on", "2024-01-01", "--licence", str(path))
    assert_refused(run, path, text, needle, message, after=new)


def test_the_minimal_licence_still_loads(cli: Invoke) -> None:
    assert cli("validity", "--on", "2024-01-01", "--licence", str(MINIMAL)).exit_code == 0


def test_an_end_before_the_start_is_located_at_the_end(tmp_path: Path, cli: Invoke) -> None:
    text = MINIMAL_TEXT.replace("valid_until: 2025-06-30", "valid_until: 2020-06-30")
    path = write(tmp_path, "licence.yaml", text)
    run = cli("validity", "--licence", str(path))
    assert_refused(run, path, text, "2020-06-30", "validity.valid_until: valid_until 2020-06-30 must be after")


def test_python_built_dates_are_dates_not_datetimes() -> None:
    assert Validity(issued_on=date(2021, 1, 15), valid_until=date(2025, 6, 30), source="s").issued_on.year == 2021
    with pytest.raises(ValueError, match="write a date as YYYY-MM-DD text"):
        Validity.model_validate({"issued_on": datetime(2021, 1, 15), "valid_until": "2025-06-30", "source": "s"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version: true\nentries: []\n", "schema_version: Input should be a valid integer"),
        ("schema_version: 1\nentries:\n  - {id: B1, name: x, kind: category, parent: 1}\n", "valid string"),
    ],
)
def test_the_catalogue_model_is_strict(text: str, message: str) -> None:
    document = parse_yaml(text, "catalogue.yaml", what="business catalogue")
    with pytest.raises(DataError, match=message):
        validate_document(document, Catalogue, what="business catalogue")


# A control character is one line at its own position, whichever file it is in.


@pytest.mark.parametrize("option", ["--licence", "--records", "--calendar"])
def test_a_control_character_is_one_line_at_its_position(option: str, tmp_path: Path, cli: Invoke) -> None:
    text = "# 说明：中文注释\nlicence: 渝B2\x07-20210467\n" if option != "--licence" else MINIMAL_TEXT
    text = text.replace("holder: 示例科技", "holder: 示例\x07科技")
    path = write(tmp_path, "bad.yaml", text)
    run = cli("deadlines", "--on", "2026-06-01", option, str(path))
    line = assert_refused(run, path, text, "\x07", "invalid YAML: control character U+0007 is not allowed")
    assert line.endswith("invalid YAML: control character U+0007 is not allowed")


def test_a_control_character_after_yaml_line_breaks_counts_them(tmp_path: Path, cli: Invoke) -> None:
    path = tmp_path / "licence.yaml"
    path.write_bytes("a: 中文\r\nb: x\r\n  c: 文\x1b\n".encode())
    run = cli("validity", "--licence", str(path))
    assert run.exit_code == 2
    assert f"{path}:3:7: invalid YAML: control character U+001B is not allowed" in one_error_line(run.stderr)


# Fuzz: the licence loader refuses, it never crashes.

LICENCE_VALUES = {
    "issued_on": iso_dates(2015, 2030),
    "valid_until": iso_dates(2015, 2030),
    "year": st.integers(1980, 2030),
    "month": st.integers(0, 13),
    "day": st.integers(0, 32),
    "amount": st.integers(-1, 400),
    "foreign_invested": st.booleans(),
    "clause": st.sampled_from(["一", "二", "一(一)", "十六"]),
    "number": st.sampled_from(["京B2-20190249", "合字B2-20190249", "B2-20190249", "京B2-2019"]),
}


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "licence.yaml"


@FUZZ
@given(content=file_contents(MINIMAL_DATA, LICENCE_VALUES))
def test_random_licence_files_never_crash_the_loader(content: bytes, fuzz_file: Path) -> None:
    fuzz_file.write_bytes(content)
    with contextlib.suppress(DataError):
        load_licence(fuzz_file)


# The gate manifest is a data file too.

MANIFEST_LOOSE = [
    ("release_date: 2026-06-01", "release_date: 1780272000", "write a date as YYYY-MM-DD"),
    ("data_retention_days: 400", 'data_retention_days: "400"', "valid integer"),
    ("data_retention_days: 400", "data_retention_days: true", "valid integer"),
    ("data_retention_days: 400", "data_retention_days: 400.0", "valid integer"),
    ("warn_days: 30", "warn_days: " + "9" * 60, "valid integer"),
    ("warn_days: 30", "warn_days: 99999999", "less than or equal to"),
]


@pytest.mark.parametrize(("old", "new", "message"), MANIFEST_LOOSE)
def test_loose_manifest_values_are_refused(old: str, new: str, message: str, tmp_path: Path, cli: Invoke) -> None:
    from .helpers import copy_release

    manifest = copy_release(tmp_path) / "licencecheck.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new), encoding="utf-8")
    run = cli("gate", str(manifest))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert f"{manifest}:" in line and message in line
