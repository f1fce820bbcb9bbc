"""Benchmark: ``wyoutcomes.validate`` against a plain vectorised pandas implementation.

Writes canonical Parquet submissions of 1M and 5M rows (three indicators of the bundled plan ×
the six places' local authorities × eight periods × age bands) with 1% bad rows spread over
15 rules, then, in this process, times end to end (read, validate, write the failure extract
as Parquet and CSV):

- ours: ``validate(path)`` + ``write_extract``;
- plain: the same checks written directly in pandas (``isin``, ``map``, ``duplicated`` over
  the seven key columns, lookups over distinct values), writing the same extract.

It prints rows/second and the ratio ours/plain (target ≤ 1.3), checks both found the same
failures per rule, and measures peak memory growth of each in a fresh process against the
Arrow size of the table (target ≤ 1.5×).

    PYTHONPATH=src python benchmarks/validate.py            # 1M and 5M rows
    PYTHONPATH=src python benchmarks/validate.py --rows 200000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from wyoutcomes import stats
from wyoutcomes.validation.catalogue import KEY_COLUMNS
from wyoutcomes.validation.engine import validate
from wyoutcomes.validation.extract import neutralise, write_failures
from wyoutcomes.validation.plan_facts import facts_from_plan
from wyoutcomes.validation.rules import SEXES

AS_OF = date(2025, 6, 30)
AREAS = ["E08000032", "E08000033", "E07000165", "E08000034", "E08000035", "E08000036"]
INDICATORS = {
    "suicide-rate": [f"{y} - {(y + 2) % 100:02d}" for y in range(2010, 2018)],
    "children-absolute-low-income": [f"{y}/{(y + 1) % 100:02d}" for y in range(2014, 2022)],
    "neonatal-mortality-rate": [str(y) for y in range(2012, 2020)],
}
FAULTS = [
    "invalid-sex",
    "unknown-area",
    "unknown-indicator",
    "malformed-period",
    "wrong-period-type",
    "period-in-future",
    "value-out-of-range",
    "ci-inverted",
    "ci-not-bracketing",
    "negative-count",
    "numerator-exceeds-denominator",
    "value-inconsistent-with-counts",
    "missing-value",
    "not-finite",
    "duplicate-key",
]


# --- the submission ----------------------------------------------------------------------


def make_submission(n: int, path: Path, seed: int = 2019) -> None:
    rng = np.random.default_rng(seed)
    cells = [(i, a, p) for i, periods in INDICATORS.items() for a in AREAS for p in periods]
    combos = len(cells)
    i = np.arange(n)
    cell = i % combos
    indicator = np.array([c[0] for c in cells], dtype=object)[cell]
    area = np.array([c[1] for c in cells], dtype=object)[cell]
    period = np.array([c[2] for c in cells], dtype=object)[cell]
    age = np.array([f"{k} yrs" for k in range(n // combos + 1)], dtype=object)[i // combos]
    denominator = rng.integers(1000, 50000, n).astype(float)
    share = np.where(
        indicator == "children-absolute-low-income",
        rng.uniform(0.05, 0.6, n),
        rng.uniform(0.0, 0.01, n),
    )
    numerator = np.round(denominator * share)
    multiplier = np.where(indicator == "children-absolute-low-income", 100.0, 1000.0)
    value = np.round(numerator / denominator * multiplier, 2)
    lower, upper = _interval(indicator, numerator, denominator, multiplier)
    suicide = indicator == "suicide-rate"
    value[suicide] = np.round(rng.uniform(5, 20, suicide.sum()), 1)
    lower[suicide], upper[suicide] = value[suicide] - 1, value[suicide] + 1
    frame = pd.DataFrame(
        {
            "indicator_id": indicator,
            "area_code": area,
            "period": period,
            "sex": "Persons",
            "age": age,
            "category_type": "",
            "category": "",
            "value": value,
            "lower_ci": np.round(lower, 2),
            "upper_ci": np.round(upper, 2),
            "numerator": numerator,
            "denominator": denominator,
            "value_note": "",
        }
    )
    bad = rng.choice(np.arange(1, n), size=n // 100, replace=False)
    kinds = np.array(FAULTS)[np.arange(len(bad)) % len(FAULTS)]
    for kind in FAULTS:
        rows = bad[kinds == kind]
        _inject(frame, kind, rows)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, row_group_size=1 << 20)


def _interval(
    indicator: np.ndarray, x: np.ndarray, n: np.ndarray, multiplier: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The PHE 95% limits: Wilson for the proportion, Byars (exact below 10) for the rate."""
    proportion = indicator == "children-absolute-low-income"
    low, high = stats.wilson_ci(x, n)
    b_low, b_high = stats.byars_ci(x)
    e_low, e_high = stats.exact_poisson_ci(x)
    small = x < 10
    rate_low = np.where(small, e_low, b_low) / n
    rate_high = np.where(small, e_high, b_high) / n
    return (
        np.where(proportion, low, rate_low) * multiplier,
        np.where(proportion, high, rate_high) * multiplier,
    )


