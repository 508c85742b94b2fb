"""The cache of validated licence files makes runs faster, never different: a changed file is
never served from it, a corrupt, foreign or untrusted entry is ignored and rebuilt, --no-cache
reads and writes nothing, and a cache that cannot be written fails no run."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from licencecheck import cache
from tests.conftest import BUNDLED, Invoke


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("LICENCECHECK_CACHE_DIR", str(where))
    monkeypatch.delenv("LICENCECHECK_NO_CACHE", raising=False)
    return where


@pytest.fixture
def licence(tmp_path: Path) -> Path:
    copy = tmp_path / "licence.yaml"
    copy.write_bytes(BUNDLED.read_bytes())
    return copy


def show(cli: Invoke, licence: Path, *extra: str) -> tuple[int, dict[str, object] | None]:
    result = cli(*extra, "show", "--licence", str(licence), "--on", "2026-06-01", "--format", "json")
    return result.exit_code, json.loads(result.stdout) if result.stdout else None


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_a_second_run_reads_the_cache_and_says_the_same(cli: Invoke, folder: Path, licence: Path) -> None:
    first = show(cli, licence)
    assert entries(folder), "the validated licence was stored"
    assert show(cli, licence) == first


def test_a_changed_file_is_never_served_from_the_cache(cli: Invoke, folder: Path, licence: Path) -> None:
    show(cli, licence)
    text = licence.read_text(encoding="utf-8")
    text = text.replace("holder: 重庆万象优车科技有限公司", "holder: 重庆另一家科技有限公司")
    licence.write_text(text, encoding="utf-8")
    code, report = show(cli, licence)
    assert code == 0 and report is not None
    assert "重庆另一家科技有限公司" in json.dumps(report, ensure_ascii=False)


def test_a_file_changed_to_invalid_is_refused_not_served(cli: Invoke, folder: Path, licence: Path) -> None:
    assert show(cli, licence)[0] == 0
    text = licence.read_text(encoding="utf-8")
    licence.write_text(text.replace("valid_until: 2026-10-20", "valid_until: 2020-10-20"), encoding="utf-8")
    result = cli("show", "--licence", str(licence), "--on", "2026-06-01")
    assert result.exit_code == 2 and "valid_until" in result.stderr


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps(("wrong key", "a string")), pickle.dumps(42)])
def test_a_corrupt_or_foreign_entry_is_ignored_and_rebuilt(
    cli: Invoke, folder: Path, licence: Path, garbage: bytes
) -> None:
    first = show(cli, licence)
    for entry in entries(folder):
        entry.write_bytes(garbage)
    assert show(cli, licence) == first
    assert all(entry.read_bytes() != garbage for entry in entries(folder)), "rebuilt"


def test_an_entry_of_another_file_is_not_used(cli: Invoke, folder: Path, licence: Path, tmp_path: Path) -> None:
    """An entry whose stored key is not the file's (swapped names) counts as missing."""
    show(cli, licence)
    [entry] = entries(folder)
    other = tmp_path / "other.yaml"
    other.write_text(licence.read_text(encoding="utf-8").replace("李飞", "王五"), encoding="utf-8")
    show(cli, other)
    [a, b] = entries(folder)
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)
    b.write_bytes(a_bytes)
    assert "王五" not in json.dumps(show(cli, licence)[1], ensure_ascii=False)
    assert "王五" in json.dumps(show(cli, other)[1], ensure_ascii=False)
    assert entry.exists()


