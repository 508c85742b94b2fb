"""Families 1 and 8 for batches: `scope --from` reads any bytes, names every line it cannot read
and checks the others, keeps its JSON one document whatever stops it, refuses special files at
once, and stops its worker processes on Ctrl-C or SIGTERM without a traceback.

Real processes (with a hang guard) where the operating system takes part: special files,
permissions, signals, stdout encodings, parallel workers. In-process runs for the rest."""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licencecheck.checks.scope import MAX_LINE_BYTES
from tests.conftest import Invoke

from .helpers import HANG_GUARD, make_fifo, one_error_line, run_process

ON = "2026-06-01"
NOT_UTF8 = "not UTF-8 text; save the target list as UTF-8"
TOO_LONG = "line is longer than 64 KiB; not a host name or URL"
PATTERN = ["www{}.maichetong.com.cn", "shop{}.example.com", "bad..{}.com", "# comment {}", "", "autoengine.com"]
BOM = b"\xef\xbb\xbf"


def write_targets(path: Path, lines: int, special: dict[int, bytes] | None = None, *, ending: bytes = b"\n") -> Path:
    """`lines` lines of covered, not-listed and invalid names, blanks and comments; line N is
    special[N] where given."""
    special = special or {}
    with path.open("wb") as out:
        for number in range(1, lines + 1):
            text = special.get(number, PATTERN[number % len(PATTERN)].format(number).encode())
            out.write(text + ending)
    return path


def expected_lines(data: bytes) -> list[int]:
    """The lines that are targets: not blank and not a comment, whatever their bytes (a line
    over the limit is always a target: an invalid one)."""
    found = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if len(raw) > MAX_LINE_BYTES:
            found.append(number)
            continue
        shown = (raw.removeprefix(BOM) if number == 1 else raw).decode("utf-8", "replace")
        stripped = shown.strip(" \t\r\u3000")
        if stripped and not stripped.startswith("#"):
            found.append(number)
    return found


def scope_json(path: Path | str, *, workers: int = 1, env: dict[str, str] | None = None) -> Any:
    return run_process(
        "scope", "--from", str(path), "--on", ON, "--format", "json",
        env={"LICENCECHECK_WORKERS": str(workers), **(env or {})},
    )  # fmt: skip


def assert_complete(report: dict[str, Any], lines: list[int]) -> None:
    """Every target line is in the findings once, in order, and the summary counts them."""
    assert [finding["data"]["line"] for finding in report["findings"]] == lines
    assert report["summary"]["checked"] == len(lines)


def bad_finding(report: dict[str, Any], line: int) -> dict[str, Any]:
    """The finding for an invalid line (verdict error for a line that is not read as text; an
    invalid target's verdict is the check's, "fail" or "error")."""
    [finding] = [f for f in report["findings"] if f["data"]["line"] == line]
    assert finding["data"]["status"] == "invalid" and finding["verdict"] in ("fail", "error")
    if finding["data"]["error"] in (NOT_UTF8, TOO_LONG):
        assert finding["verdict"] == "error"
    return dict(finding)


# Lines that are not UTF-8 ----------------------------------------------------------------------

NOT_UTF8_LINES = {
    "gbk": "卖车通.中国".encode("gbk"),
    "latin-1": "café.example.com".encode("latin-1"),
    "lone continuation byte": b"\x80autoengine.com",
    "truncated sequence": "卖车通".encode()[:-1],
    "surrogate in utf-8": b"\xed\xa0\x80.com",
    "utf-16": "autoengine.com".encode("utf-16"),
}


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("kind", list(NOT_UTF8_LINES))
def test_a_line_not_in_utf8_in_a_big_file_is_named_and_the_rest_checked(
    kind: str, workers: int, tmp_path: Path
) -> None:
    bad_line = 83_457  # in the middle of a 120,000-line file, well past the first read block
    hosts = write_targets(tmp_path / "hosts.txt", 120_000, {bad_line: NOT_UTF8_LINES[kind]})
    run = scope_json(hosts, workers=workers)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert report["ok"] is False
    assert_complete(report, expected_lines(hosts.read_bytes()))
    finding = bad_finding(report, bad_line)
    assert finding["message"] == f"{hosts}:{bad_line}: {NOT_UTF8}"
    assert f"licencecheck: error: {hosts}:{bad_line}: {NOT_UTF8}\n" in run.stderr
    assert report["summary"]["invalid"] == len(range(2, 120_001, 6)) + 1  # every bad..N.com, and this line


