"""A naive one-process loop for `scope --from FILE`: the yardstick of `bench/ratios.py`.

Reads a line, takes the host with `urlsplit` when there is a scheme, tests `endswith` against
each licensed domain (read from the licence file) and prints one line per target. It checks less
than licencecheck (no IDNA, no validity, no clause), which is the point: licencecheck should cost
no more than this.

    python bench/naive_scope.py FILE [--format text|json] [--licence data/licence_yu_B2_20210467.yaml]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

LICENCE = Path(__file__).resolve().parents[1] / "data" / "licence_yu_B2_20210467.yaml"


def domains(licence: Path) -> list[str]:
    data = yaml.safe_load(licence.read_text(encoding="utf-8"))
    return [site["domain"] for grant in data["grants"] for site in grant.get("websites", [])]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--format", default="text", choices=["text", "json"])
    parser.add_argument("--licence", type=Path, default=LICENCE)
    options = parser.parse_args()
    listed = domains(options.licence)
    failed = False
    out = sys.stdout
    with open(options.file, encoding="utf-8") as lines:
        for line in lines:
            target = line.strip()
            if not target or target.startswith("#"):
                continue
            host = (urlsplit(target).hostname or "") if "://" in target else target.lower()
            match = next((d for d in listed if host == d or host.endswith("." + d)), None)
            failed = failed or match is None
            if options.format == "json":
                out.write(
                    json.dumps({"subject": target, "verdict": "pass" if match else "fail", "domain": match}) + "\n"
                )
            else:
                out.write(f"{'PASS' if match else 'FAIL'}  {target}  {match or 'not listed'}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
