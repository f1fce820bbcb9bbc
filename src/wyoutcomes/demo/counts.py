"""Draw the demo's underlying counts: deaths by age band, children measured, births,
prescription items … per atom, sex, deprivation decile and base period.

Every draw comes from one numpy Generator per indicator, seeded from the demo seed and the
indicator id, so the same seed gives the same counts whatever else the plan contains.

The level an atom's counts are drawn around is the indicator's recipe (its level, trend and
gradient) unless a real published figure covers the atom; then the level follows the published
values, interpolated between their periods' mid-points and continued with the recipe's trend
before the first and after the last.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wyoutcomes.demo.footprint import AREAS, ATOMS, decile_shares
from wyoutcomes.demo.parameters import DemoSpec
from wyoutcomes.demo.timeline import ORIGIN, Timeline
from wyoutcomes.periods import Period

__all__ = [
    "AGE_SHARES",
    "SEXES",
    "Draw",
    "draw_counts",
    "draw_life_table",
    "levels",
    "life_table_shares",
    "rng_for",
]

SEXES = ("Male", "Female")

# Share of the population in each ESP2013 band (0-4 … 90+), roughly England's 2019 shape.
AGE_SHARES = np.array(
    [5.6, 6.1, 6.0, 5.5, 6.0, 6.7, 6.8, 6.7, 6.3, 6.4, 6.9, 6.8, 6.0, 5.3, 5.2, 4.1, 2.8, 1.7, 0.9]
)
AGE_SHARES = AGE_SHARES / AGE_SHARES.sum()
# Relative suicide rate by ESP2013 band: none under 10, a peak in mid-life.
_SUICIDE_BY_AGE = np.array(
    [0, 0, 0.1, 0.6, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.5, 1.3, 1.1, 0.9, 0.8, 0.8, 0.9, 0.9, 0.9]
)
# Under-75 mortality of the general population by band (18-34, 35-44, 45-54, 55-64, 65-74),
# deaths per person-year, and the share of adults with SMI in each band.
SMI_BANDS = ("18-34", "35-44", "45-54", "55-64", "65-74")
_SMI_REFERENCE_RATE = np.array([0.0006, 0.0013, 0.0030, 0.0070, 0.0170])
_SMI_SHARES = np.array([0.30, 0.22, 0.21, 0.16, 0.11])


# Deaths per person-year by life-table band (0, 1-4, 5-9 … 85-89, 90+) for persons, roughly
# England's around 2019, and the men's and women's multiples of it.
_MORTALITY = np.array(
    [0.0040, 0.00012, 0.00008, 0.0001, 0.0003, 0.0004, 0.0005, 0.0007, 0.0010, 0.0015,
     0.0022, 0.0033, 0.0050, 0.0080, 0.0120, 0.0190, 0.0320, 0.0560, 0.1000, 0.2100]
)  # fmt: skip
_MORTALITY_BY_SEX = np.array([1.2, 0.83])
# Gompertz slope of adult mortality: a rate ratio r moves life expectancy by about ln(r)/0.09
_GOMPERTZ = 0.09


def life_table_shares() -> np.ndarray:
    """Population share of the 20 life-table bands (the ESP 0-4 band split 1:4 into 0, 1-4)."""
    return np.concatenate([[AGE_SHARES[0] / 5, AGE_SHARES[0] * 4 / 5], AGE_SHARES[1:]])


def draw_life_table(
    spec: DemoSpec, level: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Deaths and populations ``[atom, sex, base, decile, band]`` whose life expectancy falls
    from the least to the most deprived decile by about ``level`` years (``[atom, sex, base]``),
    the gap the slope index of inequality then measures."""
    population = np.array([a.population for a in ATOMS], float)[:, None, None] / 2
    share = decile_shares(np.array([a.deprivation for a in ATOMS]))  # [atom, decile]
    people = np.round(
        population[..., None, None]
        * share[:, None, None, :, None]
        * life_table_shares()[None, None, None, None, :]
    )
    people = np.broadcast_to(people, (*level.shape, 10, 20)).copy()
    position = (np.arange(10) - 4.5) / 4.5  # -1 most deprived … 1 least deprived
    # scaled so that the SII of the resulting life expectancies comes out near ``level`` (the
    # whole-rank SII is wider than the decile 1 to 10 gap, and infant deaths dilute the ratio)
    slope = -level[..., None] * _GOMPERTZ / 2 * 0.85
    ratio = np.exp(slope * position)  # [atom, sex, base, decile]
    rates = _MORTALITY[None, None, None, None, :] * ratio[..., None]
    rates = rates * _MORTALITY_BY_SEX[None, :, None, None, None]
    return rng.poisson(people * rates).astype(float), people


def rng_for(seed: int, indicator_id: str) -> np.random.Generator:
    """The Generator for one indicator (independent of the other indicators' draws)."""
    return np.random.default_rng([seed, zlib.crc32(indicator_id.encode())])


def _atom_factor(spec: DemoSpec) -> np.ndarray:
    deprivation = np.array([a.deprivation for a in ATOMS])
    return 1 + spec.gradient * deprivation / 2


def _anchor_curve(points: pd.DataFrame, years: np.ndarray, trend: float) -> np.ndarray:
    """The published values at their mid-points, joined by straight lines, with the recipe's
    trend before the first and after the last."""
    t, v = points["t"].to_numpy(), points["value"].to_numpy()
    order = np.argsort(t)
    t, v = t[order], v[order]
    curve = np.interp(years, t, v)
    curve = np.where(years < t[0], v[0] * (1 + trend) ** (years - t[0]), curve)
    return np.where(years > t[-1], v[-1] * (1 + trend) ** (years - t[-1]), curve)


