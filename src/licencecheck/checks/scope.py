"""Is a host covered by the licence on a day? Listed (on label boundaries) and in force.

Built for batches of a million names: the licence is indexed once, plain ASCII names take a
regex fast path, and every target yields one small finding whose shared details (website,
grants, server, access provider) live once in `ScopeIndex.details`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

from licencecheck.checks.validity import check_validity
from licencecheck.hostnames import HostError, host_of, is_ip_address, listed_under, normalise_name
from licencecheck.models import Licence
from licencecheck.report import Finding, Status, Verdict

CHECK = "scope"

COVERED = Status.COVERED.value
NOT_LISTED = Status.NOT_LISTED.value
NOT_IN_FORCE = Status.NOT_IN_FORCE.value
IP_ADDRESS = Status.IP_ADDRESS.value
INVALID = Status.INVALID.value

READ_BLOCK_BYTES = 1 << 18
"""Target files are read and checked in blocks of about this size (some 10,000 names): large
enough to amortise handing a block to a worker, small enough to keep memory flat."""
MAX_LINE_BYTES = 1 << 16
"""A target line longer than this is not a host or a URL anyone serves; refuse, keep memory flat."""

_LDH_CHARS = re.compile(r"[a-z0-9.-]+")
_LONG_LABEL = re.compile(r"[^.]{64}")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Holder:
    """A licence that lists a domain, and its state on the day checked."""

    number: str
    website: str
    clause: str
    not_in_force_reason: str | None
    warning: str | None


@dataclass(frozen=True)
class ScopeIndex:
    """The licences' websites, indexed by domain: for each, the licences listing it, the one to
    cite first (in force before in its renewal window before not in force)."""

    licence_number: str
    domains: frozenset[str]
    details: dict[str, dict[str, Any]]
    validities: tuple[Finding, ...]
    listing_clause: str
    holders: dict[str, tuple[Holder, ...]]

    @classmethod
    def build(cls, licences: Sequence[Licence], on: date, renewals: dict[str, date] | None = None) -> ScopeIndex:
        """`renewals`: when each licence's renewal application was filed, by the records."""
        filed = renewals or {}
        validities = tuple(check_validity(licence, on, None, filed.get(licence.number)) for licence in licences)
        details: dict[str, dict[str, Any]] = {}
        holders: dict[str, list[Holder]] = {}
        for licence, validity in zip(licences, validities, strict=True):
            for domain, entry in website_details(licence).items():
                _merge_details(details, domain, entry, licence.number)
                clause = f"{'; '.join(dict.fromkeys(entry['sources']))}; {validity.clause}"
                holder = Holder(
                    licence.number,
                    entry["website"],
                    clause,
                    _not_in_force_reason(licence, validity),
                    _warning(licence, validity),
                )
                holders.setdefault(domain, []).append(holder)
        sources = list(dict.fromkeys(source for entry in details.values() for source in entry["sources"]))
        return cls(
            licence_number=", ".join(licence.number for licence in licences),
            domains=frozenset(details),
            details=details,
            validities=validities,
            listing_clause="; ".join(sources) or "-",
            holders={domain: tuple(sorted(found, key=_holder_rank)) for domain, found in holders.items()},
        )

    @property
    def several(self) -> bool:
        return len(self.validities) > 1


def _holder_rank(holder: Holder) -> int:
    return 2 if holder.not_in_force_reason is not None else 1 if holder.warning is not None else 0


def _merge_details(details: dict[str, dict[str, Any]], domain: str, entry: dict[str, Any], number: str) -> None:
    """One entry per domain across licences; each grant names its licence, `licences` lists them."""
    grants = [{**grant, "licence": number} for grant in entry["grants"]]
    if domain not in details:
        details[domain] = {**entry, "grants": grants, "licences": [number]}
        return
    merged = details[domain]
    merged["grants"] = [*merged["grants"], *grants]
    merged["sources"] = [*merged["sources"], *entry["sources"]]
    merged["licences"] = [*merged["licences"], number]


