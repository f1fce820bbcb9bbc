"""A stand-in for ``wyoutcomes.validate`` that follows the validation contract (COMMON.md).

The store's own tests use it so that they test the ledger, not the validation rules: it reads
CSV text (every cell as text) or a frame, rejects the file when a key column or ``value`` is
missing (a file-level failure, row 0), fails a row whose ``value`` is not a number (error
``value-not-a-number``) and warns on a negative ``value`` (``value-negative``). Tests of the
store with the real validation live in ``test_with_validation.py``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wyoutcomes.store import ledger
from wyoutcomes.store.columns import KEY_COLUMNS

_FAILURE_COLUMNS = ["row", *KEY_COLUMNS, "column", "rule", "severity", "value", "message"]


class StandInReport:
    ruleset_version = "stand-in-1"
    library_version = "0+test"

    def __init__(self, frame: pd.DataFrame | None, failures: list[dict]) -> None:
        self._frame = frame
        self.failures = pd.DataFrame(failures, columns=_FAILURE_COLUMNS)
        errors = self.failures[self.failures["severity"] == "error"]
        if len(errors):
            self.outcome = "rejected"
        elif len(self.failures):
            self.outcome = "accepted_with_warnings"
        else:
            self.outcome = "accepted"
        self.ok = self.outcome != "rejected"
        self._bad_rows = set(errors["row"])

    def valid_rows(self) -> pd.DataFrame:
        if self._frame is None:
            return pd.DataFrame(columns=[*KEY_COLUMNS, "value", "source_row"])
        keep = ~self._frame["source_row"].isin(self._bad_rows)
        out = self._frame[keep].copy()
        out["value"] = out["value"].astype(float)
        return out.reset_index(drop=True)

    def invalid_rows(self) -> pd.DataFrame:
        if self._frame is None:
            return pd.DataFrame(columns=[*KEY_COLUMNS, "value", "source_row", "reasons"])
        out = self._frame[self._frame["source_row"].isin(self._bad_rows)].copy()
        reasons = self.failures.groupby("row")["rule"].agg("; ".join)
        out["reasons"] = out["source_row"].map(reasons)
        return out.reset_index(drop=True)


def validate(data, plan=None) -> StandInReport:
    frame = (
        pd.read_csv(Path(data), dtype=str, keep_default_na=False)
        if not isinstance(data, pd.DataFrame)
        else data.astype(str)
    )
    missing = [name for name in (*KEY_COLUMNS, "value") if name not in frame]
    if missing:
        failure = dict.fromkeys(_FAILURE_COLUMNS, "")
        failure.update(
            row=0,
            column=missing[0],
            rule="missing-column",
            severity="error",
            message=f"missing column {missing[0]}",
        )
        return StandInReport(None, [failure])
    frame = frame.copy()
    frame["source_row"] = range(1, len(frame) + 1)
    failures = []
    for record in frame.to_dict("records"):
        key = {name: record[name] for name in KEY_COLUMNS}
        try:
            number = float(record["value"])
        except ValueError:
            failures.append(
                {
                    "row": record["source_row"],
                    **key,
                    "column": "value",
                    "rule": "value-not-a-number",
                    "severity": "error",
                    "value": record["value"],
                    "message": "value is not a number",
                }
            )
            continue
        if number < 0:
            failures.append(
                {
                    "row": record["source_row"],
                    **key,
                    "column": "value",
                    "rule": "value-negative",
                    "severity": "warning",
                    "value": record["value"],
                    "message": "negative value",
                }
            )
    return StandInReport(frame, failures)


def install() -> None:
    """Make the store validate with the stand-in (for subprocesses of the crash tests)."""
    ledger.run_validation = validate


HEADER = "indicator_id,area_code,period,sex,age,category_type,category,value\n"


def write_submission(folder: Path, name: str, rows: list[tuple[str, str, str, str]]) -> Path:
    """A submission CSV of (indicator, area, period, value) rows, all persons, all ages."""
    path = folder / name
    lines = [f"{i},{a},{p},Persons,All ages,,,{v}\n" for i, a, p, v in rows]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path