def levels(
    indicator_id: str,
    spec: DemoSpec,
    line: Timeline,
    period_type: str,
    published: pd.DataFrame | None,
) -> np.ndarray:
    """The level counts are drawn around: ``[atom, sex, base period]``, indicator units."""
    years = line.years
    shock = np.ones_like(years)
    for year, change in spec.shocks.items():
        shock = np.where(line.in_year(year), 1 + change, shock)
    base = spec.level * (1 + spec.trend) ** years * shock
    sex = np.array(spec.sex)
    out = _atom_factor(spec)[:, None, None] * sex[None, :, None] * base[None, None, :]
    if published is None or published.empty:
        return out
    rows = published[
        (published["indicator_id"] == indicator_id)
        & (published["category_type"] == "")
        & published["area_code"].isin(list(AREAS))
    ].copy()
    if rows.empty:
        return out
    rows["t"] = [(Period.parse(p, period_type).mid - ORIGIN).days / 365.25 for p in rows["period"]]
    rows["size"] = rows["area_code"].map(lambda code: len(AREAS[code]))
    names = [a.name for a in ATOMS]
    factor = _atom_factor(spec)
    claimed = np.full((len(ATOMS), 2), np.inf)  # size of the area whose anchors an atom uses
    for (code, sex_label), points in rows.groupby(["area_code", "sex"], sort=True):
        members = [names.index(m) for m in AREAS[code]]
        size = len(members)
        curve = _anchor_curve(points, years, spec.trend) * shock
        relative = factor[members] / factor[members].mean()
        sexes = [0, 1] if sex_label == "Persons" else [SEXES.index(sex_label)]
        for s in sexes:
            scale = sex[s] if sex_label == "Persons" else 1.0
            for atom, rel in zip(members, relative, strict=True):
                if size < claimed[atom, s]:
                    out[atom, s] = curve * scale * rel
                    claimed[atom, s] = size
    return out


@dataclass(frozen=True)
class Draw:
    """Counts per atom: arrays ``[atom, sex, base, extra...]`` of events and denominators.

    ``extra`` is the age band (dsr, isr) or the deprivation decile (indicators broken down by
    it); ``reference`` holds the reference population's rates for the ISR.
    """

    events: np.ndarray
    denominators: np.ndarray
    extra: tuple[str, ...] = ()
    reference: np.ndarray | None = None


def draw_counts(
    family: str,
    spec: DemoSpec,
    level: np.ndarray,
    multiplier: float,
    deciles: bool,
    rng: np.random.Generator,
    months: bool = False,
) -> Draw:
    """Draw the counts of ``family`` around ``level`` (``[atom, sex, base]``)."""
    population = np.array([a.population for a in ATOMS], float)[:, None, None] / 2  # per sex
    population = np.broadcast_to(population, level.shape)
    per_base = 1 / 12 if months else 1.0
    if family in {"proportion", "rate"}:
        size = population * spec.denominator * per_base
        share, gradient = _decile_split(spec, deciles)
        size = size[..., None] * share[:, None, None, :]
        expected = level[..., None] / multiplier * gradient[None, None, None, :]
        if family == "proportion":
            denominators = rng.poisson(size).astype(float)
            events = rng.binomial(denominators.astype(np.int64), np.clip(expected, 0, 1))
        else:
            denominators = np.round(size)
            events = rng.poisson(denominators * expected)
        extra = _DECILES if deciles else ("",)
        return Draw(events.astype(float), denominators, extra)
    if family == "dsr":
        people = np.round(population[..., None] * AGE_SHARES)
        shape = _SUICIDE_BY_AGE / (_SUICIDE_BY_AGE * _esp_weights()).sum() * _esp_weights().sum()
        rates = level[..., None] / multiplier * shape
        return Draw(rng.poisson(people * rates).astype(float), people, _esp_bands())
    if family == "isr":
        people = np.round(population[..., None] * spec.denominator * _SMI_SHARES)
        expected = people * _SMI_REFERENCE_RATE * (1 + level[..., None] / 100)
        return Draw(
            rng.poisson(expected).astype(float), people, SMI_BANDS, reference=_SMI_REFERENCE_RATE
        )
    if family == "poisson_count":
        events = rng.poisson(population * level * per_base)
        return Draw(events[..., None].astype(float), population[..., None].copy())
    if family == "items_per_weight":
        weight = population * spec.denominator
        events = rng.poisson(weight * level * per_base)
        return Draw(events[..., None].astype(float), weight[..., None])
    raise ValueError(f"no counts are drawn for the {family!r} family")


_DECILES = (
    "Most deprived decile",
    "Second most deprived decile",
    "Third most deprived decile",
    "Fourth more deprived decile",
    "Fifth more deprived decile",
    "Fifth less deprived decile",
    "Fourth less deprived decile",
    "Third less deprived decile",
    "Second least deprived decile",
    "Least deprived decile",
)


def _decile_split(spec: DemoSpec, deciles: bool) -> tuple[np.ndarray, np.ndarray]:
    """Population share per atom and decile, and each decile's rate relative to the atom's."""
    if not deciles:
        return np.ones((len(ATOMS), 1)), np.ones(1)
    share = decile_shares(np.array([a.deprivation for a in ATOMS]))
    position = (np.arange(10) - 4.5) / 4.5  # -1 most deprived … 1 least deprived
    gradient = 1 - spec.gradient * position / 2
    return share, gradient


def _esp_weights() -> np.ndarray:
    from wyoutcomes.stats import ESP2013

    return ESP2013.to_numpy()


def _esp_bands() -> tuple[str, ...]:
    from wyoutcomes.stats import ESP2013_BANDS

    return tuple(ESP2013_BANDS)
