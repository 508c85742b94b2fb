"""Family 2: outputs never destroy inputs, devices or links; a failed run leaves every file as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, Invoke

from .helpers import copy_release, one_error_line


def snapshot(*paths: Path) -> dict[Path, tuple[bytes, int]]:
    return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in paths}


@pytest.mark.parametrize(
    "victim",
    ["licencecheck.yaml", "compliance/records.yaml", "dist/index.html", "dist/ads/spring.html", "licence.yaml"],
)
@pytest.mark.parametrize("spelling", ["plain", "dotdot", "symlink"])
def test_an_output_that_is_an_input_is_refused(victim: str, spelling: str, tmp_path: Path, cli: Invoke) -> None:
    release = copy_release(tmp_path)
    licence = release / "licence.yaml"
    licence.write_bytes(BUNDLED.read_bytes())
    target = release / victim
    before = snapshot(target)
    output = {
        "plain": target,
        "dotdot": release / "dist" / ".." / victim,
        "symlink": tmp_path / "link",
    }[spelling]
    if spelling == "symlink":
        output.symlink_to(target)
    run = cli("gate", str(release / "licencecheck.yaml"), "--licence", str(licence), "-f", "json", "-o", str(output))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert "is also an input of this run" in line
    assert snapshot(target) == before


def test_timeline_svg_over_the_licence_is_refused(tmp_path: Path, cli: Invoke) -> None:
    licence = tmp_path / "licence.yaml"
    licence.write_bytes(BUNDLED.read_bytes())
    before = snapshot(licence)
    run = cli("timeline", "--on", "2026-06-01", "--licence", str(licence), "--svg", str(licence))
    assert run.exit_code == 2 and "is also an input" in one_error_line(run.stderr)
    assert snapshot(licence) == before


def test_two_outputs_to_one_file_write_neither(tmp_path: Path, cli: Invoke) -> None:
    release = copy_release(tmp_path)
    report = tmp_path / "report.txt"
    report.write_text("old\n", encoding="utf-8")
    run = cli(
        "gate",
        str(release / "licencecheck.yaml"),
        "-f",
        "json",
        "-o",
        str(report),
        "-f",
        "sarif",
        "-o",
        str(tmp_path / "." / "report.txt"),
    )
    assert run.exit_code == 2 and "are the same file" in one_error_line(run.stderr)
    assert report.read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize("second", ["missing-folder", "directory", "proc"])
def test_a_failing_second_output_leaves_the_first_as_it_was(second: str, tmp_path: Path, cli: Invoke) -> None:
    release = copy_release(tmp_path)
    first = tmp_path / "first.json"
    first.write_text("previous report\n", encoding="utf-8")
    bad = {
        "missing-folder": tmp_path / "no" / "such" / "x.xml",
        "directory": tmp_path,
        "proc": Path("/proc/self/licencecheck.xml"),
    }[second]
    run = cli("gate", str(release / "licencecheck.yaml"), "-f", "json", "-o", str(first), "-f", "junit", "-o", str(bad))
    assert run.exit_code == 2
    assert str(bad) in one_error_line(run.stderr)
    assert first.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".first")] == []  # no temporary left


def test_a_device_output_stays_a_device(tmp_path: Path, cli: Invoke) -> None:
    run = cli("gate", str(copy_release(tmp_path) / "licencecheck.yaml"), "-f", "json", "-o", "/dev/null")
    assert run.exit_code == 0, run.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlinked_output_keeps_its_link(tmp_path: Path, cli: Invoke) -> None:
    real = tmp_path / "reports" / "gate.json"
    real.parent.mkdir()
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    run = cli("gate", str(copy_release(tmp_path) / "licencecheck.yaml"), "-f", "json", "-o", str(link))
    assert run.exit_code == 0, run.stderr
    assert link.is_symlink() and '"ok": true' in real.read_text(encoding="utf-8")


def test_an_existing_output_keeps_its_permissions(tmp_path: Path, cli: Invoke) -> None:
    out = tmp_path / "gate.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o640)
    assert cli("gate", str(copy_release(tmp_path) / "licencecheck.yaml"), "-f", "json", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_fifo_with_no_reader_is_refused_not_waited_for(tmp_path: Path) -> None:
    from .helpers import make_fifo, run_process

    fifo = make_fifo(tmp_path)
    run = run_process("gate", str(copy_release(tmp_path) / "licencecheck.yaml"), "-f", "json", "-o", str(fifo))
    assert run.returncode == 2
    assert str(fifo) in one_error_line(run.stderr)