@pytest.mark.parametrize("where", ["first", "last, no newline", "first after a BOM", "every other"])
def test_lines_not_in_utf8_anywhere(where: str, tmp_path: Path) -> None:
    gbk = NOT_UTF8_LINES["gbk"]
    data = {
        "first": gbk + b"\nautoengine.com\n",
        "last, no newline": b"autoengine.com\n" + gbk,
        "first after a BOM": BOM + gbk + b"\nautoengine.com\n",
        "every other": b"".join((gbk if n % 2 else b"autoengine.com") + b"\n" for n in range(1, 101)),
    }[where]
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes(data)
    run = scope_json(hosts)
    assert run.returncode == 2
    report = json.loads(run.stdout)
    lines = expected_lines(data)
    assert_complete(report, lines)
    bad = [n for n, raw in enumerate(data.split(b"\n"), start=1) if gbk in raw]
    assert [bad_finding(report, n)["data"]["error"] for n in bad] == [NOT_UTF8] * len(bad)
    assert run.stderr.count(NOT_UTF8) == len(bad)


def test_a_comment_in_another_encoding_is_still_a_comment(tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes("# 发布域名\n".encode("gbk") + b"autoengine.com\n")
    run = scope_json(hosts)
    assert run.returncode == 0, run.stderr
    assert_complete(json.loads(run.stdout), [2])


# Over-long lines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "size", "after"),
    [
        (b"autoengine.com\n", MAX_LINE_BYTES + 1, b"\nautoengine.com\n"),  # inside one read block
        (b"autoengine.com\n", 3_000_000, b"\nautoengine.com\n"),  # across many read blocks
        (b"", 1_000_000, b"\nautoengine.com\n"),  # the first line
        (b"autoengine.com\n" * 3, 1_000_000, b""),  # the last line, no newline
    ],
)
def test_an_over_long_line_is_named_and_skipped(before: bytes, size: int, after: bytes, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes(before + b"a" * size + after)
    long_line = before.count(b"\n") + 1
    run = scope_json(hosts)
    assert run.returncode == 2
    report = json.loads(run.stdout)
    assert_complete(report, expected_lines(hosts.read_bytes()))
    finding = bad_finding(report, long_line)
    assert finding["message"] == f"{hosts}:{long_line}: {TOO_LONG}" and finding["subject"] == "a" * 40 + "…"
    assert run.stderr.count("licencecheck: error: ") == 1
    assert all(f["verdict"] == "pass" for f in report["findings"] if f["data"]["line"] != long_line)


MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak_memory_mib(argv: list[str], env: dict[str, str]) -> tuple[int, float]:
    """Exit code and peak resident memory of a real run, started from a small process (a child
    forked from this test process would count the test process's memory as its own)."""
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, *argv], env=env, capture_output=True, text=True, timeout=HANG_GUARD, check=True
    )
    code, peak = measured.stdout.split()
    return int(code), int(peak) / 1024


