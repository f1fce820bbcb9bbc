"""Indicators built from record-level data, on any engine, written as canonical submissions.

* :func:`antibiotic_items_per_star_pu` (ambition 6): EPD-shaped monthly prescribing rows
  (practice, BNF code, items), a practice-to-area lookup and each practice's STAR-PU by
  month become antibacterial items per STAR-PU over each rolling 12 months, by area.
  The engine sums items and STAR-PU per area and month; 12-month figures are sums of months.
* :func:`dsr_and_sii_by_area` (ambitions 1 and 5): deaths and population by LSOA and age band,
  with an LSOA lookup (area and deprivation decile), become each area's DSR (ESP2013) and the
  SII across deciles.

Lookups may be pandas frames (they are moved to the data's engine) or frames of that engine.
The submissions validate against the plan and can be ingested into a store as they are.
"""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from wyoutcomes.contract import SUBMISSION_COLUMNS
from wyoutcomes.engines._frame import lazy
from wyoutcomes.engines.epd import ANTIBACTERIAL_PREFIX
from wyoutcomes.engines.stats import dsr
from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import ESP2013
from wyoutcomes.stats import sii as pandas_sii

__all__ = ["ANTIBIOTIC_INDICATOR", "antibiotic_items_per_star_pu", "dsr_and_sii_by_area"]

ANTIBIOTIC_INDICATOR = "antibiotic-items-per-star-pu"
_HEADLINE = {"sex": "Persons", "age": "All ages", "category_type": "", "category": ""}


def _beside(lookup: object, like: nw.LazyFrame[Any], function: str) -> nw.LazyFrame[Any]:
    """A lookup table as a lazy frame of ``like``'s engine, so the two can be joined."""
    if not isinstance(lookup, pd.DataFrame):
        return lazy(lookup, function)
    implementation = like.implementation
    if implementation.is_pandas_like():
        return lazy(lookup, function)
    if implementation.is_polars():
        import polars as pl

        return nw.from_native(pl.from_pandas(lookup).lazy())
    if implementation.is_duckdb():
        import duckdb

        # on DuckDB's default connection: give the data as a relation of that connection too
        # (duckdb.sql / duckdb.read_parquet), or pass the lookup as a relation of your own
        return nw.from_native(duckdb.from_df(lookup))
    if implementation.is_pyspark() or implementation.is_pyspark_connect():
        session = like.to_native().sparkSession
        return nw.from_native(session.createDataFrame(lookup))
    raise StatsInputError(
        f"[lookup-engine] {function}: pass the lookup as a frame of the data's engine"
    )


def _rolling_label(month: int) -> str:
    return f"12 months to {month // 100}-{month % 100:02d}"


