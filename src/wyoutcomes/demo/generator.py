"""Synthetic indicator values for every indicator of a plan, computed from made-up counts with
the statistics engine the real data go through (``wyoutcomes.stats``).

>>> frame = synthetic_values(seed=2019)
>>> bool(frame["value_note"].str.startswith("synthetic demonstration data").all())
True
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from wyoutcomes import geography, stats
from wyoutcomes.contract import CORE_FIGURE_COLUMNS
from wyoutcomes.contract import SUBMISSION_COLUMNS as _COLUMNS
from wyoutcomes.demo.counts import SEXES, Draw, draw_counts, draw_life_table, levels, rng_for
from wyoutcomes.demo.footprint import AREAS, ATOMS
from wyoutcomes.demo.parameters import PER_PERSON, DemoSpec, spec_for
from wyoutcomes.demo.published import published_figures
from wyoutcomes.demo.timeline import DEFAULT_FIRST, Timeline, timeline
from wyoutcomes.periods import Period

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan

__all__ = ["DEMO_NOTE", "LAST_DAY", "synthetic_values"]

#: the value_note of every synthetic row (the report's demonstration banner looks for it)
DEMO_NOTE = "synthetic demonstration data (wyoutcomes demo, seed {seed}): not a real figure"
#: the demo's data run to the end of 2025/26
LAST_DAY = date(2026, 3, 31)

_KEY = ["area_code", "period", "sex", "category"]
SUBMISSION_COLUMNS = list(_COLUMNS)


def synthetic_values(
    plan: Plan | None = None,
    seed: int = 2019,
    published: pd.DataFrame | None = None,
    last_day: date = LAST_DAY,
    provisional: bool = False,
) -> pd.DataFrame:
    """The canonical submission frame of synthetic values for every indicator of ``plan``.

    Each indicator gets every area of the demo footprint it is reported at (only while the
    area's code is in use) and every period from its earliest target baseline or published
    figure (or 2015/16) to the last one ending by ``last_day``. ``published`` (default: the
    bundled real figures) anchors the levels; the real rows themselves are not included.
    ``provisional=True`` gives only the indicators first published incomplete (their recipe's
    ``provisional`` share), as first submitted: the same draws with late events missing.
    """
    if plan is None:
        from wyoutcomes.definitions import load_plan

        plan = load_plan()
    if published is None:
        published = published_figures()
    indicators = [i for i in plan.indicators if not provisional or spec_for(i).provisional < 1]
    derived = {i.id: i for i in indicators if spec_for(i).family == "difference_from"}
    # a source indicator is also generated at the area types of the gaps derived from it
    extra: dict[str, set[str]] = {}
    for indicator in derived.values():
        types = {_text(t) for t in indicator.area_types}
        extra.setdefault(str(spec_for(indicator).of), set()).update(types)
    sources = {
        i.id: _indicator_values(
            i, plan, seed, published, last_day, provisional, extra.get(i.id, set())
        )
        for i in indicators
        if i.id not in derived
    }
    frames = []
    for indicator in indicators:
        if indicator.id in derived:
            spec = spec_for(indicator)
            frames.append(_difference(indicator, spec, sources.get(str(spec.of))))
        else:
            frames.append(_own_areas(indicator, sources[indicator.id]))
    frame = pd.concat(frames, ignore_index=True)
    frame["value_note"] = DEMO_NOTE.format(seed=seed)
    return frame[SUBMISSION_COLUMNS].reset_index(drop=True)


def _text(value: Any) -> str:
    return str(value)


def _first_period(indicator: Any, plan: Plan, published: pd.DataFrame) -> str:
    period_type = _text(indicator.period_type)
    candidates = [Period.parse(DEFAULT_FIRST[period_type], period_type)]
    for target in plan.targets:
        baseline = getattr(target, "baseline", None)
        label = getattr(baseline, "period", None)
        if target.indicator == indicator.id and label:
            candidates.append(Period.parse(label, period_type))
    for label in published.loc[published["indicator_id"] == indicator.id, "period"]:
        candidates.append(Period.parse(label, period_type))
    return min(candidates, key=lambda p: p.end).label


def _areas(
    indicator: Any,
    line: Timeline,
    extra: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Area codes the indicator is reported at (and at the ``extra`` area types), their atom
    membership and validity by period."""
    types = {_text(t) for t in indicator.area_types} | set(extra)
    codes = [code for code in AREAS if geography.area(code).type in types]
    names = [a.name for a in ATOMS]
    members = np.zeros((len(codes), len(ATOMS)))
    for i, code in enumerate(codes):
        members[i, [names.index(m) for m in AREAS[code]]] = 1
    valid = np.array(
        [[geography.area(c).in_use_during(p.start, p.end) for p in line.periods] for c in codes],
        dtype=bool,
    ).reshape(len(codes), len(line.periods))
    return codes, members, valid


def _indicator_values(
    indicator: Any,
    plan: Plan,
    seed: int,
    published: pd.DataFrame,
    last_day: date,
    provisional: bool = False,
    extra: set[str] = frozenset(),  # type: ignore[assignment]
) -> pd.DataFrame:
    spec = spec_for(indicator)
    period_type = _text(indicator.period_type)
    line = timeline(period_type, _first_period(indicator, plan, published), last_day)
    codes, members, valid = _areas(indicator, line, extra)
    if not line.periods or not codes:
        return pd.DataFrame(columns=SUBMISSION_COLUMNS)
    rng = rng_for(seed, indicator.id)
    level = levels(indicator.id, spec, line, period_type, published)
    by_sex = "sex" in {_text(b) for b in indicator.breakdowns}
    deciles = "deprivation_decile" in {_text(b) for b in indicator.breakdowns}
    multiplier = float(indicator.multiplier)
    if spec.family == "noisy_value":
        frame = _noisy(indicator.id, spec, level, line, codes, members, rng, by_sex)
    elif spec.family == "life_table_sii":
        frame = _life_table_sii(spec, level, line, codes, members, rng, seed)
    else:
        months = line.bases[0].type.value == "month"
        draw = draw_counts(spec.family, spec, level, multiplier, deciles, rng, months)
        if provisional:  # the same events, less the late ones (a separate, seeded thinning)
            late = rng_for(seed + 1, indicator.id)
            thinned = late.binomial(draw.events.astype(np.int64), spec.provisional)
            draw = Draw(thinned.astype(float), draw.denominators, draw.extra, draw.reference)
        frame = _computed(indicator, spec, draw, line, codes, members, by_sex)
    valid_pairs = {
        (code, period.label)
        for i, code in enumerate(codes)
        for k, period in enumerate(line.periods)
        if valid[i, k]
    }
    keep = [pair in valid_pairs for pair in zip(frame["area_code"], frame["period"], strict=True)]
    frame = frame[np.array(keep, dtype=bool) & frame["value"].notna()].copy()
    frame["indicator_id"] = indicator.id
    frame["age"] = spec.age
    frame["category_type"] = np.where(frame["category"] == "", "", "deprivation_decile")
    if _text(indicator.ci_method) == "none":
        frame["lower_ci"] = np.nan
        frame["upper_ci"] = np.nan
    for column in ("value", "lower_ci", "upper_ci"):
        frame[column] = frame[column].astype(float).round(6)
    for column in SUBMISSION_COLUMNS:
        if column not in frame:
            frame[column] = np.nan if column not in {"value_note"} else ""
    return frame


def _long(
    events: np.ndarray,
    denominators: np.ndarray,
    extra: tuple[str, ...],
    line: Timeline,
    codes: list[str],
    by_sex: bool,
) -> pd.DataFrame:
    """Areas × sexes × periods × extra as a long frame of summed counts."""
    sexes = [*SEXES, "Persons"] if by_sex else ["Persons"]
    if by_sex:
        events = np.concatenate([events, events.sum(axis=1, keepdims=True)], axis=1)
        denominators = np.concatenate(
            [denominators, denominators.sum(axis=1, keepdims=True)], axis=1
        )
    else:
        events = events.sum(axis=1, keepdims=True)
        denominators = denominators.sum(axis=1, keepdims=True)
    shape = events.shape
    index = pd.MultiIndex.from_product(
        [codes, sexes, [p.label for p in line.periods], list(extra)],
        names=["area_code", "sex", "period", "extra"],
    )
    frame = index.to_frame(index=False)
    frame["events"] = events.reshape(-1)
    frame["denominators"] = np.broadcast_to(denominators, shape).reshape(-1)
    return frame


def _aggregate(draw: Draw, line: Timeline, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum atoms into areas and base periods into the indicator's periods."""
    events = np.einsum("ia,asb...,pb->isp...", members, draw.events, line.pools)
    denominators = np.einsum("ia,asb...,pb->isp...", members, draw.denominators, line.pools)
    return events, denominators


def _computed(
    indicator: Any,
    spec: DemoSpec,
    draw: Draw,
    line: Timeline,
    codes: list[str],
    members: np.ndarray,
    by_sex: bool,
) -> pd.DataFrame:
    events, denominators = _aggregate(draw, line, members)
    multiplier = float(indicator.multiplier)
    if spec.family in {"proportion", "rate"}:
        long = _long(events, denominators, draw.extra, line, codes, by_sex)
        function = stats.proportion if spec.family == "proportion" else stats.rate
        headline = function(
            long, "events", "denominators", by=["area_code", "sex", "period"],
            multiplier=multiplier,
        ).assign(category="")  # fmt: skip
        parts = [headline]
        if len(draw.extra) > 1:
            parts.append(
                function(
                    long, "events", "denominators", by=["area_code", "sex", "period", "extra"],
                    multiplier=multiplier,
                ).rename(columns={"extra": "category"})
            )  # fmt: skip
        out = pd.concat(parts, ignore_index=True)
        return out.rename(columns={"events": "numerator", "denominators": "denominator"})
    if spec.family == "dsr":
        long = _long(events, denominators, draw.extra, line, codes, by_sex)
        out = stats.dsr(
            long, "events", "denominators", stdpop=stats.ESP2013, ageband="extra",
            by=["area_code", "sex", "period"], multiplier=multiplier,
        )  # fmt: skip
        out = out.rename(columns={"total_count": "numerator", "total_pop": "denominator"})
        return out.assign(category="")
    if spec.family == "isr":
        long = _long(events, denominators, draw.extra, line, codes, by_sex)
        bands = len(draw.extra)
        reference = np.tile(np.asarray(draw.reference), len(long) // bands)
        long["x_ref"] = reference * 1_000_000
        long["n_ref"] = 1_000_000.0
        out = stats.isr_ratio(
            long, "events", "denominators", x_ref="x_ref", n_ref="n_ref",
            by=["area_code", "sex", "period"], refvalue=100,
        )  # fmt: skip
        # excess mortality: how far the ratio (×100) is above the population's 100
        for column in ("value", "lower_ci", "upper_ci"):
            out[column] = out[column] - 100
        return out.rename(columns={"observed": "numerator"}).assign(category="")
    if spec.family == "poisson_count":
        long = _long(events, denominators, ("",), line, codes, by_sex)
        ci = stats.byars_ci if _text(indicator.ci_method) == "byars" else stats.exact_poisson_ci
        lower, upper = ci(long["events"].to_numpy())
        return long.assign(
            value=long["events"], lower_ci=lower, upper_ci=upper, numerator=long["events"],
            category="",
        )[[*_KEY, "value", "lower_ci", "upper_ci", "numerator"]]  # fmt: skip
    if spec.family == "items_per_weight":
        long = _long(events, denominators, ("",), line, codes, by_sex)
        # the weights (STAR-PUs) are a yearly figure: twelve pooled months count once
        weight = long["denominators"] / line.pools.sum(axis=1).max()
        return long.assign(
            value=long["events"] / weight, lower_ci=np.nan, upper_ci=np.nan,
            numerator=long["events"], denominator=weight, category="",
        )[[*_KEY, *CORE_FIGURE_COLUMNS]]  # fmt: skip
    raise ValueError(f"unknown demo family {spec.family!r} for {indicator.id}")


def _noisy(
    indicator_id: str,
    spec: DemoSpec,
    level: np.ndarray,
    line: Timeline,
    codes: list[str],
    members: np.ndarray,
    rng: np.random.Generator,
    by_sex: bool,
) -> pd.DataFrame:
    """Values with no counts behind them (ratios, gaps, money, tonnes): the areas' population-
    weighted level, averaged over pooled periods, times independent noise."""
    population = np.array([a.population for a in ATOMS], float)
    if indicator_id in PER_PERSON:  # totals: the level is per person, the value a sum
        area_level = np.einsum("ia,a,asb->isb", members, population, level)
    else:
        weights = members * population[None, :]
        area_level = np.einsum("ia,asb->isb", weights / weights.sum(axis=1, keepdims=True), level)
    pooled = np.einsum("isb,pb->isp", area_level, line.pools) / line.pools.sum(axis=1)
    if by_sex:
        pooled = np.concatenate([pooled, pooled.mean(axis=1, keepdims=True)], axis=1)
        sexes = [*SEXES, "Persons"]
    else:
        pooled = pooled.mean(axis=1, keepdims=True)
        sexes = ["Persons"]
    noise = np.exp(rng.normal(0, spec.cv, pooled.shape))
    index = pd.MultiIndex.from_product(
        [codes, sexes, [p.label for p in line.periods]], names=["area_code", "sex", "period"]
    )
    frame = index.to_frame(index=False)
    frame["value"] = (pooled * noise).reshape(-1)
    frame["lower_ci"] = np.nan
    frame["upper_ci"] = np.nan
    frame["category"] = ""
    return frame


def _life_table_sii(
    spec: DemoSpec,
    level: np.ndarray,
    line: Timeline,
    codes: list[str],
    members: np.ndarray,
    rng: np.random.Generator,
    seed: int,
) -> pd.DataFrame:
    """Life expectancy at birth by deprivation decile (Chiang II) from drawn deaths, then the
    slope index of inequality across the deciles, both with ``wyoutcomes.stats``."""
    from wyoutcomes.stats.life_expectancy import STANDARD_LE_BANDS

    deaths, people = draw_life_table(spec, level, rng)
    deaths = np.einsum("ia,asbdx,pb->ispdx", members, deaths, line.pools)
    people = np.einsum("ia,asbdx,pb->ispdx", members, people, line.pools)
    deaths = np.concatenate([deaths, deaths.sum(axis=1, keepdims=True)], axis=1)
    people = np.concatenate([people, people.sum(axis=1, keepdims=True)], axis=1)
    index = pd.MultiIndex.from_product(
        [codes, [*SEXES, "Persons"], [p.label for p in line.periods], range(1, 11),
         STANDARD_LE_BANDS],
        names=["area_code", "sex", "period", "decile", "age"],
    )  # fmt: skip
    table = index.to_frame(index=False)
    table["deaths"] = deaths.reshape(-1)
    table["people"] = people.reshape(-1)
    group = ["area_code", "sex", "period", "decile"]
    le = stats.life_expectancy(table, "deaths", "people", "age", by=group, le_age=0)
    le["population"] = table.groupby(group, sort=False)["people"].sum().to_numpy()
    complete = le.groupby(group[:-1])["value"].transform(lambda v: v.notna().all())
    le = le[complete.astype(bool)]
    out = stats.sii(
        le, "decile", "population", value="value", lower_ci="lower_ci", upper_ci="upper_ci",
        by=group[:-1], repetitions=10_000, seed=seed,
    )  # fmt: skip
    out = out.rename(
        columns={"sii": "value", "sii_lower_ci": "lower_ci", "sii_upper_ci": "upper_ci"}
    )
    return out.assign(category="")[[*_KEY, "value", "lower_ci", "upper_ci"]]


def _own_areas(indicator: Any, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows at the area types the indicator is reported at (others fed derived gaps)."""
    types = {_text(t) for t in indicator.area_types}
    keep = frame["area_code"].map(lambda code: geography.area(code).type in types)
    return frame[keep.astype(bool)]


def _difference(indicator: Any, spec: DemoSpec, source: pd.DataFrame | None) -> pd.DataFrame:
    """A gap derived from another indicator's values: the reference area's value minus each
    area's, for the same period, sex and breakdown (e.g. England's healthy life expectancy
    minus the partnership's), so the gap agrees with the values it is made of."""
    if source is None or source.empty:
        return pd.DataFrame(columns=SUBMISSION_COLUMNS)
    key = ["period", "sex", "category_type", "category"]
    reference = source.loc[source["area_code"] == spec.reference, [*key, "value"]]
    types = {_text(t) for t in indicator.area_types}
    areas = source[source["area_code"].map(lambda c: geography.area(c).type in types)]
    out = areas.merge(reference, on=key, suffixes=("_area", ""), how="inner")
    out["value"] = out["value"] - out["value_area"]
    out["indicator_id"] = indicator.id
    out["lower_ci"] = np.nan
    out["upper_ci"] = np.nan
    for column in ("numerator", "denominator", "lower_ci_99_8", "upper_ci_99_8"):
        out[column] = np.nan
    return out[SUBMISSION_COLUMNS].assign(value=lambda f: f["value"].round(6))