def _inject(frame: pd.DataFrame, kind: str, rows: np.ndarray) -> None:
    loc = frame.index[rows]
    is_rate = frame.loc[loc, "indicator_id"] != "suicide-rate"
    if kind == "invalid-sex":
        frame.loc[loc, "sex"] = "persons"
    elif kind == "unknown-area":
        frame.loc[loc, "area_code"] = "E99999999"
    elif kind == "unknown-indicator":
        frame.loc[loc, "indicator_id"] = "not-an-indicator"
    elif kind == "malformed-period":
        frame.loc[loc, "period"] = "20x9"
    elif kind == "wrong-period-type":
        frame.loc[loc, "period"] = np.where(
            frame.loc[loc, "indicator_id"] == "children-absolute-low-income", "2019", "2019/20"
        )
    elif kind == "period-in-future":
        frame.loc[loc, "period"] = frame.loc[loc, "indicator_id"].map(
            {
                "suicide-rate": "2030 - 32",
                "children-absolute-low-income": "2030/31",
                "neonatal-mortality-rate": "2030",
            }
        )
    elif kind == "value-out-of-range":
        frame.loc[loc, ["value", "lower_ci", "upper_ci", "numerator", "denominator"]] = [
            500.0,
            499.0,
            501.0,
            np.nan,
            np.nan,
        ]
    elif kind == "ci-inverted":
        frame.loc[loc, ["lower_ci", "upper_ci"]] = frame.loc[loc, ["upper_ci", "lower_ci"]].values
    elif kind == "ci-not-bracketing":
        frame.loc[loc, "lower_ci"] = frame.loc[loc, "value"] + 0.5
        frame.loc[loc, "upper_ci"] = frame.loc[loc, "value"] + 1.5
    elif kind == "negative-count":
        frame.loc[loc, "numerator"] = -5.0
    elif kind == "numerator-exceeds-denominator":
        rates = loc[is_rate.to_numpy()]
        frame.loc[rates, "indicator_id"] = "children-absolute-low-income"
        frame.loc[loc, "indicator_id"] = "children-absolute-low-income"
        frame.loc[loc, "period"] = "2019/20"
        frame.loc[loc, "numerator"] = frame.loc[loc, "denominator"] + 10
        frame.loc[loc, "age"] = frame.loc[loc, "age"] + " (x)"  # a fresh key
    elif kind == "value-inconsistent-with-counts":
        frame.loc[loc, "indicator_id"] = "children-absolute-low-income"
        frame.loc[loc, "period"] = "2019/20"
        frame.loc[loc, "age"] = frame.loc[loc, "age"] + " (y)"
        frame.loc[loc, ["numerator", "denominator"]] = [100.0, 1000.0]
        frame.loc[loc, ["value", "lower_ci", "upper_ci"]] = [20.0, 19.0, 21.0]
    elif kind == "missing-value":
        frame.loc[loc, "area_code"] = ""
    elif kind == "not-finite":
        frame.loc[loc, "value"] = np.inf
    elif kind == "duplicate-key":
        for column in KEY_COLUMNS:
            frame.loc[loc, column] = frame[column].to_numpy()[rows - 1]


# --- the plain implementation ----------------------------------------------------------