def _warning(licence: Licence, validity: Finding) -> str | None:
    if validity.verdict is not Verdict.WARN:
        return None
    if validity.data["state"] == Status.RENEWAL_PENDING:
        return (
            f"{licence.number} reached its validity end on {licence.validity.valid_until}; renewal pending "
            f"(applied on {validity.data['renewal_filed_on']}, in time: deemed extended unless the authority refused)"
        )
    return (
        f"{licence.number} ends on {licence.validity.valid_until}, {validity.data['days_left']} days left "
        f"(renewal application due by {validity.data['renewal_deadline']})"
    )


def website_details(licence: Licence) -> dict[str, dict[str, Any]]:
    """Each licensed domain: its website, server, access provider, grants and where it is listed."""
    details: dict[str, dict[str, Any]] = {}
    for grant in licence.grants:
        for site in grant.websites:
            entry = details.setdefault(
                site.domain,
                {
                    "domain": site.domain,
                    "website": site.name,
                    "server_location": site.server_location,
                    "access_provider": site.access_provider,
                    "grants": [],
                    "sources": [],
                },
            )
            entry["grants"].append(
                {
                    "code": grant.code,
                    "name": grant.name,
                    "limited_to": grant.limited_to,
                    "excluding": grant.excluding,
                    "conditions": grant.conditions,
                    "clause": grant.source,
                }
            )
            entry["sources"].append(site.source)
    return details


def _not_in_force_reason(licence: Licence, validity: Finding) -> str | None:
    if validity.data["state"] == Status.EXPIRED:
        return f"the licence expired on {licence.validity.valid_until}"
    if validity.data["state"] == Status.NOT_YET_IN_FORCE:
        return f"the licence is not yet in force (valid from {licence.validity.start})"
    return None


def normalise_target(target: str) -> tuple[str, str]:
    """(status, host): status is COVERED-candidate "name", IP_ADDRESS, or raises HostError."""
    text = target.strip(" \t\r\n\u3000")
    if not text:
        raise HostError("empty target")
    lowered = text.lower()
    if lowered.endswith(".") and not lowered.endswith(".."):
        lowered = lowered[:-1]
    if _is_plain_ldh_name(lowered):
        if lowered[-1].isdigit() and lowered.rsplit(".", 1)[-1].isdigit():
            return _numeric(lowered)
        return "name", lowered
    if _SPACE_OR_CONTROL.search(text):
        raise HostError("white space or control characters are not allowed in a host name or URL")
    if "\\" in text:
        raise HostError("a backslash in a URL: browsers read it as '/', so the host is ambiguous")
    host = host_of(text)
    if is_ip_address(host):
        return IP_ADDRESS, host
    name = normalise_name(host)
    if name.rsplit(".", 1)[-1].isdigit():
        return _numeric(name)
    return "name", name


def _is_plain_ldh_name(name: str) -> bool:
    """The fast path: a valid lowercase LDH name with no A-label, checked with string
    operations (no backtracking regex). Anything it rejects takes the careful path."""
    return (
        len(name) <= 253
        and _LDH_CHARS.fullmatch(name) is not None
        and name[0] not in ".-"
        and name[-1] not in ".-"
        and ".." not in name
        and ".-" not in name
        and "-." not in name
        and "xn--" not in name
        and _LONG_LABEL.search(name) is None
    )


def _numeric(name: str) -> tuple[str, str]:
    if is_ip_address(name):
        return IP_ADDRESS, name
    raise HostError("the last label is all digits: neither a domain name nor an IP address")


