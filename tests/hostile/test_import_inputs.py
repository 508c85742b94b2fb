"""Family: `licencecheck import`. Texts and PDFs a careless or hostile user imports: empty,
special and undecodable files, files too large, outputs over the input, a full device, Ctrl-C,
self-contradicting or impossible facts, thousands of clauses, text built to make regular
expressions backtrack, and PDFs that are truncated, encrypted or built to explode.

Every case that could hang runs in a real process with a hang guard (or a shorter limit where
the point is that it must finish). The bugs this probe found are fixed; a case marked xfail would
be one still open, its reason saying what goes wrong."""

from __future__ import annotations

import io
import re
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Invoke
from tests.pdfs import cjk_pdf, pdf, stream

from .helpers import HANG_GUARD, make_fifo, one_error_line, run_process

TEXT = REPO / "tests" / "data" / "licence_text_yu_B2_20210467.txt"
NUMBER = "渝B2-20210467"
VALID_UNTIL = "有效期限: 2026年 10月 20 日"
MUST_FINISH = 6
"""Seconds a small hostile PDF may take (a well-behaved import of one takes well under one)."""


def seed() -> str:
    return TEXT.read_text(encoding="utf-8")


def variant(tmp_path: Path, old: str, new: str, *, count: int = -1) -> Path:
    text = seed()
    assert old in text
    path = tmp_path / "licence.txt"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def provisions_head() -> str:
    """The licence text up to its first special provision."""
    text = seed()
    return text[: text.index("一、你公司应当按照")]


def imported(run_stdout: str) -> dict[str, object]:
    import yaml

    data = yaml.safe_load(run_stdout)
    assert isinstance(data, dict)
    return data


# PDFs, built byte by byte


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
SHOW = b"(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj "


def page_tree(depth: int, fan: int, content: bytes) -> bytes:
    """A page tree `depth` levels deep, each node listing its one child `fan` times: fan**depth
    pages in a few hundred bytes, every page showing the same content stream."""
    objects = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: HELVETICA, 5: content}
    for level in range(depth):
        child = b"%d 0 R" % (11 + level) if level < depth - 1 else b"3 0 R"
        parent = b" /Parent %d 0 R" % (9 + level) if level else b""
        kids = b" ".join([child] * fan)
        objects[10 + level] = b"<< /Type /Pages /Kids [%s] /Count %d%s >>" % (kids, fan ** (depth - level), parent)
    objects[3] = (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>" % (9 + depth)
    )
    return pdf(objects)


