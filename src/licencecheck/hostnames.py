"""Host names: syntax, normalisation to the ASCII (A-label) form, and extraction from URLs.

Plain ASCII names take a fast path (a regular expression and `str.lower`); anything else goes
through the `idna` package (IDNA 2008 with UTS 46 mapping), because Python's built-in codec
implements the older IDNA 2003 and maps some names differently.
"""

from __future__ import annotations

import re

from licencecheck.i18n import _, quote

MAX_NAME_OCTETS = 253
MAX_LABEL_OCTETS = 63

_ASCII_NAME = re.compile(r"[A-Za-z0-9.-]+")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_NEEDS_URL_PARSE = re.compile(r"[/?#@\[\]]")


class HostError(ValueError):
    """The text is not a usable host name; the message says why."""


def check_ascii_labels(name: str) -> None:
    """Raise HostError unless `name` (lowercase ASCII, no trailing dot) is a valid LDH host name."""
    if not name:
        raise HostError(_("empty host name"))
    if len(name) > MAX_NAME_OCTETS:
        raise HostError(
            _("name is {length} octets long; at most {limit} are allowed").format(
                length=len(name), limit=MAX_NAME_OCTETS
            )
        )
    for label in name.split("."):
        if not label:
            raise HostError(_("empty label (two dots in a row, or a leading dot)"))
        if len(label) > MAX_LABEL_OCTETS:
            raise HostError(
                _("label {label}… is {length} octets long; at most {limit} are allowed").format(
                    label=label[:20], length=len(label), limit=MAX_LABEL_OCTETS
                )
            )
        if not _LABEL.match(label):
            if label.startswith("-") or label.endswith("-"):
                raise HostError(_("label {label} starts or ends with a hyphen").format(label=quote(label)))
            raise HostError(_("label {label} has characters not allowed in host names").format(label=quote(label)))


def normalise_name(text: str) -> str:
    """Return the lowercase A-label form of a host name (no trailing dot), or raise HostError."""
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    if _ASCII_NAME.fullmatch(text) and "xn--" not in text.lower():
        name = text.lower()
        check_ascii_labels(name)
        return name
    if text.isascii() and "xn--" not in text.lower():
        bad = sorted({ch for ch in text if not (ch.isalnum() or ch in ".-")})
        shown = " ".join(quote(ch) for ch in bad)
        raise HostError(_("characters not allowed in host names: {characters}").format(characters=shown))
    return _normalise_idna(text)


def _normalise_idna(text: str) -> str:
    import idna

    if not text.strip():
        raise HostError(_("empty host name"))
    if any(ch.isspace() for ch in text):
        raise HostError(_("white space is not allowed in host names"))
    try:
        encoded = idna.encode(text, uts46=True, std3_rules=True).decode("ascii")
    except idna.IDNAError as exc:
        raise HostError(_("not a valid internationalised name: {error}").format(error=exc)) from None
    except UnicodeError as exc:
        raise HostError(_("not a valid internationalised name: {error}").format(error=exc)) from None
    name = encoded.lower().rstrip(".")
    check_ascii_labels(name)
    return name


def is_ip_address(text: str) -> bool:
    """True for an IPv4 or IPv6 address literal (brackets allowed around IPv6)."""
    import ipaddress

    candidate = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def host_of(target: str) -> str:
    """The host part of a target: the target itself, or the host of a URL (userinfo, port,
    path, query and fragment are not the host). Raises HostError for a URL with no host."""
    if not _URL.match(target) and not _NEEDS_URL_PARSE.search(target):
        return target
    from urllib.parse import urlsplit

    to_parse = target if _URL.match(target) else "//" + target
    try:
        parts = urlsplit(to_parse)
        host = parts.hostname
    except ValueError as exc:
        raise HostError(_("not a valid URL: {error}").format(error=exc)) from None
    if not host:
        raise HostError(_("the URL has no host"))
    if ":" in host:  # an IPv6 literal, which urlsplit returns without brackets
        return f"[{host}]"
    # urlsplit lower-cases the host; keep percent-escapes and the rest for the syntax check.
    return host


def listed_under(name: str, domains: frozenset[str]) -> str | None:
    """The licensed domain that `name` equals or is a subdomain of, on label boundaries."""
    if name in domains:
        return name
    start = name.find(".")
    while start != -1:
        suffix = name[start + 1 :]
        if suffix in domains:
            return suffix
        start = name.find(".", start + 1)
    return None
