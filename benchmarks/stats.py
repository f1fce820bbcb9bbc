"""Benchmark wyoutcomes.stats: DSR, life expectancy and SII at the issue's sizes.

DSR is also timed side by side with PHStatsMethods (GPL; never a dependency of ours) on the same
data in the same run: in this interpreter if it is importable, otherwise in the benchmark
environment /work/venv-bench (override with WYOUTCOMES_BENCH_PEER_PYTHON). Without a peer the
script still prints our own figures.

    PYTHONPATH=src python benchmarks/stats.py [--quick]
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from wyoutcomes.stats import ESP2013, STANDARD_LE_BANDS, dsr, life_expectancy, sii

PEER_PYTHON = os.environ.get("WYOUTCOMES_BENCH_PEER_PYTHON", "/work/venv-bench/bin/python")
TARGET_RATIO = 50

PEER_SCRIPT = """
import json, sys, time
import pandas as pd
from PHStatsMethods import ph_dsr
data = pd.read_csv(sys.argv[1])
best = float("inf")
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    out = ph_dsr(data, "deaths", "pop", "esp2013", group_cols="area",
                 euro_standard_pops=False, metadata=False)
    best = min(best, time.perf_counter() - start)
out.to_csv(sys.argv[2], index=False)
print(json.dumps({"seconds": best}))
"""


def best_of(repeats: int, run: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def per_group_loop(
    data: pd.DataFrame, groups: int, sample: int, run: Callable[[pd.DataFrame], object]
) -> float:
    """Plain baseline: the same function called once per group, timed on a sample of groups
    and scaled to all of them (what a loop over groups would cost)."""
    areas = data["area"].unique()[:sample]
    parts = [data[data["area"] == a] for a in areas]
    start = time.perf_counter()
    for part in parts:
        run(part)
    return (time.perf_counter() - start) / len(parts) * groups


def dsr_data(groups: int, rng: np.random.Generator) -> pd.DataFrame:
    bands = len(ESP2013)
    pop = rng.integers(500, 20_000, size=groups * bands)
    rates = np.tile(np.geomspace(2e-4, 0.15, bands), groups)
    return pd.DataFrame(
        {
            "area": np.repeat([f"E{i:08d}" for i in range(groups)], bands),
            "ageband": np.tile(ESP2013.index, groups),
            "deaths": rng.poisson(rates * pop),
            "pop": pop,
            "esp2013": np.tile(ESP2013.to_numpy(), groups),
        }
    )


def le_data(groups: int, rng: np.random.Generator) -> pd.DataFrame:
    bands = len(STANDARD_LE_BANDS)
    pop = rng.integers(2_000, 40_000, size=groups * bands)
    rates = np.tile(np.r_[4e-3, np.geomspace(1e-4, 0.25, bands - 1)], groups)
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(groups), bands),
            "age": np.tile(STANDARD_LE_BANDS, groups),
            "deaths": rng.poisson(rates * pop) + 1,
            "pop": pop,
        }
    )


def sii_data(groups: int, rng: np.random.Generator) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(groups), 10),
            "decile": np.tile(np.arange(1, 11), groups),
            "pop": rng.integers(10_000, 40_000, size=groups * 10),
            "le": np.tile(np.linspace(74, 84, 10), groups) + rng.normal(0, 0.5, groups * 10),
            "se": rng.uniform(0.2, 0.6, size=groups * 10),
        }
    )


def peer_dsr(data: pd.DataFrame, repeats: int) -> tuple[float, pd.DataFrame] | None:
    """Time PHStatsMethods' ph_dsr on the same data, here or in the benchmark venv."""
    with tempfile.TemporaryDirectory() as folder:
        source, result = Path(folder) / "dsr.csv", Path(folder) / "peer.csv"
        data.to_csv(source, index=False)
        if importlib.util.find_spec("PHStatsMethods") is not None:
            command = [sys.executable]
        elif Path(PEER_PYTHON).exists():
            command = [PEER_PYTHON]
        else:
            return None
        done = subprocess.run(
            [*command, "-c", PEER_SCRIPT, str(source), str(result), str(repeats)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"peer failed: {done.stderr.strip().splitlines()[-1:]}")
            return None
        seconds = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
        return seconds, pd.read_csv(result)


def main() -> None:
    quick = "--quick" in sys.argv
    rng = np.random.default_rng(20191130)
    n_dsr, n_le, n_sii, reps = (
        (1000, 1000, 100, 10_000) if quick else (10_000, 10_000, 1000, 100_000)
    )
    print(f"wyoutcomes.stats benchmark ({'quick' if quick else 'full'}), numpy {np.__version__}")

    data = dsr_data(n_dsr, rng)
    ours_s, ours = best_of(5, lambda: dsr(data, "deaths", "pop", "esp2013", by="area"))
    joined_s, _ = best_of(
        5, lambda: dsr(data, "deaths", "pop", ESP2013, by="area", ageband="ageband")
    )
    print(
        f"DSR {n_dsr} groups x 19 bands: {ours_s * 1000:.1f} ms (weights column), "
        f"{joined_s * 1000:.1f} ms (ESP2013 joined on band labels)"
    )
    peer = peer_dsr(data, repeats=1 if not quick else 2)
    if peer is None:
        print("PHStatsMethods not available: peer comparison skipped")
    else:
        peer_s, peer_out = peer
        ratio = peer_s / ours_s
        theirs = peer_out.set_index("area")["Value"].reindex(ours["area"]).to_numpy()
        agree = np.nanmax(np.abs(theirs / ours["value"].to_numpy() - 1))
        verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
        print(
            f"PHStatsMethods ph_dsr same data: {peer_s * 1000:.1f} ms -> ours is {ratio:.0f}x "
            f"faster (target >= {TARGET_RATIO}x: {verdict}); values agree to {agree:.1e} relative"
        )

    data = le_data(n_le, rng)
    le_s, _ = best_of(3, lambda: life_expectancy(data, "deaths", "pop", "age", by="area"))
    loop_s = per_group_loop(
        data, n_le, 200, lambda part: life_expectancy(part, "deaths", "pop", "age")
    )
    print(
        f"Life expectancy {n_le} groups x 20 bands: {le_s * 1000:.1f} ms; a loop calling it per "
        f"group would take {loop_s:.1f} s ({loop_s / le_s:.0f}x slower)"
    )

    data = sii_data(n_sii, rng)
    sii_s, _ = best_of(
        1,
        lambda: sii(
            data,
            "decile",
            "pop",
            value="le",
            se="se",
            by="area",
            rii=True,
            repetitions=reps,
            seed=1,
        ),
    )
    loop_s = per_group_loop(
        data,
        n_sii,
        20,
        lambda part: sii(
            part, "decile", "pop", value="le", se="se", rii=True, repetitions=reps, seed=1
        ),
    )
    print(
        f"SII {n_sii} groups x 10 deciles x {reps} repetitions (value_type other, with RII): "
        f"{sii_s:.2f} s; per-group calls would take {loop_s:.1f} s"
    )
    data["rate"] = data["le"] / 10
    rate_s, _ = best_of(
        1,
        lambda: sii(
            data,
            "decile",
            "pop",
            value="rate",
            se="se",
            by="area",
            value_type="rate",
            repetitions=reps,
            seed=1,
        ),
    )
    print(
        f"SII {n_sii} groups x 10 deciles x {reps} repetitions (rate, full redraw per "
        f"quantile): {rate_s:.2f} s"
    )


if __name__ == "__main__":
    main()