@pytest.mark.parametrize("how", [["--no-cache"], ["show-after"], ["env"]])
def test_no_cache_reads_and_writes_nothing(
    cli: Invoke, folder: Path, licence: Path, how: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if how == ["env"]:
        monkeypatch.setenv("LICENCECHECK_NO_CACHE", "1")
        code, _ = show(cli, licence)
    elif how == ["show-after"]:
        result = cli("show", "--licence", str(licence), "--on", "2026-06-01", "--no-cache")
        code = result.exit_code
    else:
        code, _ = show(cli, licence, "--no-cache")
    assert code == 0
    assert entries(folder) == []


def test_no_cache_ignores_what_is_there(cli: Invoke, folder: Path, licence: Path) -> None:
    show(cli, licence)
    for entry in entries(folder):
        entry.write_bytes(pickle.dumps((entry.stem, "poison")))
    assert show(cli, licence, "--no-cache")[0] == 0


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root may write anywhere")
def test_a_cache_that_cannot_be_written_fails_no_run(cli: Invoke, folder: Path, licence: Path) -> None:
    folder.mkdir(mode=0o500)
    assert show(cli, licence)[0] == 0


def test_a_folder_that_is_a_file_fails_no_run(cli: Invoke, folder: Path, licence: Path) -> None:
    folder.write_text("not a folder")
    assert show(cli, licence)[0] == 0


def test_an_entry_others_can_write_is_not_trusted(cli: Invoke, folder: Path, licence: Path) -> None:
    show(cli, licence)
    [entry] = entries(folder)
    key, value = pickle.loads(entry.read_bytes())
    entry.write_bytes(pickle.dumps((key, value.model_copy(update={"holder": "被篡改的公司"}))))
    entry.chmod(0o666)
    assert "被篡改的公司" not in json.dumps(show(cli, licence)[1], ensure_ascii=False)


def test_a_hit_is_equal_to_what_validation_gives(folder: Path, licence: Path) -> None:
    from licencecheck.datafiles import load_model
    from licencecheck.models import Licence

    cache.reset(enabled=True)
    built = load_model(licence, Licence, what="licence file")
    assert entries(folder)
    assert load_model(licence, Licence, what="licence file") == built


def validate_more_files_than_kept(tmp_path: Path) -> None:
    """KEEP + 3 different licence files, each validated through the cache."""
    from licencecheck.datafiles import load_model
    from licencecheck.models import Licence

    cache.reset(enabled=True)
    text = BUNDLED.read_text(encoding="utf-8")
    for i in range(cache.KEEP + 3):
        path = tmp_path / f"l{i}.yaml"
        path.write_text(text + f"\n# copy {i}\n", encoding="utf-8")
        load_model(path, Licence, what="licence file")


def test_old_entries_are_pruned(folder: Path, tmp_path: Path) -> None:
    validate_more_files_than_kept(tmp_path)
    assert len(entries(folder)) == cache.KEEP


@pytest.mark.parametrize("kind", ["fifo", "directory", "huge"])
def test_an_entry_that_is_no_file_of_ours_is_never_read(cli: Invoke, folder: Path, licence: Path, kind: str) -> None:
    """A FIFO in the entry's place would block a read for ever: it is passed over, never opened."""
    first = show(cli, licence)
    [entry] = entries(folder)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "directory":
        entry.mkdir()
    else:
        with entry.open("wb") as out:
            out.truncate(cache.MAX_ENTRY + 1)
    assert show(cli, licence) == first


def validate(cli: Invoke, licence: Path) -> tuple[int, str]:
    result = cli("validate", str(licence))
    return result.exit_code, result.stdout + result.stderr


def test_validate_serves_its_verdict_only_for_the_same_licence(cli: Invoke, folder: Path, licence: Path) -> None:
    assert validate(cli, licence)[0] == 0
    text = licence.read_text(encoding="utf-8")
    licence.write_text(text.replace("valid_until: 2026-10-20", "valid_until: 2020-10-20"), encoding="utf-8")
    code, said = validate(cli, licence)
    assert code == 1 and "valid_until" in said


def test_validate_serves_its_verdict_only_for_the_same_catalogue(
    cli: Invoke, folder: Path, licence: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from licencecheck import datafiles

    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_bytes(datafiles.data_file(datafiles.CATALOGUE_FILE).read_bytes())
    monkeypatch.setattr(datafiles, "data_file", lambda name: catalogue if name == datafiles.CATALOGUE_FILE else None)
    assert validate(cli, licence)[0] == 0
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("name: 经营类电子商务,", "name: 另一种电子商务,"), encoding="utf-8")
    code, said = validate(cli, licence)
    assert (
        code == 1 and "grants[0].limited_to[0]: '经营类电子商务' is not a service the business catalogue knows" in said
    )


def test_validate_with_its_verdict_cached_imports_no_model(folder: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('pydantic' in sys.modules, file=sys.stderr))\n"
        "sys.argv = ['licencecheck', 'validate']\n"
        "from licencecheck.cli import main\n"
        "main()\n"
    )
    said = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True) for _ in "12"]
    assert [run.stderr.splitlines()[-1] for run in said] == ["True", "False"]


def test_validate_stores_one_entry_per_file(cli: Invoke, folder: Path, licence: Path, tmp_path: Path) -> None:
    """So that the cache holds as many files as it keeps entries (the catalogue's is shared)."""
    copies = [tmp_path / f"copy{i}.yaml" for i in range(3)]
    for i, copy in enumerate(copies):
        copy.write_text(licence.read_text(encoding="utf-8") + f"\n# copy {i}\n", encoding="utf-8")
    assert cli("validate", *map(str, copies)).exit_code == 0
    assert len(entries(folder)) == len(copies) + 1


def test_other_files_in_the_folder_are_never_touched(folder: Path, tmp_path: Path) -> None:
    folder.mkdir(mode=0o700)
    theirs = {folder / f"{name}.pickle": name.encode() for name in ("mine", "0" * 40, "licencecheck-zz")}
    for path, content in theirs.items():
        path.write_bytes(content)
    validate_more_files_than_kept(tmp_path)
    assert {path: path.read_bytes() for path in theirs} == theirs
    assert len([path for path in entries(folder) if path not in theirs]) == cache.KEEP


def test_a_file_in_the_place_of_the_temporary_is_neither_written_nor_removed(folder: Path, licence: Path) -> None:
    from licencecheck.datafiles import load_model
    from licencecheck.models import Licence

    cache.reset(enabled=True)
    load_model(licence, Licence, what="licence file")
    [entry] = entries(folder)
    entry.unlink()
    victim = folder / "victim.txt"
    victim.write_text("theirs", encoding="utf-8")
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}")
    temporary.symlink_to(victim)
    load_model(licence, Licence, what="licence file")
    assert victim.read_text(encoding="utf-8") == "theirs"
    assert temporary.is_symlink()


def test_pydantic_installed_without_its_sources_still_names_a_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.machinery
    import importlib.util

    import pydantic

    spec = importlib.machinery.ModuleSpec("pydantic", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path)]  # no version.py there
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert cache._pydantic_version() == pydantic.VERSION
