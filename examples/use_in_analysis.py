"""Use wyoutcomes in an analysis, the way an analyst would in a notebook: read the plan's
ambition 1 target, compute life expectancy by deprivation decile and the slope index of
inequality (SII) from deaths and populations with ``wyoutcomes.stats``, and compare the gap with
what the plan asks for.

The deaths are synthetic demonstration data (examples/data/deaths_by_decile.csv), shaped like
West Yorkshire's; the methods are the PHE ones Fingertips uses (Chiang II life tables, the SII
by weighted least squares on the relative rank with simulated limits).

Run from anywhere:  python examples/use_in_analysis.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wyoutcomes import stats
from wyoutcomes.definitions import load_plan

DEATHS = Path(__file__).resolve().parent / "data" / "deaths_by_decile.csv"


def main() -> None:
    plan = load_plan()
    ambition = plan.ambition(1)
    print(f"Ambition 1: {ambition.title}")

    deaths = pd.read_csv(DEATHS, comment="#")
    # life expectancy at birth for each sex and decile (one life table per group)
    le = stats.life_expectancy(
        deaths, "deaths", "population", "age", by=["sex", "decile"], le_age=0
    )
    le["population"] = deaths.groupby(["sex", "decile"])["population"].sum().to_numpy()
    table = le.pivot(index="decile", columns="sex", values="value").round(1)
    print("\nLife expectancy at birth by deprivation decile (1 = most deprived), 2020-22:")
    print(table.to_string())

    # the SII: the modelled gap between the most and the least deprived ends
    gap = stats.sii(
        le, "decile", "population", value="value", lower_ci="lower_ci", upper_ci="upper_ci",
        by="sex", seed=2019, repetitions=20_000,
    )  # fmt: skip
    print("\nSlope index of inequality (years):")
    for row in gap.itertuples(index=False):
        interval = f"95% CI {row.sii_lower_ci:.1f} to {row.sii_upper_ci:.1f}"
        print(f"  {row.sex:<6} {row.sii:5.1f}  ({interval})")

    # the plan: cut the gap by 5% by 2024, which it puts at about six months for men
    for target_id, sex in [
        ("a1-life-expectancy-gap-men", "Male"),
        ("a1-life-expectancy-gap-women", "Female"),
    ]:
        target = next(t for t in plan.targets if t.id == target_id)
        stated = target.stated_as[0]  # the plan's own words: an amount on an implied baseline
        aim = stated.baseline_value * (1 + target.change)
        now = float(gap.loc[gap["sex"] == sex, "sii"].iloc[0])
        verdict = "within" if now <= aim else f"{now - aim:.1f} years above"
        print(
            f"\n{target.description}\n  implied baseline {stated.baseline_value:.1f} years, "
            f"target {aim:.2f} years by {target.deadline}; "
            f"2020-22 SII {now:.1f}: {verdict} the target"
        )


if __name__ == "__main__":
    main()
