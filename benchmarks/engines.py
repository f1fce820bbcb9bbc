"""The statistics and the antibiotic recipe on each engine, with the pandas path as baseline.

Two workloads, each run per engine in a fresh process (so peak memory is that engine's own):

* DSR by LSOA-like group: rows of group × sex × ESP2013 band (``--dsr-rows``; the all-England
  LSOA × sex × 10 years is 12.8 M rows), ``stats.dsr`` (pandas, baseline) against
  ``engines.dsr`` on Polars (lazy), DuckDB and, with ``--spark``, PySpark local[2].
* One EPD-shaped month (``--month-rows``, 17 M by default, written once to Parquet with all
  26 columns): the pandas route reads the four columns it needs and filters BNF 5.1; the
  engines scan the Parquet lazily. Then the rolling-year indicator by area.
* ``--year``: twelve such months through DuckDB and Polars (about 200 M rows), as files.

Figures: wall seconds, rows per second per core (rows / wall / cores of the machine), peak
resident memory and bytes of peak memory per input row. Ratios are against pandas in the
same run.

Run: python benchmarks/engines.py [--dsr-rows N] [--month-rows N] [--spark] [--year]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

CORES = os.cpu_count() or 1


def _peak_bytes() -> int:
    """This process's peak resident memory. VmHWM, not getrusage's ru_maxrss: Linux carries
    ru_maxrss across exec, so a child would inherit the parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --- workloads, each run in a child process --------------------------------------------------


def _dsr_frame(rows: int) -> pd.DataFrame:
    from wyoutcomes.stats import ESP2013_BANDS

    bands = len(ESP2013_BANDS)
    groups = rows // bands
    rng = np.random.default_rng(18)
    return pd.DataFrame(
        {
            "group": np.repeat(np.arange(groups, dtype="int64"), bands),
            "ageband": np.tile(np.array(ESP2013_BANDS, dtype=object), groups),
            "deaths": rng.poisson(2.0, groups * bands).astype("float64"),
            "pop": rng.integers(20, 200, groups * bands).astype("float64"),
        }
    )


def child_dsr(engine: str, rows: int) -> dict[str, float]:
    from wyoutcomes import engines, stats
    from wyoutcomes.stats import ESP2013

    frame = _dsr_frame(rows)
    arguments = {"stdpop": ESP2013, "ageband": "ageband", "by": "group"}
    native: object = frame
    spark = None
    if engine == "polars":
        import polars as pl

        native = pl.from_pandas(frame).lazy()
    elif engine == "duckdb":
        import duckdb

        native = duckdb.from_df(frame)
    elif engine == "spark":
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
        spark = spark.config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()
        native = spark.createDataFrame(frame)
    del frame
    start = time.perf_counter()
    if engine == "pandas":
        out = stats.dsr(native, "deaths", "pop", **arguments)  # type: ignore[arg-type]
    else:
        out = engines.dsr(native, "deaths", "pop", **arguments)
    seconds = time.perf_counter() - start
    checksum = float(np.nansum(out["value"].to_numpy()))
    if spark is not None:
        spark.stop()
    return {"seconds": seconds, "peak": _peak_bytes(), "groups": len(out), "checksum": checksum}


def write_month(path: Path, year_month: int, rows: int) -> None:
    """An EPD-shaped month as Parquet, generated a million rows at a time."""
    from wyoutcomes.engines.epd import synthetic_epd_month, synthetic_practices

    practices = synthetic_practices(6_500, ["E38000225", "E38000190", "E38000025"])
    writer = None
    done = 0
    while done < rows:
        chunk = min(1_000_000, rows - done)
        frame = synthetic_epd_month(year_month, practices, rows=chunk, seed=18 + done)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
        done += chunk
    assert writer is not None
    writer.close()


def relabel_month(template: Path, path: Path, year_month: int) -> None:
    """Another month: the template's rows with YEAR_MONTH changed, streamed batch by batch
    (generating 17 M fresh rows per month would take most of the run)."""
    source = pq.ParquetFile(template)
    writer = pq.ParquetWriter(path, source.schema_arrow)
    for batch in source.iter_batches(batch_size=1_000_000):
        index = batch.schema.get_field_index("YEAR_MONTH")
        months = pa.array(np.full(batch.num_rows, year_month, dtype="int64"))
        writer.write_batch(batch.set_column(index, "YEAR_MONTH", months))
    writer.close()


