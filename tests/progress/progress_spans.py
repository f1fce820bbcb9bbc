"""Period spans and observations for the progress tests, written out by hand.

Calendar years sit at 2 July and financial years at 30 September (their mid-points), so every
trajectory fraction in the spec tables can be checked with a calendar and a pencil.
"""

from __future__ import annotations

import math
from datetime import date

from wyoutcomes.progress.assessment import PeriodSpan
from wyoutcomes.progress.observations import Observation

NAN = math.nan


def cy(year: int) -> PeriodSpan:
    """Calendar year."""
    return PeriodSpan(str(year), date(year, 1, 1), date(year, 12, 31), date(year, 7, 2))


def fy(year: int) -> PeriodSpan:
    """Financial year starting 1 April of `year`."""
    return PeriodSpan(
        f"{year}/{(year + 1) % 100:02d}", date(year, 4, 1), date(year + 1, 3, 31), date(year, 9, 30)
    )


def obs(span: PeriodSpan, value: float, lower: float = NAN, upper: float = NAN) -> Observation:
    return Observation(span.label, span.start, span.end, span.mid, value, lower, upper)


def table(rows: str, span=cy) -> list[Observation]:
    """Parse a little table: one `period value [lower upper]` per line."""
    series = []
    for line in rows.strip().splitlines():
        cells = line.split()
        numbers = [float(c) for c in cells[1:]]
        series.append(obs(span(int(cells[0])), *numbers))
    return series
