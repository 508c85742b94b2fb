"""How long `gate --render` takes for N pages, against a yardstick run side by side.

Writes N single-page-app pages (a script fetches the site's settings and writes the footer, as
examples/spa does) into a temporary folder, then alternates, `--runs` times:

* licencecheck: `licencecheck gate MANIFEST --render --format json` over all N pages (one
  browser, pages in parallel, every judgement and the pixel test);
* the yardstick: a bare Playwright script in one browser that opens the same N pages one after
  another from the same kind of loopback server and reads `document.body.innerText`: the least
  any browser-based check pays.

Prints the medians and their ratio. Exits non-zero, naming the command and its stderr, when a
timed command fails (a gate run must exit 0 here: every page shows the number).

    python bench/render_pages.py [--pages 50] [--runs 3] [--browser /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>page {n}</title></head>
<body><main style="min-height:700px"><h1>第 {n} 页</h1></main><footer id="f"></footer>
<script type="module">
const site = await fetch("/site.json").then((r) => r.json());
const [head, tail] = [site.licence.slice(0, 4), site.licence.slice(4)];
document.getElementById("f").innerHTML = `©2026 ${{site.company}} <a href="#"><span>${{head}}</span>${{tail}}</a>`;
</script></body></html>
"""

YARDSTICK = """
import asyncio, functools, http.server, sys, threading
from playwright.async_api import async_playwright

folder, browser_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
handler.log_message = lambda *args: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
origin = f"http://127.0.0.1:{server.server_address[1]}"

async def main():
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=browser_path)
        for n in range(count):
            page = await browser.new_page()
            await page.goto(f"{origin}/page{n}.html", wait_until="networkidle")
            assert "20210467" in await page.evaluate("document.body.innerText")
            await page.close()
        await browser.close()

asyncio.run(main())
server.shutdown()
"""


def write_site(folder: Path, pages: int) -> Path:
    site = {"company": "重庆万象优车科技有限公司", "licence": "渝B2-20210467"}
    (folder / "site.json").write_text(json.dumps(site, ensure_ascii=False), encoding="utf-8")
    for n in range(pages):
        (folder / f"page{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    manifest = folder / "licencecheck.yaml"
    manifest.write_text("release_date: 2026-06-01\nrender: true\npages: ['page*.html']\n", encoding="utf-8")
    return manifest


def timed(name: str, command: list[str], ok: set[int]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in ok:
        last = (done.stderr.strip().splitlines() or ["(nothing on stderr)"])[-1]
        sys.exit(f"bench: {name} failed with exit {done.returncode}: {last[:300]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", default=shutil.which("chromium") or "/usr/bin/chromium")
    options = parser.parse_args()
    tool = shutil.which("licencecheck")
    tool_command = [tool] if tool else [sys.executable, "-m", "licencecheck"]
    with tempfile.TemporaryDirectory() as scratch:
        manifest = write_site(Path(scratch), options.pages)
        commands = {
            "licencecheck gate --render": (
                [*tool_command, "gate", str(manifest), "--format", "json", "--browser", options.browser],
                {0},
            ),
            "bare Playwright, one page after another": (
                [sys.executable, "-c", YARDSTICK, scratch, options.browser, str(options.pages)],
                {0},
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, (command, ok) in commands.items():
                times[name].append(timed(name, command, ok))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:<42} {options.pages} pages: median {median:6.2f} s over {options.runs} runs")
    tool_median, yardstick = medians.values()
    print(f"ratio licencecheck / yardstick: {tool_median / yardstick:.2f}")


if __name__ == "__main__":
    main()