def plain(path: Path, out: Path, facts) -> pd.DataFrame:
    """The same checks, written directly in pandas; returns (row, rule, column) failures."""
    df = pq.read_table(path).to_pandas()
    found: list[tuple[np.ndarray, str, str]] = []

    def add(mask, rule, column):
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        if len(rows):
            found.append((rows, rule, column))

    def blank(column):
        return df[column].isna() | (df[column].str.strip() == "")

    for column in ("indicator_id", "area_code", "period", "sex", "age"):
        add(blank(column), "missing-value", column)
    add(df["value"].isna() & blank("value_note"), "missing-value", "value")
    add(~blank("category_type") & blank("category"), "category-incomplete", "category")
    add(blank("category_type") & ~blank("category"), "category-incomplete", "category_type")
    add(~blank("sex") & ~df["sex"].isin(SEXES), "invalid-sex", "sex")
    for column in ("value", "lower_ci", "upper_ci", "numerator", "denominator"):
        add(df[column].notna() & ~np.isfinite(df[column]), "not-finite", column)
    inverted = df["lower_ci"] > df["upper_ci"]
    add(inverted, "ci-inverted", "lower_ci")
    finite = np.isfinite(df["value"])
    below = finite & ~inverted & (df["value"] < df["lower_ci"])
    add(below, "ci-not-bracketing", "lower_ci")
    add(
        finite & ~inverted & ~below & (df["value"] > df["upper_ci"]),
        "ci-not-bracketing",
        "upper_ci",
    )
    for column in ("numerator", "denominator"):
        add(df[column] < 0, "negative-count", column)
    add(df.duplicated(subset=list(KEY_COLUMNS), keep=False), "duplicate-key", "(key)")

    # definition-aware: look each distinct value up once, then map
    indicators = facts.indicators
    known = df["indicator_id"].isin(list(indicators))
    add(~blank("indicator_id") & ~known, "unknown-indicator", "indicator_id")
    areas = {a: facts.area(a) for a in df["area_code"].dropna().unique()}
    area_type = df["area_code"].map({a: f.type for a, f in areas.items() if f is not None})
    add(~blank("area_code") & area_type.isna(), "unknown-area", "area_code")

    def parse(label, kind=None):
        try:
            return facts.parse_period(label, kind)
        except ValueError:
            return None

    periods = {p: parse(p) for p in df["period"].dropna().unique()}
    parsed = df["period"].map(periods)
    add(~blank("period") & parsed.isna(), "malformed-period", "period")
    add(
        parsed.map(lambda p: p is not None and p.end > AS_OF, na_action="ignore")
        .fillna(False)
        .astype(bool),
        "period-in-future",
        "period",
    )
    pairs = df[["indicator_id", "period"]].drop_duplicates()
    wrong = {
        (i, p)
        for i, p in pairs.itertuples(index=False)
        if i in indicators
        and periods.get(p) is not None
        and parse(p, indicators[i].period_type) is None
    }
    add(
        pd.MultiIndex.from_frame(df[["indicator_id", "period"]]).isin(list(wrong)),
        "wrong-period-type",
        "period",
    )
    pairs = df[["indicator_id", "area_code"]].drop_duplicates()
    bad_type = {
        (i, a)
        for i, a in pairs.itertuples(index=False)
        if i in indicators
        and areas.get(a) is not None
        and areas[a].type not in indicators[i].area_types
    }
    add(
        pd.MultiIndex.from_frame(df[["indicator_id", "area_code"]]).isin(list(bad_type)),
        "area-type-not-reported",
        "area_code",
    )
    pairs = df[["area_code", "period"]].drop_duplicates()
    not_in_use = {
        (a, p)
        for a, p in pairs.itertuples(index=False)
        if areas.get(a) is not None
        and periods.get(p) is not None
        and not areas[a].in_use_during(periods[p].start, periods[p].end)
    }
    add(
        pd.MultiIndex.from_frame(df[["area_code", "period"]]).isin(list(not_in_use)),
        "area-not-valid-for-period",
        "area_code",
    )
    sex_split = {i for i, f in indicators.items() if "sex" in f.breakdowns}
    add(
        known & df["sex"].isin(["Male", "Female"]) & ~df["indicator_id"].isin(list(sex_split)),
        "invalid-breakdown",
        "sex",
    )
    low = df["indicator_id"].map({i: f.plausible_min for i, f in indicators.items()})
    high = df["indicator_id"].map({i: f.plausible_max for i, f in indicators.items()})
    value_ok = np.isfinite(df["value"])
    add(
        known & value_ok & ((df["value"] < low) | (df["value"] > high)),
        "value-out-of-range",
        "value",
    )
    kind = df["indicator_id"].map({i: f.measure_type for i, f in indicators.items()})
    both = np.isfinite(df["numerator"]) & np.isfinite(df["denominator"])
    counts_ok = both & (df["numerator"] >= 0) & (df["denominator"] >= 0)
    exceeds = (kind == "proportion") & counts_ok & (df["numerator"] > df["denominator"])
    add(exceeds, "numerator-exceeds-denominator", "numerator")
    multiplier = df["indicator_id"].map({i: f.multiplier for i, f in indicators.items()})
    decimals = df["indicator_id"].map({i: f.decimals for i, f in indicators.items()})
    expected = df["numerator"] / df["denominator"] * multiplier
    tolerance = 0.5 * 10.0 ** (-decimals) + 1e-9 * expected.abs()
    add(
        kind.isin(["proportion", "crude_rate"])
        & counts_ok
        & (df["denominator"] > 0)
        & value_ok
        & ~exceeds
        & ((df["value"] - expected).abs() > tolerance),
        "value-inconsistent-with-counts",
        "value",
    )
    method = df["indicator_id"].map({i: f.ci_method for i, f in indicators.items()})
    recomputable = (
        (
            ((kind == "proportion") & (method == "wilson") & (df["numerator"] <= df["denominator"]))
            | ((kind == "crude_rate") & method.isin(["byars", "exact_poisson"]))
        )
        & counts_ok
        & (df["denominator"] > 0)
        & np.isfinite(df["lower_ci"])
        & np.isfinite(df["upper_ci"])
        & (df["lower_ci"] <= df["upper_ci"])
    )
    sub = df[recomputable]
    low, high = _interval(
        np.where(kind[recomputable] == "proportion", "children-absolute-low-income", "rate"),
        sub["numerator"].to_numpy(),
        sub["denominator"].to_numpy(),
        multiplier[recomputable].to_numpy(),
    )
    tol = 0.5 * 10.0 ** (-decimals[recomputable].to_numpy()) + 1e-9 * np.abs(high)
    low_off = np.abs(sub["lower_ci"].to_numpy() - low) > tol
    high_off = ~low_off & (np.abs(sub["upper_ci"].to_numpy() - high) > tol)
    where = np.flatnonzero(recomputable.to_numpy())
    for column, off in (("lower_ci", low_off), ("upper_ci", high_off)):
        mask = np.zeros(len(df), dtype=bool)
        mask[where[off]] = True
        add(mask, "ci-differs-from-recomputation", column)
    wants = known & (method != "none") & value_ok
    add(wants & df["lower_ci"].isna(), "ci-missing", "lower_ci")
    add(wants & df["lower_ci"].notna() & df["upper_ci"].isna(), "ci-missing", "upper_ci")

    # coverage: every plan place carried by some row, per (indicator, period) submitted
    place = df["area_code"].map({a: f.place for a, f in areas.items() if f is not None})
    carried = df.assign(place=place).groupby(["indicator_id", "period"])["place"].unique()
    missing = 0
    for (indicator, label), places in carried.items():
        if indicator not in indicators or parse(label, indicators[indicator].period_type) is None:
            continue
        period = parse(label, indicators[indicator].period_type)
        for code in facts.places:
            candidates = [*facts.carriers(code), facts.area(code)]
            if any(
                a is not None
                and a.type in indicators[indicator].area_types
                and a.in_use_during(period.start, period.end)
                for a in candidates
            ) and code not in set(places):
                missing += 1
    if missing:
        found.append((np.full(missing, -1), "coverage-missing", "(row)"))

    failures = pd.concat(
        [
            pd.DataFrame({"row": rows + 1, "rule": rule, "column": column})
            for rows, rule, column in found
        ],
        ignore_index=True,
    ).sort_values(["row", "rule", "column"], kind="stable")
    keys = df.reindex(failures["row"].to_numpy() - 1)[list(KEY_COLUMNS)].reset_index(drop=True)
    failures = pd.concat([failures.reset_index(drop=True), keys], axis=1)
    failures.to_parquet(out / "failures.parquet")
    failures.map(lambda v: neutralise(v) if isinstance(v, str) else v).to_csv(
        out / "failures.csv", index=False
    )
    return failures


