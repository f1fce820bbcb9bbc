"""Benchmark: 10,000 series × 60 monthly points through ``spc.xmr_frame``.

The baseline, measured in the same run, is the plain loop an analyst would write: one
``spc.xmr`` call per series (``groupby`` then a call per group). Both produce the same points
and icons (checked on a sample), so the ratio is the price of the per-series loop.

Run: ``PYTHONPATH=src python benchmarks/spc.py [--series N] [--points N] [--baseline-series N]``
(the baseline runs on ``--baseline-series`` series, default all, and is scaled to all).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from wyoutcomes import spc


def synthetic_table(series: int, points: int, seed: int = 2019) -> pd.DataFrame:
    """Monthly series with a level, noise, and a step change in a tenth of them."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(10, 100, series)
    values = level[:, None] + rng.normal(0, 1, (series, points)) * (level[:, None] / 10)
    stepped = rng.random(series) < 0.1
    values[stepped, points // 2 :] += (level[stepped] / 4)[:, None]
    return pd.DataFrame(
        {
            "indicator": np.repeat(np.arange(series), points),
            "month": np.tile(pd.date_range("2020-04-01", periods=points, freq="MS"), series),
            "value": values.ravel(),
        }
    )


def best_of(repeats: int, run) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=60)
    parser.add_argument("--baseline-series", type=int, default=None)
    args = parser.parse_args()
    table = synthetic_table(args.series, args.points)

    frame_seconds, frame = best_of(
        3, lambda: spc.xmr_frame(table, "value", "indicator", "month", target=50.0)
    )

    baseline_n = args.baseline_series or args.series
    subset = table[table["indicator"] < baseline_n]

    def loop() -> list[spc.SPCResult]:
        return [
            spc.xmr(group["value"], dates=group["month"], target=50.0)
            for _, group in subset.groupby("indicator", sort=True)
        ]

    loop_seconds, singles = best_of(1, loop)
    loop_seconds_all = loop_seconds * args.series / baseline_n

    # the two ways agree (on the first 200 series)
    for i, single in enumerate(singles[:200]):
        assert frame.icons["variation_icon"].iloc[i] == single.variation_icon
        assert (frame.icons["assurance_icon"].iloc[i] or None) == single.assurance_icon
    rows = frame.points.iloc[: 200 * args.points]
    expected = pd.concat([s.points for s in singles[:200]], ignore_index=True)
    pd.testing.assert_series_equal(rows["upl"].reset_index(drop=True), expected["upl"])

    points = args.series * args.points
    print(f"series × points          {args.series:,} × {args.points} = {points:,} points")
    rate = points / frame_seconds
    print(f"xmr_frame (best of 3)    {frame_seconds:8.2f} s   {rate:>12,.0f} points/s")
    scaled = "" if baseline_n == args.series else f" (measured on {baseline_n:,}, scaled)"
    print(f"loop of xmr per series   {loop_seconds_all:8.2f} s{scaled}")
    print(f"ratio loop / frame       {loop_seconds_all / frame_seconds:8.1f} ×")
    counts = frame.icons["variation_icon"].value_counts().to_dict()
    print(f"variation icons          {counts}")


if __name__ == "__main__":
    main()