def shown_text(size: int) -> bytes:
    """A content stream of about `size` bytes of text-showing operators; it compresses ~100:1."""
    return stream(b"BT /F1 12 Tf 20 800 Td " + SHOW * (size // len(SHOW)) + b" ET", compress=True)


def licence_pdf() -> tuple[bytes, int]:
    """The licence text as a PDF of 40 lines a page, and the object number of its last page."""
    lines = [line for line in seed().splitlines() if line.strip()]
    pages = [lines[i : i + 40] for i in range(0, len(lines), 40)]
    return cjk_pdf(pages), 7 + 2 * (len(pages) - 1)


def without_object(document: bytes, number: int) -> bytes:
    """The PDF with one object blanked out (same length, so the cross-reference table still
    points at the other objects): a damaged file whose reference to it dangles."""
    pattern = re.compile(rb"\n%d 0 obj\n.*?\nendobj\n" % number, re.S)
    damaged = pattern.sub(lambda match: b"\n" + b" " * (len(match.group(0)) - 2) + b"\n", document, count=1)
    assert damaged != document and len(damaged) == len(document)
    return damaged


# Inputs that are refused: one line, exit 2, nothing written


UNREADABLE = [
    ("empty", b"", "not a licence text: no licence number"),
    ("whitespace", "  \n\t\n\u3000\n".encode(), "not a licence text: no licence number"),
    ("nul-bytes", b"\x00\x00\x00", "not a licence text: no licence number"),
    ("gbk", seed().encode("gbk"), ":3:3: not UTF-8 text (byte 0xd6)"),
    ("utf-16-bom", seed().encode("utf-16"), ":1:1: not UTF-8 text (byte 0xff)"),
    ("binary", bytes(range(128, 256)) * 40, ":1:1: not UTF-8 text (byte 0x80)"),
    ("over-1-MiB", seed().encode() + b"x" * (1 << 20), "licence text is larger than 1024 KiB"),
    ("heading-only", "中华人民共和国增值电信业务经营许可证\n".encode(), "no licence number"),
    ("number-only", f"经营许可证编号：{NUMBER}\n".encode(), "no 增值电信业务经营许可证 heading"),
]


@pytest.mark.parametrize(("content", "said"), [c[1:] for c in UNREADABLE], ids=[c[0] for c in UNREADABLE])
def test_an_unreadable_text_is_one_line_and_nothing_is_written(
    content: bytes, said: str, tmp_path: Path, cli: Invoke
) -> None:
    source = tmp_path / "licence.txt"
    source.write_bytes(content)
    out = tmp_path / "out.yaml"
    run = cli("import", str(source), "--output", str(out))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert line.startswith(f"licencecheck: error: {source}") and said in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["licence.txt"]


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = make_fifo(tmp_path, "licence.txt")
    run = run_process("import", str(fifo), "--output", str(tmp_path / "out.yaml"))
    assert run.returncode == 2
    line = one_error_line(run.stderr)
    assert str(fifo) in line and "FIFO" in line
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("special", ["/dev/zero", "directory"])
def test_a_device_or_a_directory_is_refused(special: str, tmp_path: Path, cli: Invoke) -> None:
    path = str(tmp_path) if special == "directory" else special
    run = cli("import", path)
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert path in line and ("character device" in line or "is a directory" in line)


def test_standard_input_over_1_mib_is_refused() -> None:
    run = run_process("import", "-", stdin=seed().encode() + b"x" * (1 << 20))
    assert run.returncode == 2
    assert "<stdin>: the licence text is larger than 1024 KiB" in one_error_line(run.stderr)


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_standard_input_is_read(name: str) -> None:
    run = run_process("import", name, stdin=TEXT.read_bytes())
    assert run.returncode == 0, run.stderr
    assert imported(run.stdout)["number"] == NUMBER


# Outputs


def test_the_output_is_never_the_input(tmp_path: Path, cli: Invoke) -> None:
    source = tmp_path / "licence.txt"
    source.write_bytes(TEXT.read_bytes())
    (tmp_path / "link.txt").symlink_to("licence.txt")
    (tmp_path / "sub").mkdir()
    attempts = [
        (source, source),
        (source, tmp_path / "link.txt"),
        (tmp_path / "link.txt", source),
        (source, tmp_path / "sub" / ".." / "licence.txt"),
    ]
    for given, output in attempts:
        run = cli("import", str(given), "--output", str(output))
        assert run.exit_code == 2, (given, output)
        assert "is also an input of this run" in one_error_line(run.stderr)
    assert source.read_bytes() == TEXT.read_bytes()
    assert (tmp_path / "link.txt").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["licence.txt", "link.txt", "sub"]


@pytest.mark.parametrize(
    ("output", "said"),
    [
        ("{tmp}/missing/out.yaml", "does not exist"),
        ("/dev/full", "No space left on device"),
        ("{tmp}", "is a directory"),
        ("{tmp}/", "give a file name"),
    ],
)
def test_an_output_that_cannot_be_written_is_one_line(output: str, said: str, tmp_path: Path, cli: Invoke) -> None:
    run = cli("import", str(TEXT), "--output", output.format(tmp=tmp_path))
    assert run.exit_code == 2
    assert said in one_error_line(run.stderr)
    assert list(tmp_path.iterdir()) == []


def test_standard_output_on_a_full_device_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        run = subprocess.run(
            [sys.executable, "-m", "licencecheck", "import", str(TEXT)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=HANG_GUARD,
            check=False,
        )
    errors = [line for line in run.stderr.decode().splitlines() if not line.startswith("import: ")]
    assert run.returncode == 2
    assert len(errors) == 1 and "internal error" not in errors[0], errors


def test_ctrl_c_while_reading_stops_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    with subprocess.Popen(
        [sys.executable, "-m", "licencecheck", "import", "-", "--output", str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None
        process.stdin.write(seed()[:3000])
        process.stdin.flush()
        time.sleep(1.5)  # let it start and wait on the rest of its input
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=HANG_GUARD)
    assert process.returncode == 130
    assert stderr.strip().splitlines() == ["licencecheck: interrupted"]
    assert list(tmp_path.iterdir()) == []


# Facts that contradict each other or cannot be true


@pytest.mark.parametrize(
    ("where", "lines"),
    [
        ("extra-number", "渝B2-20210467 (lines 5, 35, 75, 99, …), 川B2-20190001 (line 7)"),
        ("main-number-differs-from-page-headers", "川B2-20190001 (line 5), 渝B2-20210467 (lines 33, 73, 97, 149)"),
    ],
)
def test_two_licence_numbers_are_a_gap_naming_each(where: str, lines: str, tmp_path: Path, cli: Invoke) -> None:
    first = f"经营许可证编号: {NUMBER}"
    if where == "extra-number":
        source = variant(tmp_path, first, f"{first}\n\n经营许可证编号: 川B2-20190001", count=1)
    else:
        source = variant(tmp_path, first, "经营许可证编号: 川B2-20190001", count=1)
    out = tmp_path / "imported.yaml"
    run = cli("import", str(source), "--output", str(out))
    assert run.exit_code == 1, run.stderr
    gaps = [line for line in run.stderr.splitlines() if " gap: " in line]
    assert any(f"gap: the text gives 2 different licence numbers: {lines};" in gap for gap in gaps), gaps
    written = out.read_text(encoding="utf-8")
    assert "\nnumber: null  # GAP: the text gives 2 different licence numbers" in written
    # nothing is inferred from a number in doubt: not the authority, not a grant's coverage
    assert "inferred: 四川省通信管理局" not in written and "inferred: 重庆市通信管理局" not in written
    assert "the licence number is in doubt" in written
    assert cli("validate", str(out)).exit_code == 1


def test_the_same_number_in_every_page_header_is_one_number(cli: Invoke) -> None:
    run = cli("import", str(TEXT))
    assert run.exit_code == 0, run.stderr
    assert "different licence numbers" not in run.stderr


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"])
@pytest.mark.parametrize("where", ["first", "every"])
def test_an_invisible_character_inside_the_number_is_dropped(
    where: str, invisible: str, tmp_path: Path, cli: Invoke
) -> None:
    source = variant(tmp_path, NUMBER, f"渝B2-2021{invisible}0467", count=1 if where == "first" else -1)
    run = cli("import", str(source))
    assert run.exit_code == 0, run.stderr
    assert imported(run.stdout)["number"] == NUMBER


@pytest.mark.parametrize(
    ("printed", "said"),
    [
        ("2026年 2月 30 日", "有效期限 '2026年2月30日' is not a real day"),
        ("2026年 100月 20 日", "有效期限 '2026年100月20日' is not a date"),
        ("2O26年 1O月 2O 日", "is not a date"),
        ("2020年 10月 20 日", "valid_until 2020-10-20 must be after issued_on 2022-10-31"),
        ("2200年 1月 1 日", "outside the dates a data file may hold"),
    ],
    ids=["feb-30", "month-100", "letter-o", "before-issue", "year-2200"],
)
def test_an_impossible_date_is_a_gap_never_a_guess(printed: str, said: str, tmp_path: Path, cli: Invoke) -> None:
    source = variant(tmp_path, VALID_UNTIL, f"有效期限: {printed}")
    out = tmp_path / "imported.yaml"
    run = cli("import", str(source), "--output", str(out))
    assert run.exit_code == 1, run.stderr
    assert any(line.startswith(f"{source}:") and "gap:" in line and said in line for line in run.stderr.splitlines())
    written = out.read_text(encoding="utf-8")
    assert "# GAP" in written or "# DOES NOT VALIDATE" in written
    assert cli("validate", str(out)).exit_code == 1


@pytest.mark.parametrize("printed", ["2020年 10月 20 日", "2200年 1月 1 日"], ids=["before-issue", "year-2200"])
def test_a_date_that_breaks_a_rule_is_located_at_its_line(printed: str, tmp_path: Path, cli: Invoke) -> None:
    source = variant(tmp_path, VALID_UNTIL, f"有效期限: {printed}")
    run = cli("import", str(source))
    gaps = [line for line in run.stderr.splitlines() if " gap: " in line]
    assert gaps and all(line.startswith((f"{source}:29:", f"{source}:31:")) for line in gaps), gaps


@pytest.mark.parametrize(
    ("label", "line", "field"),
    [("发证日期: 2022年 10月 31 日", 29, "validity.issued_on"), (VALID_UNTIL, 31, "validity.valid_until")],
    ids=["issued-on", "valid-until"],
)
def test_a_year_out_of_range_is_a_gap_at_its_own_line(
    label: str, line: int, field: str, tmp_path: Path, cli: Invoke
) -> None:
    source = variant(tmp_path, label, label.partition(":")[0] + ": 2200年 1月 1 日")
    run = cli("import", str(source))
    assert run.exit_code == 1
    gaps = [gap for gap in run.stderr.splitlines() if " gap: " in gap]
    assert gaps == [
        f"{source}:{line}: gap: the licence as read does not validate: {field}: 2200-01-01 is outside the dates "
        "a data file may hold (1980-01-01 to 2199-12-31)"
    ]


@pytest.mark.parametrize("printed", ["12026年 10月 20 日", "2026年 10月 200 日"], ids=["year-12026", "day-200"])
def test_extra_digits_in_a_date_are_a_gap(printed: str, tmp_path: Path, cli: Invoke) -> None:
    source = variant(tmp_path, VALID_UNTIL, f"有效期限: {printed}")
    run = cli("import", str(source))
    assert run.exit_code == 1
    assert "gap:" in run.stderr


# Size and shape: many clauses, and text built for catastrophic backtracking


def _numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n == 10000:
        return "一万"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return digits[n // 100] + "百" + (("零" if rest < 10 else "") + _numeral(rest) if rest else "")
    rest = n % 1000
    return digits[n // 1000] + "千" + (("零" if rest < 100 else "") + _numeral(rest) if rest else "")


def ten_thousand_clauses(tmp_path: Path) -> Path:
    body = "".join(f"{_numeral(i)}、你公司应当遵守第{i}项规定。\n\n" for i in range(1, 10001))
    path = tmp_path / "licence.txt"
    path.write_text(provisions_head() + body, encoding="utf-8")
    return path


def test_ten_thousand_clauses_do_not_hang(tmp_path: Path) -> None:
    out = tmp_path / "imported.yaml"
    run = run_process("import", str(ten_thousand_clauses(tmp_path)), "--output", str(out))
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr and out.exists()


def test_ten_thousand_clauses_are_each_read_or_a_gap(tmp_path: Path) -> None:
    run = run_process("import", str(ten_thousand_clauses(tmp_path)))
    provisions = imported(run.stdout)["provisions"]
    assert run.returncode != 0 or (isinstance(provisions, list) and len(provisions) == 10000)


@pytest.mark.parametrize("unread", ["一百", "一百零一", "九十九十", "零"])
def test_a_clause_number_past_ninety_nine_is_a_gap_never_merged(unread: str, tmp_path: Path, cli: Invoke) -> None:
    body = "".join(f"{_numeral(i)}、你公司应当遵守第{i}项规定。\n" for i in range(1, 100))
    tail = f"{unread}、你公司应当遵守另一项规定。\n（一）其中一项。\n续行文字。\n"
    source = tmp_path / "licence.txt"
    source.write_text(provisions_head() + body + tail, encoding="utf-8")
    line = len((provisions_head() + body).splitlines()) + 1
    run = cli("import", str(source))
    assert run.exit_code == 1
    gaps = [gap for gap in run.stderr.splitlines() if " gap: " in gap]
    assert gaps == [
        f"{source}:{line}: gap: special provision {unread}、 was not read: a licence file numbers clauses 一 to 九十九 "
        "(sub-items （一） to （九十九）); its text was left out, not merged into another clause"
    ]
    provisions = imported(run.stdout)["provisions"]
    assert isinstance(provisions, list) and len(provisions) == 99
    assert provisions[-1]["clause"] == "九十九" and provisions[-1]["text"] == "你公司应当遵守第99项规定。"


BACKTRACKING = {
    "run-of-dun-commas": "一、" + "、" * 300_000,
    "run-of-open-brackets": "一、" + "（" * 300_000,
    "bracketed-numerals": "一、" + "（一" * 150_000,
    "commas-and-brackets": "一、" + "、（" * 150_000,
    "numeral-run": "一、" + "十" * 300_000,
    "spaced-words": "一、" + "你 " * 250_000,
    "sub-item-lines": "一、你公司应当遵守下列规定：\n" + "（一）\n" * 10_000,
}


@pytest.mark.parametrize("tail", BACKTRACKING.values(), ids=BACKTRACKING.keys())
def test_text_built_for_backtracking_finishes(tail: str, tmp_path: Path) -> None:
    source = tmp_path / "licence.txt"
    source.write_text(provisions_head() + tail + "\n", encoding="utf-8")
    started = time.monotonic()
    run = run_process("import", str(source), "--output", str(tmp_path / "out.yaml"))
    assert run.returncode in (0, 1), run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert time.monotonic() - started < HANG_GUARD


@pytest.mark.parametrize("value", ["2026年" * 100_000, "1" * 300_000, "年月日" * 100_000])
def test_a_huge_date_field_is_a_gap(value: str, tmp_path: Path) -> None:
    source = variant(tmp_path, VALID_UNTIL, f"有效期限: {value}")
    run = run_process("import", str(source))
    assert run.returncode == 1, run.stderr[-2000:]
    assert f"{source}:31: gap: 有效期限" in run.stderr


# PDFs


def test_a_truncated_pdf_is_refused(tmp_path: Path, cli: Invoke) -> None:
    document, _ = licence_pdf()
    for fraction in (0.3, 0.7, 0.99):
        path = tmp_path / f"cut{int(fraction * 100)}.pdf"
        path.write_bytes(document[: int(len(document) * fraction)])
        run = cli("import", str(path))
        assert run.exit_code == 2
        assert f"{path}: not a readable PDF" in one_error_line(run.stderr)


@pytest.mark.parametrize("user_password", ["secret", ""])
def test_an_encrypted_pdf(user_password: str, tmp_path: Path, cli: Invoke) -> None:
    import pypdf

    document, _ = licence_pdf()
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(document)))
    writer.encrypt(user_password=user_password, owner_password="owner")
    path = tmp_path / "encrypted.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    run = cli("import", str(path))
    if user_password:
        assert run.exit_code == 2
        assert "the PDF is encrypted; save an unencrypted copy first" in one_error_line(run.stderr)
    else:  # opens without a password, as in any viewer
        assert run.exit_code == 0, run.stderr
        assert imported(run.stdout)["number"] == NUMBER


BOMBS: dict[str, Callable[[], bytes]] = {
    "inflates-to-100-MB": lambda: pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
            b" /Contents 5 0 R >>",
            4: HELVETICA,
            5: shown_text(100_000_000),
        }
    ),
    "a-billion-pages": lambda: page_tree(9, 10, stream(b"BT /F1 12 Tf (x) Tj ET")),
    "150000-kids": lambda: page_tree(1, 150_000, stream(b"BT /F1 12 Tf (x) Tj ET")),
    "cyclic-page-tree": lambda: pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
            5: stream(b"BT (x) Tj ET"),
        }
    ),
}


