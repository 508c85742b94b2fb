"""Names that must not repeat within one output (evidence files, chart item ids)."""

from __future__ import annotations


def unique(stem: str, taken: set[str]) -> str:
    """`stem`, or `stem-2`, `stem-3`… when it is taken; the name returned is then taken too."""
    name, count = stem, 1
    while name in taken:
        count += 1
        name = f"{stem}-{count}"
    taken.add(name)
    return name
