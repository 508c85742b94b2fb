"""Is a host covered by the licence on a day? Listed (on label boundaries) and in force.

Built for batches of a million names: the licence is indexed once, plain ASCII names take a
regex fast path, and every target yields one small finding whose shared details (website,
grants, server, access provider) live once in `ScopeIndex.details`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

from licencecheck.checks.validity import check_validity
from licencecheck.findings import Finding, Verdict
from licencecheck.hostnames import HostError, host_of, is_ip_address, listed_under, normalise_name
from licencecheck.models import Licence

CHECK = "scope"

COVERED = "covered"
NOT_LISTED = "not-listed"
NOT_IN_FORCE = "not-in-force"
IP_ADDRESS = "ip-address"
INVALID = "invalid"

READ_BLOCK_BYTES = 1 << 18
"""Target files are read and checked in blocks of about this size (some 10,000 names): large
enough to amortise handing a block to a worker, small enough to keep memory flat."""
MAX_LINE_BYTES = 1 << 16
"""A target line longer than this is not a host or a URL anyone serves; refuse, keep memory flat."""

_LDH_CHARS = re.compile(r"[a-z0-9.-]+")
_LONG_LABEL = re.compile(r"[^.]{64}")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ScopeIndex:
    """The licence's websites, indexed by domain, and its state on the day checked."""

    licence_number: str
    domains: frozenset[str]
    details: dict[str, dict[str, Any]]
    validity: Finding
    listing_clause: str
    covered_clause: dict[str, str]
    not_in_force_reason: str | None
    warning: str | None

    @classmethod
    def build(cls, licence: Licence, on: date) -> ScopeIndex:
        details: dict[str, dict[str, Any]] = {}
        sources: list[str] = []
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
                if site.source not in sources:
                    sources.append(site.source)
        validity = check_validity(licence, on)
        reason = None
        if validity.data["state"] == "expired":
            reason = f"the licence expired on {licence.validity.valid_until}"
        elif validity.data["state"] == "not-yet-in-force":
            reason = f"the licence is not yet in force (issued on {licence.validity.issued_on})"
        return cls(
            licence_number=licence.number,
            domains=frozenset(details),
            details=details,
            validity=validity,
            listing_clause="; ".join(sources) or "-",
            covered_clause={
                domain: f"{'; '.join(dict.fromkeys(entry['sources']))}; {validity.clause}"
                for domain, entry in details.items()
            },
            not_in_force_reason=reason,
            warning=(
                f"the licence ends on {licence.validity.valid_until}, {validity.data['days_left']} days left "
                f"(renewal application due by {validity.data['renewal_deadline']})"
                if validity.verdict is Verdict.WARN
                else None
            ),
        )


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


def check_target(index: ScopeIndex, target: str, line: int | None = None) -> Finding:
    """One finding for one target; `line` is its line in a --from file, for messages."""
    subject = target.strip()
    where = "" if line is None else f"line {line}: "
    try:
        kind, host = normalise_target(target)
    except HostError as exc:
        data: dict[str, Any] = {"status": INVALID, "host": None, "line": line, "error": str(exc)}
        return Finding(CHECK, subject, Verdict.FAIL, f"{where}invalid target {subject!r}: {exc}", "-", data)
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
    website = index.details[matched]["website"]
    via = f"via {matched} ({website})" if host != matched else f"as {matched} ({website})"
    clause = index.covered_clause[matched]
    data = {"status": COVERED, "host": host, "line": line, "matched_domain": matched, "website": website}
    if index.not_in_force_reason is not None:
        data["status"] = NOT_IN_FORCE
        message = f"{where}{host} is listed on {number}, but {index.not_in_force_reason} (listed {via})"
        return Finding(CHECK, subject, Verdict.FAIL, message, clause, data)
    message = f"{where}{host} is covered: listed on {number} {via}"
    if index.warning is not None:
        return Finding(CHECK, subject, Verdict.WARN, f"{message}; {index.warning}", clause, data)
    return Finding(CHECK, subject, Verdict.PASS, message, clause, data)


@dataclass(frozen=True)
class RawBlock:
    """Whole lines of a target file, undecoded, and the number of the first; parsed where checked."""

    data: bytes
    first_line: int
    name: str


def raw_blocks(stream: BinaryIO, name: str, chunk_size: int = READ_BLOCK_BYTES) -> Iterator[RawBlock]:
    """Cut a stream into blocks of whole lines without decoding it (cheap: the caller may hand
    the blocks to worker processes)."""
    from licencecheck.errors import InputError

    next_line = 1
    pending = b""
    while True:
        chunk = stream.read(chunk_size)
        data = pending + chunk
        if not data:
            return
        cut = data.rfind(b"\n") + 1 if chunk else len(data)
        if cut == 0:
            if len(data) > MAX_LINE_BYTES:
                raise InputError(f"{name}:{next_line}: line is longer than {MAX_LINE_BYTES // 1024} KiB")
            pending = data
            continue
        whole, pending = data[:cut], data[cut:]
        yield RawBlock(whole, next_line, name)
        next_line += whole.count(b"\n")
        if not chunk:
            return


def parse_block(block: RawBlock) -> list[tuple[int | None, str]]:
    """(line number, target) for each line that is not blank or a `#` comment; UTF-8 only."""
    from licencecheck.errors import InputError

    try:
        text = block.data.decode("utf-8-sig" if block.first_line == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        line = block.first_line + block.data.count(b"\n", 0, exc.start)
        raise InputError(f"{block.name}:{line}: not UTF-8 text; save the target list as UTF-8") from None
    targets: list[tuple[int | None, str]] = []
    for number, raw in enumerate(text.split("\n"), start=block.first_line):
        stripped = raw.strip(" \t\r\u3000")
        if stripped and stripped[0] != "#":
            targets.append((number, stripped))
    return targets


def read_targets(stream: BinaryIO, name: str, chunk_size: int = READ_BLOCK_BYTES) -> Iterator[tuple[int | None, str]]:
    """Every target of a stream, in order (see `raw_blocks` and `parse_block`)."""
    for block in raw_blocks(stream, name, chunk_size):
        yield from parse_block(block)