@pytest.mark.parametrize("build", BOMBS.values(), ids=BOMBS.keys())
def test_a_pdf_bomb_within_the_readers_limits_is_refused(build: Callable[[], bytes], tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(build())
    run = run_process("import", str(path), "--output", str(tmp_path / "out.yaml"))
    assert run.returncode == 2
    assert f"{path}: not a readable PDF" in one_error_line(run.stderr)
    assert not (tmp_path / "out.yaml").exists()


def _must_finish(path: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "licencecheck", "import", str(path)],
        capture_output=True,
        timeout=MUST_FINISH,
        check=False,
    )


def _refused_line(run: subprocess.CompletedProcess[bytes], path: Path) -> str:
    assert run.returncode == 2, run.stderr
    return one_error_line(run.stderr.decode())


def test_a_compressed_content_bomb_finishes_quickly(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(page_tree(1, 1, shown_text(5_000_000)))
    assert len(path.read_bytes()) < 20_000
    line = _refused_line(_must_finish(path), path)
    assert f"{path}: the PDF is refused: page 1's content is" in line and "a licence is a few pages" in line


def test_pages_sharing_one_content_stream_finish_quickly(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(page_tree(3, 10, shown_text(100_000)))
    line = _refused_line(_must_finish(path), path)
    assert f"{path}: the PDF is refused: it has 1,000 pages (at most 200 are read)" in line


def form_pdf(calls: int, content: bytes) -> bytes:
    """One page that draws the same form XObject `calls` times; the form holds `content`."""
    packed = zlib.compress(content, 9)
    form = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)
    )
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >>"
        b" /XObject << /X0 6 0 R >> >> /Contents 5 0 R >>"
    )
    return pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: page,
            4: HELVETICA,
            5: stream(b"BT /F1 12 Tf (x) Tj ET " + b"/X0 Do " * calls, compress=True),
            6: form,
        }
    )


