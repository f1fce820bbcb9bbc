"""Public-health statistics: the PHE/OHID indicator methods, vectorised over groups.

Pure computation (numpy, pandas, scipy): no file I/O, nothing of ours but ``wyoutcomes.errors``.
Every function takes a DataFrame and ``by`` columns and returns one row per group (life
expectancy: one per age band) with ``value`` and its confidence limits. See docs/statistics.md.
"""

from __future__ import annotations

from wyoutcomes.stats.ci import byars_ci, exact_poisson_ci, student_t_ci, wilson_ci
from wyoutcomes.stats.dsr import dsr
from wyoutcomes.stats.funnel import funnel_limits, funnel_points, funnel_significance
from wyoutcomes.stats.isr import isr_rate, isr_ratio
from wyoutcomes.stats.life_expectancy import STANDARD_LE_BANDS, life_expectancy
from wyoutcomes.stats.mean import mean
from wyoutcomes.stats.proportion import proportion
from wyoutcomes.stats.quantiles import quantiles
from wyoutcomes.stats.rate import rate
from wyoutcomes.stats.sii import sii
from wyoutcomes.stats.standard_population import ESP2013, ESP2013_BANDS

__all__ = [
    "ESP2013",
    "ESP2013_BANDS",
    "STANDARD_LE_BANDS",
    "byars_ci",
    "dsr",
    "exact_poisson_ci",
    "funnel_limits",
    "funnel_points",
    "funnel_significance",
    "isr_rate",
    "isr_ratio",
    "life_expectancy",
    "mean",
    "proportion",
    "quantiles",
    "rate",
    "sii",
    "student_t_ci",
    "wilson_ci",
]
