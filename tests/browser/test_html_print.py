"""The HTML report in a real Chromium: it loads with no request beyond the file, its evidence
screenshots decode, and it prints to A4 PDF pages holding the licence number."""

from __future__ import annotations

import asyncio
import io
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from licencecheck.cli import app

from ..conftest import REPO

A4_POINTS = (595.3, 841.9)  # 210 × 297 mm


def open_and_print(report: Path, browser: Path, png: Path) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    async def run() -> dict[str, Any]:
        requests: list[str] = []
        async with async_playwright() as playwright:
            chromium = await playwright.chromium.launch(executable_path=str(browser))
            page = await chromium.new_page(viewport={"width": 1100, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            await page.goto(report.as_uri(), wait_until="load")
            images = await page.evaluate("[...document.images].map((i) => i.naturalWidth)")
            await page.screenshot(path=str(png), full_page=True)
            pdf = await page.pdf(format="A4", print_background=True)
            await chromium.close()
        return {"requests": requests, "images": images, "pdf": pdf}

    return asyncio.run(run())


def test_the_report_prints_to_a4_and_loads_nothing_else(tmp_path: Path, chromium: Path) -> None:
    from pypdf import PdfReader

    shutil.copytree(REPO / "examples" / "spa", tmp_path / "spa")
    report = tmp_path / "gate.html"
    result = CliRunner(env={"NO_COLOR": "1", "LICENCECHECK_LICENCE": ""}).invoke(
        app,
        [
            *("gate", str(tmp_path / "spa" / "licencecheck.yaml"), "--evidence", str(tmp_path / "evidence")),
            *("--format", "html", "--output", str(report)),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    opened = open_and_print(report, chromium, tmp_path / "gate.png")
    assert opened["requests"] == [report.as_uri()]
    assert len(opened["images"]) == 2 and all(width == 1280 for width in opened["images"])
    pdf = PdfReader(io.BytesIO(opened["pdf"]))
    assert len(pdf.pages) >= 2  # the evidence starts on a page of its own
    for page in pdf.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert all(abs(got - want) < 2 for got, want in zip(size, A4_POINTS, strict=True)), size
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "渝B2-20210467" in text.replace(" ", "")
    assert (tmp_path / "gate.png").stat().st_size > 10_000
