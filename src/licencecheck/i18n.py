"""The language people read: gettext catalogues for zh_CN and en, chosen once per run.

The language comes from `--lang zh|en`, then `$LICENCECHECK_LANG`, then the first of
`$LANGUAGE`, `$LC_ALL`, `$LC_MESSAGES`, `$LANG` that is set (any `zh…` locale asks for Chinese;
`C`, `POSIX` and every other language give English). Machine keys and ids never go through here.

Every string a person reads is written in English in the code and marked for Babel:
`_("...")` translates now, `N_("...")` only marks a string translated later (help texts,
module constants), `ngettext` and `pgettext` as in the standard library. Placeholders are
`str.format` names (`_("{licence} expired on {day}").format(...)`), never f-strings, so that
the catalogue holds the whole sentence and a translation may reorder it. The catalogues are
`locale/<lang>/LC_MESSAGES/licencecheck.po`, compiled to `.mo` by `tools/catalogues.py`
(tests/test_catalogues.py fails when either is behind the code).
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

DOMAIN = "licencecheck"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "zh")
"""The languages licencecheck speaks, as `--lang` and `$LICENCECHECK_LANG` take them."""
CATALOGUE_NAMES = {"en": "en", "zh": "zh_CN"}
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class UnknownLanguage(ValueError):
    """A `--lang` or `$LICENCECHECK_LANG` value naming no language licencecheck speaks."""


class _Active:
    language = "en"
    translations: _gettext.NullTranslations = _gettext.NullTranslations()


ACTIVE = _Active()


def parse_language(value: str) -> str:
    """`zh`, `zh_CN`, `zh-Hans`, `zh_CN.UTF-8`, `en`, `en_GB` → `zh` or `en`; anything else raises."""
    code = value.strip().lower().replace("-", "_").split(".")[0].split("@")[0].split("_")[0]
    if code not in LANGUAGES:
        raise UnknownLanguage(value)
    return code


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale variables ask for: Chinese for any `zh…`, English otherwise.

    `$LANGUAGE` is a list (`zh_CN:en`); as in GNU gettext it counts only when the locale is not
    `C`/`POSIX`, and its first language licencecheck speaks wins."""
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in ENVIRONMENT[1:] if env.get(name)), "")
    if env.get("LANGUAGE") and locale not in ("C", "POSIX"):
        for item in env["LANGUAGE"].split(":"):
            try:
                return parse_language(item)
            except UnknownLanguage:
                continue
    try:
        return parse_language(locale) if locale else "en"
    except UnknownLanguage:
        return "en"


def choose_language(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """`--lang`, then `$LICENCECHECK_LANG`, then the locale. An unknown `--lang` or
    `$LICENCECHECK_LANG` raises UnknownLanguage (the caller says which of them, exit 2)."""
    env = os.environ if environ is None else environ
    if option is not None:
        return parse_language(option)
    if env.get("LICENCECHECK_LANG", "").strip():
        return parse_language(env["LICENCECHECK_LANG"])
    return language_from_environment(env)


def activate(language: str) -> None:
    """Translate everything from now on into `language` (`en` or `zh`), click's and typer's own
    words (Usage, Options, error lines) included."""
    if language == "en":
        translations: _gettext.NullTranslations = _gettext.NullTranslations()
    else:
        translations = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[CATALOGUE_NAMES[language]])
    ACTIVE.language, ACTIVE.translations = language, translations
    if language == "en" and "licencecheck.cli.words" not in sys.modules:
        return  # typer speaks English already; nothing to undo
    from licencecheck.cli.words import translate_typer

    translate_typer()


def language() -> str:
    """`en` or `zh`: the language of this run."""
    return ACTIVE.language


def _(message: str) -> str:
    """The message in the language of the run."""
    return ACTIVE.translations.gettext(message)


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it (translate it with `_` where it
    is shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return ACTIVE.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A short word whose translation depends on where it stands (`pgettext("verdict", "PASS")`)."""
    return ACTIVE.translations.pgettext(context, message)


def day(value: date) -> str:
    """A date as people read it: 2026-10-20 in English, 2026年10月20日 in Chinese."""
    if ACTIVE.language == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.isoformat()


def days(n: int) -> str:
    """`1 day`, `12 days`; `12天`."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


def join(parts: Iterable[str]) -> str:
    """Clauses of one sentence: `a; b` in English, `a；b` in Chinese."""
    return (_("; ")).join(parts)


def listing(parts: Iterable[str]) -> str:
    """Items of a list: `a, b` in English, `a、b` in Chinese."""
    return (_(", ")).join(parts)


def aside(text: str) -> str:
    """A parenthesis after a word: ` (text)` in English, `（text）` in Chinese."""
    return _(" ({text})").format(text=text)


def quote(value: object) -> str:
    """A value as the user gave it, quoted in a message: `'…'` (its repr) in English, `“…”` in
    Chinese; either way what does not print is escaped."""
    if not isinstance(value, str) or ACTIVE.language != "zh":
        return repr(value)
    return "“" + "".join(char if char.isprintable() else repr(char)[1:-1] for char in value) + "”"
