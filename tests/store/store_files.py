"""Small submission files for the store tests (hand-written; no outside source)."""

from __future__ import annotations

from pathlib import Path

HEADER = "indicator_id,area_code,period,sex,age,category_type,category,value,lower_ci,upper_ci\n"


def write_submission(folder: Path, name: str, rows: list[tuple[str, str, str, str]]) -> Path:
    """A submission CSV of (indicator, area, period, value) rows, all persons, all ages.

    A numeric value gets the interval value ± 1; any other text is written as the value with
    empty limits, so validation fails that row (``not-a-number``).
    """
    lines = []
    for indicator, area, period, value in rows:
        try:
            number = float(value)
            limits = f"{number - 1:g},{number + 1:g}"
        except ValueError:
            limits = ","
        lines.append(f"{indicator},{area},{period},Persons,All ages,,,{value},{limits}\n")
    path = folder / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path
