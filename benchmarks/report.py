"""Benchmark: the full quarterly report for 10 ambitions × 8 areas × 40 quarters.

Target (issue 8): renders in under 1 s and the HTML is under 1.5 MB. The inputs are the
hand-built fixture frames of tests/report (ten ambitions, the partnership and six places in the
progress frame, England as the benchmark series: 8 areas, 40 quarterly values each), so this
times the report alone, not progress. Baseline in the same run: pandas' own ``to_html`` of the
same progress frame (a plain table with no charts), to show what the charts and sections cost.

Run: PYTHONPATH=src python benchmarks/report.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "report"))

from report_fixtures import make_inputs, make_plan  # noqa: E402  (path set just above)

from wyoutcomes.report.render import render_inputs  # noqa: E402


def main() -> None:
    plan = make_plan(10)
    inputs = make_inputs(plan, n_quarters=40)
    areas = inputs.series["area_code"].nunique()
    quarters = inputs.series["period"].nunique()

    start = time.perf_counter()
    html = render_inputs(plan, inputs)
    cold = time.perf_counter() - start  # includes compiling the templates once

    warm = []
    for _ in range(5):
        start = time.perf_counter()
        render_inputs(plan, inputs)
        warm.append(time.perf_counter() - start)
    base = []
    for _ in range(5):
        start = time.perf_counter()
        inputs.progress.to_html()
        base.append(time.perf_counter() - start)

    size = len(html.encode("utf-8"))
    median = statistics.median(warm)
    print(f"report: {len(plan.ambitions)} ambitions × {areas} areas × {quarters} quarters")
    print(f"  first render (templates compiled): {cold:.3f} s")
    print(f"  render, median of 5:               {median:.3f} s   target < 1 s")
    print(f"  HTML size:                         {size / 1e6:.2f} MB   target < 1.5 MB")
    print(f"  baseline pandas to_html (median):  {statistics.median(base):.3f} s")
    print(f"  ratio report / baseline:           {median / statistics.median(base):.1f}")
    # the target is the steady render; the first one also pays for imports and template compiling
    ok = median < 1.0 and size < 1.5e6
    print(f"  load average while running:         {os.getloadavg()[0]:.1f} (2 cores)")
    print("  within targets" if ok else "  OUTSIDE TARGETS")


if __name__ == "__main__":
    main()