def check_target(index: ScopeIndex, target: str, line: int | None = None, source: str | None = None) -> Finding:
    """One finding for one target; `line` is its line in the target list `source`, for messages
    (`FILE:LINE: …`, as every other error names a place). A listed host rests on the licence
    listing it that is in force (the first such in a portfolio)."""
    subject = target.strip()
    where = "" if line is None else (f"{source}:{line}: " if source else f"line {line}: ")
    try:
        kind, host = normalise_target(target)
    except HostError as exc:
        data: dict[str, Any] = {"status": INVALID, "host": None, "line": line, "error": str(exc)}
        return Finding(CHECK, subject, Verdict.ERROR, f"{where}invalid target {subject!r}: {exc}", "-", data)
    number = index.licence_number
    if kind == IP_ADDRESS:
        message = f"{where}{host} is an IP address, not a licensed domain: {number} lists domain names only"
        data = {"status": IP_ADDRESS, "host": host, "line": line}
        return Finding(CHECK, subject, Verdict.FAIL, message, index.listing_clause, data)
    matched = listed_under(host, index.domains)
    if matched is None:
        message = f"{where}{host} is not listed on {number}"
        data = {"status": NOT_LISTED, "host": host, "line": line}
        return Finding(CHECK, subject, Verdict.FAIL, message, index.listing_clause, data)
    holder = index.holders[matched][0]
    via = f"via {matched} ({holder.website})" if host != matched else f"as {matched} ({holder.website})"
    data = {"status": COVERED, "host": host, "line": line, "matched_domain": matched, "website": holder.website}
    if holder.not_in_force_reason is not None:
        data["status"] = NOT_IN_FORCE
        message = f"{where}{host} is listed on {holder.number}, but {holder.not_in_force_reason} (listed {via})"
        return Finding(CHECK, subject, Verdict.FAIL, message, holder.clause, data, holder.number)
    message = f"{where}{host} is covered: listed on {holder.number} {via}"
    if holder.warning is not None:
        return Finding(CHECK, subject, Verdict.WARN, f"{message}; {holder.warning}", holder.clause, data, holder.number)
    return Finding(CHECK, subject, Verdict.PASS, message, holder.clause, data, holder.number)


@dataclass(frozen=True)
class RawBlock:
    """Whole lines of a target file, undecoded, and the number of the first; parsed where checked.
    `long_line` is set (to its first bytes) when the block stands for one over-long line."""

    data: bytes
    first_line: int
    name: str
    long_line: bytes | None = None


Entry = tuple[int | None, str | Finding]
"""(line number, target) to check, or (line number, finding) for a line that is not a target."""

_BOM = b"\xef\xbb\xbf"
_BLANKS = " \t\r\u3000"
NOT_UTF8 = "not UTF-8 text; save the target list as UTF-8"
TOO_LONG = f"line is longer than {MAX_LINE_BYTES // 1024} KiB; not a host name or URL"
LONG_LINE_SHOWN = 40
"""Bytes of an over-long line kept to show it (the rest is skipped, never held)."""


def raw_blocks(stream: BinaryIO, name: str, chunk_size: int = READ_BLOCK_BYTES) -> Iterator[RawBlock]:
    """Cut a stream into blocks of whole lines without decoding it (cheap: the caller may hand
    the blocks to worker processes). A line longer than MAX_LINE_BYTES is skipped to its end as
    it is read and stands as a block of its own."""
    next_line = 1
    pending: bytes | None = b""
    while pending is not None:
        chunk = _read(stream, name, next_line, chunk_size)
        data = pending + chunk
        if not data:
            return
        cut = data.rfind(b"\n") + 1 if chunk else len(data)
        if cut == 0 and len(data) > MAX_LINE_BYTES:
            yield RawBlock(b"", next_line, name, long_line=data[:LONG_LINE_SHOWN])
            pending = _skip_line(stream, name, next_line, data, chunk_size)
            next_line += 1
        elif cut == 0:
            pending = data
        else:
            yield RawBlock(data[:cut], next_line, name)
            next_line += data.count(b"\n", 0, cut)
            pending = data[cut:] if chunk else None


def _read(stream: BinaryIO, name: str, line: int, size: int) -> bytes:
    from licencecheck.errors import UnreadableError

    try:
        return stream.read(size)
    except OSError as exc:
        raise UnreadableError(f"{name}:{line}: cannot read the target list: {exc.strerror or exc}") from None


