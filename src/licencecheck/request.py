"""What every check is asked: the licences (one, or a portfolio) on one day. Each command's
request extends this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from licencecheck.portfolio import Portfolio


@dataclass(frozen=True)
class OnDay:
    """The licence files or folders (none: $LICENCECHECK_LICENCE, else the bundled licence) and
    the day as typed (None: today in Asia/Shanghai)."""

    licences: tuple[Path, ...] = ()
    on: str | None = None

    def day(self) -> date:
        from licencecheck.dates import day_or_today

        return day_or_today(self.on)

    def portfolio_and_day(self) -> tuple[Portfolio, date]:
        """The day first, so that a bad --on is refused before any file is read."""
        from licencecheck.portfolio import load_portfolio

        day = self.day()
        return load_portfolio(self.licences), day
