"""Extract licencecheck's messages with Babel, update the zh_CN and en catalogues, compile them.

    python tools/catalogues.py                  # extract, update both .po files, compile both .mo files
    python tools/catalogues.py --merge FILE...  # also take zh translations from JSON files {msgid: msgstr}
    python tools/catalogues.py --check          # write nothing; exit 1 when a catalogue is behind the code

The English catalogue says every message as the code does (msgstr = msgid), so English wording
can be changed there without touching the code. A message new to the code is added to the
zh_CN catalogue untranslated; tests/test_catalogues.py fails until it is translated. Messages
the code no longer has are dropped, never kept as obsolete entries.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "licencecheck"
LOCALE = PACKAGE / "locale"
DOMAIN = "licencecheck"
METHODS = [("**.py", "python"), ("**/templates/**.j2", "jinja2")]
OPTIONS = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
FIXED_DATE = datetime(2026, 11, 30, tzinfo=UTC)
"""Header dates stay put, so that running this twice changes nothing."""
LANGUAGES = {"zh_CN": "zh_Hans_CN", "en": "en"}


def extract() -> Catalog:
    """Every message the code marks, with where it is."""
    template = Catalog(project="licencecheck", domain=DOMAIN, creation_date=FIXED_DATE, revision_date=FIXED_DATE)
    messages = extract_from_dir(
        PACKAGE, method_map=METHODS, options_map=OPTIONS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    )
    for filename, lineno, message, comments, context in messages:
        template.add(message, None, [(f"src/licencecheck/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=LANGUAGES[language], domain=DOMAIN)
    with path.open("rb") as stream:
        return read_po(stream, locale=LANGUAGES[language], domain=DOMAIN)


def updated(language: str, template: Catalog, extra: dict[str, str]) -> Catalog:
    """The catalogue for the code as it is: old translations kept, new messages added, gone ones dropped."""
    old = read(language)
    catalog = Catalog(
        locale=LANGUAGES[language],
        domain=DOMAIN,
        project="licencecheck",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        language_team=f"licencecheck {language}",
        last_translator="licencecheck developers",
        fuzzy=False,
    )
    for message in template:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        previous = old.get(message.id, context=message.context)
        if language == "en":
            string = message.id if isinstance(message.id, str) else list(message.id)
        elif key in extra:
            string = extra[key] if isinstance(message.id, str) else [extra[key]]
        elif previous is not None and not previous.fuzzy:
            string = previous.string
        else:
            string = "" if isinstance(message.id, str) else [""]
        catalog.add(message.id, string, message.locations, auto_comments=message.auto_comments, context=message.context)
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    stream = io.BytesIO()
    write_po(stream, catalog, width=100, sort_output=False, include_previous=False)
    return stream.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    stream = io.BytesIO()
    write_mo(stream, catalog, use_fuzzy=False)
    return stream.getvalue()


def compiled(language: str) -> bytes:
    """The .mo file the current .po compiles to."""
    return mo_bytes(read(language))


def _translated(string: str | tuple[str, ...] | list[str]) -> bool:
    return bool(string) if isinstance(string, str) else all(string)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--merge", nargs="*", type=Path, default=[], help="JSON files of zh_CN translations")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when behind the code")
    args = parser.parse_args(argv)
    extra: dict[str, str] = {}
    for path in args.merge:
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            extra[key] = value[0] if isinstance(value, list) else value
    template = extract()
    behind = []
    for language in LANGUAGES:
        catalog = updated(language, template, extra)
        files = {po_path(language): po_bytes(catalog), po_path(language).with_suffix(".mo"): mo_bytes(catalog)}
        for path, data in files.items():
            if path.exists() and path.read_bytes() == data:
                continue
            behind.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_name(f".{path.name}.{os.getpid()}")
                temporary.write_bytes(data)
                temporary.replace(path)  # atomic: two runs at once never leave half a file
    untranslated = [
        m.id for m in read("zh_CN") if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    for path in behind:
        print(f"{'behind' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    print(f"{len(template)} messages; {len(untranslated)} untranslated in zh_CN")
    return 1 if args.check and behind else 0


if __name__ == "__main__":
    sys.exit(main())