def test_a_300_mb_line_of_nul_bytes_is_skipped_in_flat_memory(tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    with hosts.open("wb") as out:  # sparse: 300 MB of NUL bytes that take no disk space
        out.seek(300_000_000)
        out.write(b"\nautoengine.com\n")
    argv = [sys.executable, "-m", "licencecheck", "scope", "--from", str(hosts), "--on", ON]
    code, peak = peak_memory_mib(argv, {**os.environ, "LICENCECHECK_WORKERS": "1"})
    assert code == 2
    assert peak < 150, f"peak RSS {peak:.0f} MiB: the long line was held in memory"  # about 40 MiB


# NUL bytes, CR LF, files with nothing valid ----------------------------------------------------


@pytest.mark.parametrize("line", [b"a\x00.com", b"\x00" * 10, b"autoengine.com\x00", b"\x00#not a comment"])
def test_nul_bytes_are_invalid_and_never_printed_raw(line: bytes, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes(b"autoengine.com\n" + line + b"\nautoengine.com\n")
    for output_format in ("text", "json"):
        run = run_process("scope", "--from", str(hosts), "--on", ON, "--format", output_format)
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert "\x00" not in run.stdout and "\x00" not in run.stderr
        assert ":2: invalid target" in run.stderr
    report = json.loads(run.stdout)
    assert_complete(report, [1, 2, 3])
    assert bad_finding(report, 2)["subject"] == line.decode().strip()


@pytest.mark.parametrize("ending", [b"\r\n", b"\n"])
def test_crlf_and_lf_files_check_the_same(ending: bytes, tmp_path: Path) -> None:
    hosts = write_targets(tmp_path / "hosts.txt", 30_000, ending=ending)
    lf = write_targets(tmp_path / "lf.txt", 30_000)
    run, reference = scope_json(hosts, workers=2), scope_json(lf, workers=2)
    assert run.returncode == reference.returncode == 2
    got = json.loads(run.stdout.replace(json.dumps(str(hosts))[1:-1], "FILE"))
    want = json.loads(reference.stdout.replace(json.dumps(str(lf))[1:-1], "FILE"))
    assert got["findings"] == want["findings"] and got["summary"] == want["summary"]


def test_a_lone_cr_inside_a_line_is_invalid(tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes(b"autoengine.com\r\nmaichetong.com.cn\revil.example\r\n")
    run = scope_json(hosts)
    assert run.returncode == 2
    report = json.loads(run.stdout)
    assert_complete(report, [1, 2])
    assert bad_finding(report, 2)["subject"] == "maichetong.com.cn\revil.example"


@pytest.mark.parametrize("line", [NOT_UTF8_LINES["gbk"], b"x" * (MAX_LINE_BYTES + 1), b"\x00", b"bad..name"], ids=repr)
@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_of_only_invalid_lines(line: bytes, workers: int, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes((line + b"\n") * 40 + line)  # 41 lines; over 2 MB for the long ones
    run = scope_json(hosts, workers=workers)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert report["ok"] is False
    assert_complete(report, list(range(1, 42)))
    assert report["summary"] == {
        "pass": 0,
        "warn": 0,
        "fail": 0,
        "error": 41,
        "checked": 41,
        "covered": 0,
        "not_covered": 0,
        "invalid": 41,
    }
    assert run.stderr.count("licencecheck: error: ") == 41


# Standard input and files that are not regular -------------------------------------------------


@pytest.mark.parametrize("name", ["-", "/dev/stdin", "/dev/fd/0"])
def test_standard_input_by_any_name(name: str) -> None:
    data = b"autoengine.com\n" + NOT_UTF8_LINES["gbk"] + b"\nexample.com\n"
    run = run_process("scope", "--from", name, "--on", ON, "--format", "json", stdin=data)
    assert run.returncode == 2, run.stderr
    report = json.loads(run.stdout)
    assert_complete(report, [1, 2, 3])
    assert bad_finding(report, 2)["message"] == f"<stdin>:2: {NOT_UTF8}"


def test_standard_input_from_a_file(tmp_path: Path) -> None:
    hosts = write_targets(tmp_path / "hosts.txt", 1000)
    with hosts.open("rb") as handle:
        run = subprocess.run(
            [sys.executable, "-m", "licencecheck", "scope", "--from", "/dev/stdin", "--on", ON, "--format", "json"],
            stdin=handle,
            capture_output=True,
            timeout=HANG_GUARD,
            check=False,
        )
    assert run.returncode == 2
    assert_complete(json.loads(run.stdout), expected_lines(hosts.read_bytes()))


@pytest.mark.parametrize("kind", ["FIFO", "directory", "/dev/null", "/dev/zero"])
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_special_file_is_refused_at_once(kind: str, output_format: str, tmp_path: Path) -> None:
    special = {"FIFO": lambda: make_fifo(tmp_path), "directory": lambda: tmp_path}.get(kind, lambda: Path(kind))()
    started = time.monotonic()
    run = run_process("scope", "--from", str(special), "--on", ON, "--format", output_format)
    assert time.monotonic() - started < 10
    assert run.returncode == 2 and run.stdout == ""
    line = one_error_line(run.stderr)
    assert str(special) in line and "not a regular file" in line


def _without_file_permission_override() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding
    set, so that even root obeys file permissions after exec."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_unprivileged(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """A run that obeys file permissions: as is for a normal user; for root, without the
    capabilities that let root read any file."""
    preexec: Callable[[], None] | None = _without_file_permission_override if os.geteuid() == 0 else None
    return subprocess.run(argv, capture_output=True, text=True, timeout=HANG_GUARD, check=False, preexec_fn=preexec)


def test_a_target_list_without_read_permission(tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_text("autoengine.com\n", encoding="utf-8")
    hosts.chmod(0)
    try:
        probe = run_unprivileged([sys.executable, "-c", f"open({str(hosts)!r}).close()"])
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot drop the capability to read any file (root in a restricted container)")
    if probe.returncode == 0:
        pytest.skip("this user can read a file with mode 000 (root with CAP_DAC_OVERRIDE that cannot be dropped)")
    run = run_unprivileged([sys.executable, "-m", "licencecheck", "scope", "--from", str(hosts), "--format", "json"])
    assert run.returncode == 2 and run.stdout == ""
    assert one_error_line(run.stderr) == f"licencecheck: error: {hosts}: cannot read target list: Permission denied"


def test_a_target_list_that_fails_at_the_first_read() -> None:
    run = scope_json("/proc/self/mem")  # a regular file; reading offset 0 is EIO
    assert run.returncode == 2 and run.stdout == ""
    assert "/proc/self/mem:1: cannot read the target list: Input/output error" in one_error_line(run.stderr)


# JSON is one document whatever stops the run ---------------------------------------------------


class FailingStream(io.RawIOBase):
    """A target list that serves `blocks` reads of whole lines, then raises `error`."""

    def __init__(self, blocks: int, error: BaseException) -> None:
        self.left, self.error, self.line = blocks, error, 0

    def read(self, size: int = -1) -> bytes:
        if self.left == 0:
            raise self.error
        self.left -= 1
        lines, length = [], 0
        while length < max(size, 100) - 40:
            self.line += 1
            lines.append(PATTERN[self.line % len(PATTERN)].format(self.line).encode() + b"\n")
            length += len(lines[-1])
        return b"".join(lines)


STOPS: dict[str, tuple[BaseException, int, str]] = {
    "I/O error": (OSError(errno.EIO, os.strerror(errno.EIO)), 2, "hosts.txt:"),
    "Ctrl-C": (KeyboardInterrupt(), 130, "interrupted"),
}


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("stop", list(STOPS))
def test_json_is_one_document_when_the_input_stops_midway(
    stop: str, workers: str, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    error, code, reason = STOPS[stop]
    stream = FailingStream(8, error)  # some 80,000 lines (8 read blocks), then the error
    monkeypatch.setattr("licencecheck.inputs.open_target_list", lambda name, what: (stream, name))
    run = cli("scope", "--from", "hosts.txt", "--on", ON, "--format", "json", env={"LICENCECHECK_WORKERS": workers})
    assert run.exit_code == code
    report = json.loads(run.stdout)
    assert report["ok"] is False and report["error"].startswith(reason)
    assert report["summary"]["checked"] == len(report["findings"]) > 0
    if stop == "I/O error":
        assert report["error"].endswith("cannot read the target list: Input/output error")
        assert report["error"] in run.stderr


def test_text_says_why_a_run_stopped(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = FailingStream(3, KeyboardInterrupt())
    monkeypatch.setattr("licencecheck.inputs.open_target_list", lambda name, what: (stream, name))
    run = cli("scope", "--from", "hosts.txt", "--on", ON)
    assert run.exit_code == 130
    assert run.stdout.splitlines()[-1].startswith("NOT OK: stopped (interrupted) after ")


def test_nothing_is_written_when_the_input_fails_before_any_target(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = FailingStream(0, OSError(errno.EIO, os.strerror(errno.EIO)))
    monkeypatch.setattr("licencecheck.inputs.open_target_list", lambda name, what: (stream, name))
    run = cli("scope", "--from", "hosts.txt", "--format", "json")
    assert run.exit_code == 2 and run.stdout == ""
    assert "hosts.txt:1: cannot read the target list: Input/output error" in run.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_failing_stdout_ends_the_run_with_one_line(workers: str, tmp_path: Path) -> None:
    hosts = write_targets(tmp_path / "hosts.txt", 300_000)
    with open("/dev/full", "w") as full:  # every write fails: No space left on device
        run = subprocess.run(
            [sys.executable, "-m", "licencecheck", "scope", "--from", str(hosts), "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LICENCECHECK_WORKERS": workers},
            timeout=HANG_GUARD,
            check=False,
        )
    assert run.returncode == 2
    assert "No space left on device" in one_error_line(run.stderr)


# Ctrl-C and SIGTERM during a parallel batch ----------------------------------------------------


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000,000 lines: several seconds of work on two cores, so a run is still going when signalled."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    lines = (f"www{n}.maichetong.com.cn\nshop{n}.example.com\nbad..{n}.com\n" for n in range(1_000_000))
    path.write_text("".join(lines), encoding="utf-8")
    return path


def children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


STOPS_FROM_OUTSIDE = [
    ("SIGINT", "group", "json", 130, "interrupted"),  # Ctrl-C in a terminal: the whole process group
    ("SIGINT", "parent", "text", 130, "interrupted"),
    ("SIGTERM", "parent", "json", 143, "terminated"),  # kill PID, a supervisor stopping a job
    ("SIGTERM", "group", "text", 143, "terminated"),  # systemd stopping a unit: every process
    ("SIGTERM", "worker", "json", 143, "terminated"),
    ("SIGKILL", "worker", "json", 2, "a worker process was killed by SIGKILL"),  # the OOM killer
]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
@pytest.mark.parametrize(("name", "to", "output_format", "code", "reason"), STOPS_FROM_OUTSIDE)
def test_a_signal_stops_a_parallel_batch_at_once(
    name: str, to: str, output_format: str, code: int, reason: str, big_file: Path, tmp_path: Path
) -> None:
    child, workers = _start_big_run(big_file, tmp_path, output_format)
    try:
        sent = time.monotonic()
        number = getattr(signal, name)
        {"group": lambda: os.killpg(child.pid, number), "parent": lambda: child.send_signal(number)}.get(
            to, lambda: os.kill(workers[0], number)
        )()
        returncode = child.wait(timeout=15)  # a hang guard, not the promptness check
        elapsed = time.monotonic() - sent
    finally:
        _kill_leftovers(child, [])
    survivors = _survivors(workers)
    stderr_text = (tmp_path / "err").read_text(encoding="utf-8", errors="replace")
    assert returncode == code, stderr_text
    assert elapsed < 3, f"took {elapsed:.1f} s to stop"
    assert "Traceback" not in stderr_text and "KeyboardInterrupt" not in stderr_text, stderr_text
    assert survivors == []
    _assert_closed((tmp_path / "out").read_text(encoding="utf-8"), output_format, reason)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
def test_workers_end_when_their_parent_is_killed(big_file: Path, tmp_path: Path) -> None:
    child, workers = _start_big_run(big_file, tmp_path, "text")
    child.kill()  # SIGKILL: no handler, no cleanup in the parent
    child.wait(timeout=15)
    deadline = time.monotonic() + 10
    while _survivors(workers, kill=False) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _survivors(workers) == [], "worker processes outlived their parent"


def _start_big_run(big_file: Path, tmp_path: Path, output_format: str) -> tuple[subprocess.Popen[bytes], list[int]]:
    """A parallel run of the big file, once it is writing findings; and its worker ids."""
    argv = [sys.executable, "-m", "licencecheck", "scope", "--from", str(big_file), "--on", ON, "-f", output_format]
    env = {**os.environ, "LICENCECHECK_WORKERS": "2"}
    with (tmp_path / "out").open("wb") as stdout, (tmp_path / "err").open("wb") as stderr:
        child = subprocess.Popen(argv, stdout=stdout, stderr=stderr, env=env, start_new_session=True)
    try:
        return child, _wait_until_checking(child, tmp_path / "out")
    except BaseException:
        _kill_leftovers(child, children_of(child.pid))
        raise


def _kill_leftovers(child: subprocess.Popen[bytes], workers: list[int]) -> None:
    """After a failed assertion: this test's processes, by id."""
    if child.poll() is None:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    _survivors(workers)


def _survivors(workers: list[int], *, kill: bool = True) -> list[int]:
    """The workers still alive (killed, when asked, so that a failing test leaves none)."""
    time.sleep(0.2)
    alive_now = [pid for pid in workers if alive(pid)]
    for pid in alive_now if kill else []:
        os.kill(pid, signal.SIGKILL)
    return alive_now


def _wait_until_checking(child: subprocess.Popen[bytes], out: Path) -> list[int]:
    """Wait until findings are coming out (the workers are busy); return the worker ids."""
    deadline = time.monotonic() + HANG_GUARD
    while out.stat().st_size < 200_000:
        assert child.poll() is None, "the run ended before it was signalled"
        assert time.monotonic() < deadline, "no output from the run"
        time.sleep(0.02)
    workers = children_of(child.pid)
    assert len(workers) == 2
    assert child.poll() is None, "the run ended before it was signalled: make the file bigger"
    return workers


def _assert_closed(output: str, output_format: str, reason: str) -> None:
    if output_format == "json":
        report = json.loads(output)
        assert report["ok"] is False and report["error"].startswith(reason)
        assert report["summary"]["checked"] == len(report["findings"]) > 0
    else:
        assert output.splitlines()[-1].startswith(f"NOT OK: stopped ({reason}) after ")


# What stdout can carry -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "gbk", "cp1252", "latin-1"])
@pytest.mark.parametrize("output_format", ["json", "text"])
def test_any_stdout_encoding(encoding: str, output_format: str, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_bytes("例子.中国\nwww.maichetong.com.cn\nautoengine.com\n".encode() + NOT_UTF8_LINES["gbk"] + b"\n")
    run = subprocess.run(
        [sys.executable, "-m", "licencecheck", "scope", "--from", str(hosts), "--on", ON, "-f", output_format],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        timeout=HANG_GUARD,
        check=False,
    )
    assert run.returncode == 2 and b"Traceback" not in run.stderr, run.stderr
    if output_format == "json":
        report = json.loads(run.stdout.decode("ascii"))
        assert_complete(report, [1, 2, 3, 4])
        assert report["licence"] == "渝B2-20210467" and report["findings"][0]["subject"] == "例子.中国"
    else:
        assert run.stdout.decode(encoding).count("\n") > 4


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_an_argument_or_file_name_not_in_utf8_is_shown_escaped(output_format: str, tmp_path: Path) -> None:
    hosts = Path(os.fsdecode(bytes(tmp_path) + b"/\xff\x1b[2J.txt"))
    hosts.write_bytes(NOT_UTF8_LINES["gbk"] + b"\n")
    argv = [os.fsdecode(b"\xff.example.com"), "autoengine.com", "--from", str(hosts), "--on", ON, "-f", output_format]
    run = subprocess.run(
        [sys.executable, "-m", "licencecheck", "scope", *argv], capture_output=True, timeout=HANG_GUARD, check=False
    )
    assert run.returncode == 2
    stdout, stderr = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")  # valid UTF-8, both
    assert "\x1b" not in stdout + stderr
    assert "invalid target '\\xff.example.com': not UTF-8 text" in stderr
    assert f"{tmp_path}/\\udcff\\x1b[2J.txt:1: {NOT_UTF8}" in stderr
    if output_format == "json":
        report = json.loads(stdout)
        assert [f["verdict"] for f in report["findings"]] == ["error", "pass", "error"]
        assert report["findings"][0]["subject"] == "\\xff.example.com"


# Parallel and sequential runs write the same bytes ---------------------------------------------


def test_parallel_and_sequential_are_byte_identical_with_bad_lines(tmp_path: Path) -> None:
    special = dict.fromkeys(range(7, 150_000, 9_973), NOT_UTF8_LINES["gbk"])
    special |= {n: b"x" * (MAX_LINE_BYTES + n) for n in range(11, 150_000, 19_997)}
    special |= dict.fromkeys(range(13, 150_000, 7_919), b"a\x00.com\r")
    special[1] = BOM + b"autoengine.com\r"
    hosts = write_targets(tmp_path / "hosts.txt", 150_000, special)
    for output_format in ("text", "json"):
        argv = ("scope", "--from", str(hosts), "--on", ON, "--format", output_format)
        sequential = run_process(*argv, env={"LICENCECHECK_WORKERS": "1"})
        parallel = run_process(*argv, env={"LICENCECHECK_WORKERS": "2"})
        assert sequential.returncode == parallel.returncode == 2
        assert sequential.stdout == parallel.stdout
        assert sequential.stderr == parallel.stderr
    report = json.loads(parallel.stdout)
    assert_complete(report, expected_lines(hosts.read_bytes()))
    for line in special:
        if line != 1:
            bad_finding(report, line)


# Any bytes at all ------------------------------------------------------------------------------

PIECES = [b"autoengine.com", b"www.maichetong.com.cn", b"\n", b"\r\n", b"\r", b"#", b" ", b"\t", b"\x00"]
PIECES += [b"\xff", b"\xc2", "卖车通".encode(), "卖".encode("gbk"), BOM, "\u3000".encode(), b"..", b"http://"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.one_of(st.binary(max_size=400), st.lists(st.sampled_from(PIECES), max_size=60).map(b"".join)))
def test_random_bytes_as_a_target_file_never_crash(cli: Invoke, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        hosts = Path(folder) / "hosts.txt"
        hosts.write_bytes(data)
        run = cli("scope", "--from", str(hosts), "--on", ON, "--format", "json", env={"LICENCECHECK_WORKERS": "1"})
    assert run.exit_code in (0, 1, 2)
    lines = expected_lines(data)
    if not lines:
        assert run.exit_code == 2 and run.stdout == "" and "no targets in" in run.stderr
        return
    report = json.loads(run.stdout)
    assert report["ok"] is (run.exit_code == 0)
    assert_complete(report, lines)