def child_month(engine: str, files: list[str]) -> dict[str, float]:
    """Antibacterial items by area and month from EPD files (the recipe's heavy part)."""
    from wyoutcomes.engines.epd import ANTIBACTERIAL_PREFIX, synthetic_practices

    practices = synthetic_practices(6_500, ["E38000225", "E38000190", "E38000025"])
    columns = ["YEAR_MONTH", "PRACTICE_CODE", "BNF_CODE", "ITEMS"]
    start = time.perf_counter()
    if engine == "pandas":
        frames = []
        for file in files:
            month = pd.read_parquet(file, columns=columns)
            month = month[month["BNF_CODE"].str.startswith(ANTIBACTERIAL_PREFIX)]
            frames.append(month.merge(practices, on="PRACTICE_CODE"))
        rows = pd.concat(frames)
        out = rows.groupby(["area_code", "YEAR_MONTH"], as_index=False)["ITEMS"].sum()
    else:
        import narwhals.stable.v2 as nw

        if engine == "polars":
            import polars as pl

            scan = nw.from_native(pl.scan_parquet(files))
            lookup = nw.from_native(pl.from_pandas(practices).lazy())
        else:
            import duckdb

            scan = nw.from_native(duckdb.read_parquet(files))
            lookup = nw.from_native(duckdb.from_df(practices))
        out = (
            scan.select(columns)
            .filter(nw.col("BNF_CODE").str.starts_with(ANTIBACTERIAL_PREFIX))
            .join(lookup, on="PRACTICE_CODE", how="inner")
            .group_by("area_code", "YEAR_MONTH")
            .agg(nw.col("ITEMS").sum())
            .collect()
            .to_pandas()
        )
    seconds = time.perf_counter() - start
    total = float(out["ITEMS"].sum())
    return {"seconds": seconds, "peak": _peak_bytes(), "groups": len(out), "checksum": total}


# --- the parent: run children, print the table ------------------------------------------------


def _run(*arguments: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *arguments],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _report(title: str, rows: int, results: dict[str, dict[str, float]]) -> None:
    print(f"\n{title} ({rows:,} rows, {CORES} cores)")
    print(f"{'engine':<8} {'seconds':>8} {'rows/s/core':>12} {'peak GB':>8} {'B/row':>6} "
          f"{'vs pandas':>9}  checksum")  # fmt: skip
    base = results.get("pandas", {}).get("seconds")
    for engine, r in results.items():
        ratio = f"{base / r['seconds']:8.2f}×" if base else "      -"
        print(
            f"{engine:<8} {r['seconds']:8.2f} {rows / r['seconds'] / CORES:12,.0f} "
            f"{r['peak'] / 1e9:8.2f} {r['peak'] / rows:6.0f} {ratio}  {r['checksum']:.6g}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsr-rows", type=int, default=2_000_000)
    parser.add_argument("--month-rows", type=int, default=17_000_000)
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--year", action="store_true")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, engine, *rest = args.child
        result = child_dsr(engine, int(rest[0])) if kind == "dsr" else child_month(engine, rest)
        print(json.dumps(result))
        return

    engines = ["pandas", "polars", "duckdb"] + (["spark"] if args.spark else [])
    dsr = {e: _run("dsr", e, str(args.dsr_rows)) for e in engines}
    _report("DSR by group, ESP2013 bands", args.dsr_rows, dsr)
    if args.month_rows <= 0:  # --month-rows 0: the DSR only
        return
    with tempfile.TemporaryDirectory() as folder:
        month = Path(folder) / "epd-202403.parquet"
        start = time.perf_counter()
        write_month(month, 202403, args.month_rows)
        print(f"\n(synthetic EPD month written in {time.perf_counter() - start:.0f} s, "
              f"{month.stat().st_size / 1e9:.2f} GB of Parquet)")  # fmt: skip
        results = {e: _run("month", e, str(month)) for e in ["pandas", "polars", "duckdb"]}
        _report("EPD month: antibacterial items by area", args.month_rows, results)
        if args.year:
            files = [str(month)]
            for i in range(1, 12):
                m = 202400 + 3 + i if 3 + i <= 12 else 202500 + 3 + i - 12
                path = Path(folder) / f"epd-{m}.parquet"
                relabel_month(month, path, m)
                files.append(str(path))
            year = {e: _run("month", e, *files) for e in ["polars", "duckdb"]}
            _report("EPD year: antibacterial items by area and month", args.month_rows * 12, year)


if __name__ == "__main__":
    main()