PATHS = b"123.45 678.9 l 23.4 56.7 m "
FORM_BOMBS = {
    "text-form-5000-times": (form_pdf(5000, b"BT /F1 12 Tf 20 800 Td " + SHOW * 250 + b" ET"), "its text is larger"),
    "path-form-5000-times": (form_pdf(5000, PATHS * 4000 + b"S"), "more than 100,000 drawing operations"),
    "1-MB-path-form-500-times": (form_pdf(500, PATHS * 40_000 + b"S"), "the reader stopped at a limit"),
}


@pytest.mark.parametrize(("document", "said"), FORM_BOMBS.values(), ids=FORM_BOMBS.keys())
def test_a_form_drawn_thousands_of_times_finishes_quickly(document: bytes, said: str, tmp_path: Path) -> None:
    path = tmp_path / "forms.pdf"
    path.write_bytes(document)
    assert len(document) < 5_000
    line = _refused_line(_must_finish(path), path)
    assert f"{path}: the PDF is refused: " in line and said in line


def test_a_pdf_missing_a_page_is_refused_as_damaged(tmp_path: Path, cli: Invoke) -> None:
    document, last_page = licence_pdf()
    whole, damaged = tmp_path / "whole.pdf", tmp_path / "damaged.pdf"
    whole.write_bytes(document)
    damaged.write_bytes(without_object(document, last_page))
    assert cli("import", str(whole)).exit_code == 0
    run = cli("import", str(damaged), "--output", str(tmp_path / "out.yaml"))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert f"{damaged}: not a readable PDF: it is damaged" in line and line.endswith("re-export it")
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("missing", ["content", "font", "to-unicode-map"])
def test_a_pdf_missing_any_object_is_refused(missing: str, tmp_path: Path, cli: Invoke) -> None:
    document, last_page = licence_pdf()
    number = {"content": last_page + 1, "font": 3, "to-unicode-map": 6}[missing]
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(without_object(document, number))
    run = cli("import", str(damaged))
    assert run.exit_code == 2
    assert "re-export it" in one_error_line(run.stderr)