def _add_months(month: int, offset: int) -> int:
    index = (month // 100) * 12 + (month % 100 - 1) + offset
    return (index // 12) * 100 + index % 12 + 1


def antibiotic_items_per_star_pu(
    prescribing: object,
    practices: object,
    star_pu: object,
    *,
    year_month: str = "YEAR_MONTH",
    practice: str = "PRACTICE_CODE",
    bnf_code: str = "BNF_CODE",
    items: str = "ITEMS",
    star_pu_column: str = "STAR_PU",
) -> pd.DataFrame:
    """Antibacterial items per STAR-PU by area for every complete rolling 12 months.

    ``prescribing``: EPD-shaped rows; only BNF section 5.1 (codes starting "0501") counts.
    ``practices``: ``PRACTICE_CODE`` → ``area_code``; practices not in it are out of scope.
    ``star_pu``: ``PRACTICE_CODE``, ``YEAR_MONTH``, ``STAR_PU`` (the practice's weighted list,
    annual units). A window's value is Σ items ÷ (Σ STAR-PU / 12) over its 12 months; a window
    is given only where an area has both figures for all 12 months. Returns a canonical
    submission (``numerator`` items, ``denominator`` STAR-PU; no limits, as the indicator has
    none).

    >>> from wyoutcomes.engines.epd import synthetic_epd_month, synthetic_practices
    >>> from wyoutcomes.engines.epd import synthetic_star_pu
    >>> places = synthetic_practices(4, ["E38000225"])
    >>> months = [202301 + i for i in range(12)]
    >>> rows = pd.concat([synthetic_epd_month(m, places, rows=400) for m in months])
    >>> out = antibiotic_items_per_star_pu(rows, places, synthetic_star_pu(places, months))
    >>> out[["area_code", "period"]].values.tolist()
    [['E38000225', '12 months to 2023-12']]
    """
    function = "antibiotic_items_per_star_pu"
    rows = lazy(prescribing, function)
    lookup = _beside(practices, rows, function).select(
        nw.col("PRACTICE_CODE").alias(practice), nw.col("area_code")
    )
    antibacterial = rows.filter(nw.col(bnf_code).str.starts_with(ANTIBACTERIAL_PREFIX))
    monthly_items = (
        antibacterial.join(lookup, on=practice, how="inner")
        .with_columns(nw.col(items).cast(nw.Float64()).alias("items"))
        .group_by("area_code", year_month)
        .agg(nw.col("items").sum())
        .collect()
        .to_pandas()
    )
    units = _beside(star_pu, rows, function)
    monthly_units = (
        units.join(lookup, on=practice, how="inner")
        .with_columns(nw.col(star_pu_column).cast(nw.Float64()).alias("star_pu"))
        .group_by("area_code", year_month)
        .agg(nw.col("star_pu").sum())
        .collect()
        .to_pandas()
    )
    monthly = monthly_units.merge(monthly_items, on=["area_code", year_month], how="left")
    monthly["items"] = monthly["items"].fillna(0.0)  # no antibacterial item that month
    monthly[year_month] = monthly[year_month].astype("int64")
    return _rolling_submission(monthly, year_month)


def _rolling_submission(monthly: pd.DataFrame, year_month: str) -> pd.DataFrame:
    records = []
    for area, series in monthly.groupby("area_code", sort=True):
        by_month = series.set_index(year_month)
        for end in sorted(by_month.index):
            window = [_add_months(end, -k) for k in range(11, -1, -1)]
            if not all(m in by_month.index for m in window):
                continue
            numerator = float(by_month.loc[window, "items"].sum())
            denominator = float(by_month.loc[window, "star_pu"].sum()) / 12
            records.append(
                {
                    "indicator_id": ANTIBIOTIC_INDICATOR,
                    "area_code": str(area),
                    "period": _rolling_label(int(end)),
                    **_HEADLINE,
                    "value": numerator / denominator if denominator > 0 else np.nan,
                    "lower_ci": np.nan,
                    "upper_ci": np.nan,
                    "numerator": numerator,
                    "denominator": denominator,
                    "value_note": "" if denominator > 0 else "no STAR-PU for this window",
                }
            )
    # the contract's columns, in its order; figures the indicator has no use for stay NaN
    return pd.DataFrame.from_records(records, columns=list(SUBMISSION_COLUMNS))


def dsr_and_sii_by_area(
    deaths: object,
    lsoas: object,
    *,
    lsoa: str = "lsoa_code",
    ageband: str = "ageband",
    count: str = "deaths",
    population: str = "population",
    repetitions: int = 10_000,
    seed: int = 18,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each area's DSR per 100,000 (ESP2013) and the SII of the decile DSRs across areas.

    ``deaths``: one row per LSOA and ESP2013 age band with deaths and population.
    ``lsoas``: ``lsoa_code`` → ``area_code`` and ``imd_decile`` (1 = most deprived).
    The engine sums deaths and population to area × band and decile × band; the DSRs come
    from :func:`wyoutcomes.engines.dsr` (the numpy finish), the SII from
    :func:`wyoutcomes.stats.sii` on the ten decile rows. Returns (DSR by area, SII).
    """
    function = "dsr_and_sii_by_area"
    rows = lazy(deaths, function)
    lookup = _beside(lsoas, rows, function).select(
        nw.col("lsoa_code").alias(lsoa), nw.col("area_code"), nw.col("imd_decile")
    )
    joined = rows.join(lookup, on=lsoa, how="inner").with_columns(
        nw.col(count).cast(nw.Float64()), nw.col(population).cast(nw.Float64())
    )
    sums = [nw.col(count).sum(), nw.col(population).sum()]
    by_area = joined.group_by("area_code", ageband).agg(*sums)
    by_decile = joined.group_by("imd_decile", ageband).agg(*sums)
    area_dsr = dsr(
        by_area.to_native(), count, population, stdpop=ESP2013, ageband=ageband, by="area_code"
    )
    decile_dsr = dsr(
        by_decile.to_native(), count, population, stdpop=ESP2013, ageband=ageband,
        by="imd_decile",
    )  # fmt: skip
    deciles = decile_dsr.assign(
        imd_decile=decile_dsr["imd_decile"].astype("int64"),
        population=decile_dsr["total_pop"],
    )
    inequality = pandas_sii(
        deciles, "imd_decile", "population", value="value", lower_ci="lower_ci",
        upper_ci="upper_ci", value_type="rate", repetitions=repetitions, seed=seed,
    )  # fmt: skip
    return area_dsr, inequality