def ours(path: Path, out: Path, facts) -> pd.DataFrame:
    report = validate(path, facts, as_of=AS_OF)
    write_failures(report.failures, out / "failures.csv", out / "failures.parquet")
    return report.failures


# --- measuring ----------------------------------------------------------------------------


def _status_kib(field: str) -> int:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def worker(kind: str, path: Path) -> None:
    """Run one implementation in a fresh process; print its peak memory growth in bytes."""
    facts = facts_from_plan()
    implementation = ours if kind == "ours" else plain
    with tempfile.TemporaryDirectory() as folder:
        # warm up on a small file: thread pools, codecs and caches are not per-row memory
        small = Path(folder) / "small.parquet"
        make_submission(20_000, small)
        implementation(small, Path(folder), facts)
        before = _status_kib("VmRSS")
        implementation(path, Path(folder), facts)
        # VmHWM, not ru_maxrss: a forked child inherits its parent's ru_maxrss on Linux
        peak = _status_kib("VmHWM")
    print(json.dumps({"growth": (peak - before) * 1024}))


def _memory(kind: str, path: Path) -> int:
    result = subprocess.run(
        [sys.executable, __file__, "--worker", kind, "--path", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])["growth"]


def run(n: int, folder: Path, repeats: int) -> dict[str, float]:
    path = folder / f"submission_{n}.parquet"
    make_submission(n, path)
    arrow_bytes = pq.read_table(path).nbytes
    facts = facts_from_plan()
    times: dict[str, list[float]] = {"ours": [], "plain": []}
    results = {}
    for _ in range(repeats):
        for name, implementation in (("plain", plain), ("ours", ours)):
            with tempfile.TemporaryDirectory() as out:
                start = time.perf_counter()
                results[name] = implementation(path, Path(out), facts)
                times[name].append(time.perf_counter() - start)
    ours_counts = results["ours"]["rule"].astype(str).value_counts().sort_index()
    plain_counts = results["plain"]["rule"].value_counts().sort_index()
    row_level = ours_counts.drop("coverage-missing", errors="ignore")
    if not row_level.equals(plain_counts.reindex(row_level.index)) or set(
        plain_counts.index
    ) != set(row_level.index):
        print("  MISMATCH ours vs plain:\n", pd.concat([row_level, plain_counts], axis=1))
    best = {k: min(v) for k, v in times.items()}
    growth = {k: _memory(k, path) for k in ("ours", "plain")}
    figures = {
        "rows": n,
        "failures": len(results["ours"]),
        "ours_s": best["ours"],
        "plain_s": best["plain"],
        "ours_rows_per_s": n / best["ours"],
        "plain_rows_per_s": n / best["plain"],
        "ratio": best["ours"] / best["plain"],
        "arrow_mib": arrow_bytes / 2**20,
        "ours_growth_x_arrow": growth["ours"] / arrow_bytes,
        "plain_growth_x_arrow": growth["plain"] / arrow_bytes,
        "bytes_per_failure": float(
            results["ours"].memory_usage(deep=True).sum() / max(len(results["ours"]), 1)
        ),
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000_000, 5_000_000])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--worker", choices=["ours", "plain"])
    parser.add_argument("--path", type=Path)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.path)
        return
    with tempfile.TemporaryDirectory() as folder:
        for n in args.rows:
            f = run(n, Path(folder), args.repeats if n <= 1_000_000 else 1)
            print(
                f"{f['rows']:>9,} rows, {f['failures']:,} failures: "
                f"ours {f['ours_s']:.2f} s ({f['ours_rows_per_s'] / 1e6:.2f}M rows/s), "
                f"plain {f['plain_s']:.2f} s ({f['plain_rows_per_s'] / 1e6:.2f}M rows/s), "
                f"ratio {f['ratio']:.2f} (target ≤ 1.3); "
                f"memory growth ours {f['ours_growth_x_arrow']:.2f}× / plain "
                f"{f['plain_growth_x_arrow']:.2f}× Arrow size {f['arrow_mib']:.0f} MiB "
                f"(target ≤ 1.5×); {f['bytes_per_failure']:.1f} bytes per failure"
            )


if __name__ == "__main__":
    main()