def _skip_line(stream: BinaryIO, name: str, line: int, data: bytes, chunk_size: int) -> bytes | None:
    """What follows the end of the line that `data` begins, or None at the end of the stream."""
    while (end := data.find(b"\n")) < 0:
        data = _read(stream, name, line, chunk_size)
        if not data:
            return None
    return data[end + 1 :]


def parse_block(block: RawBlock) -> list[Entry]:
    """(line number, target) for each line that is not blank or a `#` comment; a line that is not
    UTF-8 or is too long becomes (line number, invalid finding) and the others are still read."""
    if block.long_line is not None:
        return [(block.first_line, _line_finding(block.name, block.first_line, block.long_line, TOO_LONG))]
    try:
        text = block.data.decode("utf-8-sig" if block.first_line == 1 else "utf-8")
    except UnicodeDecodeError:
        return _parse_lines(block)
    lines = text.split("\n")
    if max(map(len, lines)) > MAX_LINE_BYTES // 4:  # some line may be over the limit in bytes
        return _parse_lines(block)
    targets: list[Entry] = []
    for number, raw in enumerate(lines, start=block.first_line):
        stripped = raw.strip(_BLANKS)
        if stripped and stripped[0] != "#":
            targets.append((number, stripped))
    return targets


def _parse_lines(block: RawBlock) -> list[Entry]:
    """`parse_block` line by line, for a block with a line that is not UTF-8 or may be too long."""
    targets: list[Entry] = []
    for number, raw in enumerate(block.data.split(b"\n"), start=block.first_line):
        entry = _parse_line(block.name, number, raw)
        if entry is not None:
            targets.append((number, entry))
    return targets


def _parse_line(name: str, number: int, raw: bytes) -> str | Finding | None:
    if len(raw) > MAX_LINE_BYTES:
        return _line_finding(name, number, raw[:LONG_LINE_SHOWN], TOO_LONG)
    if number == 1:
        raw = raw.removeprefix(_BOM)
    try:
        stripped = raw.decode("utf-8").strip(_BLANKS)
    except UnicodeDecodeError:
        if raw.decode("utf-8", "replace").strip(_BLANKS).startswith("#"):
            return None  # a comment, whatever its encoding
        return _line_finding(name, number, raw, NOT_UTF8)
    return stripped if stripped and stripped[0] != "#" else None


def _line_finding(name: str, line: int, raw: bytes, reason: str) -> Finding:
    """An invalid target for a line that could not be read as one: `FILE:LINE: reason`."""
    subject = raw.decode("utf-8", "backslashreplace").strip(_BLANKS)
    if reason == TOO_LONG:
        subject += "…"
    data = {"status": INVALID, "host": None, "line": line, "error": reason}
    return Finding(CHECK, subject, Verdict.ERROR, f"{name}:{line}: {reason}", "-", data)


_SURROGATE = re.compile("[\ud800-\udfff]")


def argument_target(argument: str) -> str | Finding:
    """A command-line argument as a target; one that is not UTF-8 (its bytes arrive as lone
    surrogates) is an invalid target showing those bytes as \\xNN, never written raw."""
    if _SURROGATE.search(argument) is None:
        return argument
    try:
        subject = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        subject = argument.encode("utf-8", "backslashreplace").decode("utf-8")
    data = {"status": INVALID, "host": None, "line": None, "error": "not UTF-8 text"}
    return Finding(CHECK, subject, Verdict.ERROR, f"invalid target '{subject}': not UTF-8 text", "-", data)


def read_targets(stream: BinaryIO, name: str, chunk_size: int = READ_BLOCK_BYTES) -> Iterator[Entry]:
    """Every target of a stream, in order (see `raw_blocks` and `parse_block`)."""
    for block in raw_blocks(stream, name, chunk_size):
        yield from parse_block(block)