def test_a_pdf_the_reader_warns_about_is_refused_as_damaged(tmp_path: Path, cli: Invoke) -> None:
    document, _ = licence_pdf()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(document.replace(b"/Contents 8 0 R", b"/Contents 4 0 R", 1))  # a font, not a stream
    run = cli("import", str(damaged))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert f"{damaged}: the PDF is damaged: Page contents are not a stream or an array" in line
    assert line.endswith("…; re-export it") and len(line) < 300


def test_a_pdf_whose_page_tree_miscounts_is_refused_as_damaged(tmp_path: Path, cli: Invoke) -> None:
    document, _ = licence_pdf()
    pages = re.search(rb"/Count ([0-9]+)", document)
    assert pages is not None
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(document.replace(pages[0], b"/Count %d" % (int(pages[1]) + 1), 1))
    run = cli("import", str(damaged))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert f"the PDF is damaged: its page tree counts {int(pages[1]) + 1} pages but holds {pages[1].decode()}" in line


def test_reading_a_pdf_leaves_the_readers_settings_as_they_were(tmp_path: Path, cli: Invoke) -> None:
    import logging

    import pypdf

    before = (logging.getLogger("pypdf").level, logging.getLogger("pypdf").propagate, pypdf.get_configuration())
    document, _ = licence_pdf()
    path = tmp_path / "licence.pdf"
    path.write_bytes(document)
    assert cli("import", str(path)).exit_code == 0
    assert (logging.getLogger("pypdf").level, logging.getLogger("pypdf").propagate) == before[:2]
    assert pypdf.get_configuration() == before[2]
