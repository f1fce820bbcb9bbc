"""Options that select between the NHSRplotthedots 0.2.2 rules (the default) and the variants of
NHS England's Making Data Count Excel tool and other implementations (reference spc.md §9).

>>> SPCOptions().shift_length
7
>>> SPCOptions.mdc_excel(six_point_runs=True).trend_length
6
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from wyoutcomes.errors import StatsInputError

__all__ = ["SIGMA_FACTORS", "SPCOptions"]

#: process-limit half-width per unit of mean moving range, by the choice of σ estimator:
#: "2.66" is NHSRplotthedots and MDC; "d2" is AMR/1.128 (PowerBI-SPC, abspc), i.e. 3/1.128.
SIGMA_FACTORS: dict[str, float] = {"2.66": 2.66, "d2": 3 / 1.128}


@dataclass(frozen=True)
class SPCOptions:
    """How an XmR chart is computed and judged. Every default is NHSRplotthedots 0.2.2.

    - ``screen_outliers``: drop moving ranges ≥ 3.267 × mean moving range before the limits
      are computed (one pass). MDC Excel does not screen.
    - ``shift_length`` / ``trend_length``: points in a run on one side of the mean / points
      in a steadily rising or falling run (7 and 7; MDC Excel offers 6).
    - ``two_in_three_includes_beyond_3sigma``: count points beyond the process limits towards
      "two in three beyond 2σ" (MDC since late 2023), not only those between 2σ and 3σ.
    - ``assurance_inclusive``: a target equal to a process limit counts as beyond it.
    - ``sigma_from``: ``"2.66"`` (limits at mean ± 2.66 × AMR) or ``"d2"`` (σ = AMR / 1.128).
    - ``min_points``: a (rebase) group with fewer values than this has *trial* limits (13).
    - ``variation_from``: the variation icon comes from the ``"latest_point"`` (reference) or
      the ``"latest_special_cause"`` point (abspc).
    - ``missing``: ``"keep"`` (a missing value keeps its slot, is left out of the mean and the
      moving ranges, and breaks every run through it) or ``"reject"`` (raise an error).
    """

    screen_outliers: bool = True
    shift_length: int = 7
    trend_length: int = 7
    two_in_three_includes_beyond_3sigma: bool = False
    assurance_inclusive: bool = False
    sigma_from: Literal["2.66", "d2"] = "2.66"
    min_points: int = 13
    variation_from: Literal["latest_point", "latest_special_cause"] = "latest_point"
    missing: Literal["keep", "reject"] = "keep"

    def __post_init__(self) -> None:
        for name in ("shift_length", "trend_length"):
            run = getattr(self, name)
            if isinstance(run, bool) or not isinstance(run, int) or not 3 <= run <= 15:
                raise StatsInputError(
                    f"SPC option {name}={run!r}: must be a whole number from 3 to 15 "
                    "(rule 'run-length-range')"
                )
        if self.sigma_from not in SIGMA_FACTORS:
            raise StatsInputError(
                f"SPC option sigma_from={self.sigma_from!r}: must be one of "
                f"{sorted(SIGMA_FACTORS)} (rule 'unknown-option-value')"
            )
        if self.variation_from not in ("latest_point", "latest_special_cause"):
            raise StatsInputError(
                f"SPC option variation_from={self.variation_from!r}: must be 'latest_point' or "
                "'latest_special_cause' (rule 'unknown-option-value')"
            )
        if self.missing not in ("keep", "reject"):
            raise StatsInputError(
                f"SPC option missing={self.missing!r}: must be 'keep' or 'reject' "
                "(rule 'unknown-option-value')"
            )
        if isinstance(self.min_points, bool) or not isinstance(self.min_points, int):
            raise StatsInputError(
                f"SPC option min_points={self.min_points!r}: must be a whole number "
                "(rule 'unknown-option-value')"
            )

    @classmethod
    def mdc_excel(cls, *, six_point_runs: bool = False) -> SPCOptions:
        """The NHS England Making Data Count Excel tool's choices: no moving-range screening,
        two-in-three counting points beyond 3σ, inclusive assurance; 6-point runs on request.

        >>> SPCOptions.mdc_excel().screen_outliers
        False
        """
        run = 6 if six_point_runs else 7
        return cls(
            screen_outliers=False,
            two_in_three_includes_beyond_3sigma=True,
            assurance_inclusive=True,
            shift_length=run,
            trend_length=run,
        )

    def with_screening(self, screen_outliers: bool | None) -> SPCOptions:
        """These options, with ``screen_outliers`` overridden unless it is None."""
        if screen_outliers is None or screen_outliers == self.screen_outliers:
            return self
        return replace(self, screen_outliers=bool(screen_outliers))

    @property
    def limit_factor(self) -> float:
        """Half-width of the process limits in units of the mean moving range."""
        return SIGMA_FACTORS[self.sigma_from]
