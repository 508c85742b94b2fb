"""What every check is asked: one licence on one day. Each command's request extends this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from licencecheck.models import Licence


@dataclass(frozen=True)
class OnDay:
    """The licence file (None: --licence, $LICENCECHECK_LICENCE, else the bundled one) and the day
    as typed (None: today in Asia/Shanghai)."""

    licence: Path | None = None
    on: str | None = None

    def day(self) -> date:
        from licencecheck.dates import day_or_today

        return day_or_today(self.on)

    def licence_and_day(self) -> tuple[Licence, date]:
        """The day first, so that a bad --on is refused before any file is read."""
        from licencecheck.datafiles import load_licence

        day = self.day()
        return load_licence(self.licence), day
