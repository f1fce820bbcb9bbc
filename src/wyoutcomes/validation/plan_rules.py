"""The definition-aware row rules: indicator, area, period, breakdown and numbers against the
plan.

Per-indicator facts become arrays indexed by indicator code, and each distinct pair of labels
(indicator × area, area × period, indicator × period …) is judged once: a million rows of a
few indicators, areas and periods cost a few dozen look-ups plus numpy comparisons.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np

from wyoutcomes.validation.expectations import (
    RATIO_MEASURES,
    IndicatorFacts,
    PeriodFacts,
    PlanFacts,
)
from wyoutcomes.validation.failures import FailureLog
from wyoutcomes.validation.frame import SubmittedFrame, number_text
from wyoutcomes.validation.recomputed_ci import check_recomputed_ci
from wyoutcomes.validation.rules import SEXES, add_failures, label_mask, number_values

__all__ = ["PlanRules", "run_plan_rules"]


def run_plan_rules(
    frame: SubmittedFrame, facts: PlanFacts, log: FailureLog, as_of: date
) -> dict[str, int]:
    """Run every definition-aware rule; returns rows checked per rule code."""
    return PlanRules(frame, facts, log, as_of).run()


class PlanRules:
    """Definition-aware rules. Per-indicator facts become arrays indexed by indicator code
    (with one extra slot for empty or unknown indicators, where every rule is not applicable)."""

    def __init__(self, frame: SubmittedFrame, facts: PlanFacts, log: FailureLog, as_of: date):
        self.frame, self.facts, self.log, self.as_of = frame, facts, log, as_of
        self._row_periods: tuple[np.ndarray, np.ndarray] | None = None
        labels = frame.labels("indicator_id")
        self.indicators = [facts.indicators.get(label) for label in labels]
        codes = frame.codes("indicator_id")
        # code of each row into the per-indicator arrays; the last slot = no usable indicator
        self.slot = np.where(codes >= 0, codes, len(labels)).astype(np.int32)
        self.known = np.append(np.array([i is not None for i in self.indicators], bool), False)[
            self.slot
        ]

    def indicator_at(self, code: int) -> IndicatorFacts | None:
        """The plan's facts for indicator label ``code`` (None: empty or not in the plan)."""
        return self.indicators[code] if code >= 0 else None

    def per_indicator(self, getter: Callable[..., object], missing: object) -> np.ndarray:
        values = [getter(i) if i is not None else missing for i in self.indicators]
        return np.array([*values, missing])

    def run(self) -> dict[str, int]:
        checked = {
            "unknown-indicator": self.unknown_indicator(),
            **self.areas(),
            **self.periods(),
            "invalid-breakdown": self.breakdowns(),
            "value-out-of-range": self.plausible_range(),
            **self.counts(),
            "ci-missing": self.ci_missing(),
            "ci-differs-from-recomputation": check_recomputed_ci(self),
        }
        return checked

    def unknown_indicator(self) -> int:
        frame = self.frame
        bad = np.array([i is None for i in self.indicators], dtype=bool)
        add_failures(
            self.log,
            frame,
            "unknown-indicator",
            "indicator_id",
            label_mask(frame, "indicator_id", bad),
            lambda p: frame.text_values("indicator_id", p),
        )
        return int((frame.codes("indicator_id") >= 0).sum())

    def pairs(
        self, first: str, second: str, judge: Callable[[int, int], object | None]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Judge each distinct (first, second) code pair once. Returns per row the index of
        the verdict in the second array (-1 = passed) and the distinct verdicts."""
        a, b = self.frame.codes(first), self.frame.codes(second)
        na, nb = len(self.frame.labels(first)), len(self.frame.labels(second))
        return pair_verdicts(a, na, b, nb, judge)

    def row_periods(self) -> tuple[np.ndarray, np.ndarray]:
        """Per row, the index of its period's reading in the returned array of
        :class:`PeriodFacts` (-1 when the label cannot be read at all).

        A label is read in the row's indicator's declared period type where it fits, because a
        label alone can be ambiguous: "2020/21" is April–March as a financial year but
        September–August as an academic year. Where it does not fit (an unknown indicator, or a
        label of another type, which wrong-period-type reports) it is read as whatever type it
        spells.
        """
        if self._row_periods is None:
            labels = self.frame.labels("period")

            def read(indicator: int, period: int) -> PeriodFacts | None:
                if period < 0 or self._any_period(labels[period]) is None:
                    return None
                facts_i = self.indicators[indicator] if indicator >= 0 else None
                if facts_i is not None:
                    try:
                        return self.facts.parse_period(labels[period], facts_i.period_type)
                    except ValueError:
                        pass
                return self._any_period(labels[period])

            self._row_periods = self.pairs("indicator_id", "period", read)
        return self._row_periods

    # -- areas ----------------------------------------------------------------------------------

    def areas(self) -> dict[str, int]:
        frame, facts = self.frame, self.facts
        area_labels = frame.labels("area_code")
        areas = [facts.area(label) for label in area_labels]
        unknown = np.array([a is None for a in areas], dtype=bool)
        add_failures(
            self.log,
            frame,
            "unknown-area",
            "area_code",
            label_mask(frame, "area_code", unknown),
            lambda p: frame.text_values("area_code", p),
        )
        known_area = np.append(~unknown, False)[
            np.where(frame.codes("area_code") >= 0, frame.codes("area_code"), len(areas))
        ]

        def type_verdict(indicator: int, area: int) -> str | None:
            facts_i = self.indicator_at(indicator)
            place = areas[area] if area >= 0 else None
            if facts_i is None or place is None:
                return None
            if not facts_i.area_types or place.type in facts_i.area_types:
                return None
            return f"{facts_i.id}|{', '.join(facts_i.area_types)}"

        area_types = np.array([a.type if a is not None else "" for a in areas], dtype=object)

        verdict, verdicts = self.pairs("indicator_id", "area_code", type_verdict)
        for k, text in enumerate(verdicts):
            indicator, expected = text.split("|", 1)
            mask = verdict == k
            add_failures(
                self.log,
                frame,
                "area-type-not-reported",
                "area_code",
                mask,
                lambda p: [
                    f"{v} ({t})"
                    for v, t in zip(
                        frame.text_values("area_code", p),
                        area_types[frame.codes("area_code")[p]],
                        strict=True,
                    )
                ],
                indicator=indicator,
                expected=expected,
            )

        period_of, periods = self.row_periods()

        def validity_verdict(area: int, period: int) -> str | None:
            place = areas[area] if area >= 0 else None
            if place is None or period < 0:
                return None
            read: PeriodFacts = periods[period]
            if place.in_use_during(read.start, read.end):
                return None
            return f"{read.label} ({read.start.isoformat()} to {read.end.isoformat()})"

        verdict, verdicts = pair_verdicts(
            frame.codes("area_code"), len(area_labels), period_of, len(periods), validity_verdict
        )
        for k, period_text in enumerate(verdicts):
            add_failures(
                self.log,
                frame,
                "area-not-valid-for-period",
                "area_code",
                verdict == k,
                lambda p: frame.text_values("area_code", p),
                period=period_text,
            )
        return {
            "unknown-area": int((frame.codes("area_code") >= 0).sum()),
            "area-type-not-reported": int((known_area & self.known).sum()),
            "area-not-valid-for-period": int(known_area.sum()),
        }

    # -- periods --------------------------------------------------------------------------------

    def _any_period(self, label: str) -> PeriodFacts | None:
        cache = self.__dict__.setdefault("_period_cache", {})
        if label not in cache:
            try:
                cache[label] = self.facts.parse_period(label, None)
            except ValueError:
                cache[label] = None
        return cache[label]

    def periods(self) -> dict[str, int]:
        frame, facts = self.frame, self.facts
        period_labels = frame.labels("period")
        malformed = np.array([self._any_period(lbl) is None for lbl in period_labels], bool)
        add_failures(
            self.log,
            frame,
            "malformed-period",
            "period",
            label_mask(frame, "period", malformed),
            lambda p: frame.text_values("period", p),
            expected=facts.period_forms,
        )

        def type_verdict(indicator: int, period: int) -> str | None:
            if indicator < 0 or period < 0 or malformed[period]:
                return None
            facts_i = self.indicators[indicator]
            if facts_i is None:
                return None
            try:
                facts.parse_period(period_labels[period], facts_i.period_type)
            except ValueError:
                return f"{facts_i.id}|{facts_i.period_type}"
            return None

        verdict, verdicts = self.pairs("indicator_id", "period", type_verdict)
        for k, text in enumerate(verdicts):
            indicator, expected = text.split("|", 1)
            add_failures(
                self.log,
                frame,
                "wrong-period-type",
                "period",
                verdict == k,
                lambda p: frame.text_values("period", p),
                indicator=indicator,
                expected=expected.replace("_", " "),
            )

        # the end as the indicator's period type reads it: the academic year 2024/25 ends in
        # August 2025, five months after the financial year of the same label
        period_of, periods = self.row_periods()
        for future in np.flatnonzero([read.end > self.as_of for read in periods]).tolist():
            add_failures(
                self.log,
                frame,
                "period-in-future",
                "period",
                period_of == future,
                lambda p: frame.text_values("period", p),
                expected=periods[future].end.isoformat(),
            )
        readable = (frame.codes("period") >= 0) & ~np.append(malformed, True)[
            np.where(frame.codes("period") >= 0, frame.codes("period"), len(malformed))
        ]
        return {
            "malformed-period": int((frame.codes("period") >= 0).sum()),
            "wrong-period-type": int((readable & self.known).sum()),
            "period-in-future": int(readable.sum()),
        }

    # -- breakdowns -----------------------------------------------------------------------------

    def breakdowns(self) -> int:
        frame, facts = self.frame, self.facts
        type_labels, category_labels = frame.labels("category_type"), frame.labels("category")

        def type_verdict(indicator: int, kind: int) -> str | None:
            facts_i = self.indicator_at(indicator)
            if facts_i is None or kind < 0:
                return None
            allowed = tuple(b for b in facts_i.breakdowns if b != "sex")
            if type_labels[kind] in allowed:
                return None
            return "none" if not allowed else f"allowed: {', '.join(allowed)}"

        sex_labels = frame.labels("sex")

        def sex_verdict(indicator: int, sex: int) -> str | None:
            facts_i = self.indicator_at(indicator)
            if facts_i is None or sex < 0:
                return None
            if sex_labels[sex] not in SEXES or sex_labels[sex] == "Persons":
                return None  # Persons is always fine; other spellings are invalid-sex
            if "sex" in facts_i.breakdowns:
                return None
            return "Persons only; the plan does not split this indicator by sex"

        verdict, verdicts = self.pairs("indicator_id", "sex", sex_verdict)
        for k, expected in enumerate(verdicts):
            add_failures(
                self.log,
                frame,
                "invalid-breakdown",
                "sex",
                verdict == k,
                lambda p: frame.text_values("sex", p),
                expected=expected,
            )

        verdict, verdicts = self.pairs("indicator_id", "category_type", type_verdict)
        for k, expected in enumerate(verdicts):
            add_failures(
                self.log,
                frame,
                "invalid-breakdown",
                "category_type",
                verdict == k,
                lambda p: frame.text_values("category_type", p),
                expected=f"breakdowns of this indicator: {expected}",
            )
        bad_type = verdict >= 0

        def category_verdict(kind: int, category: int) -> str | None:
            if kind < 0 or category < 0:
                return None
            vocabulary = facts.categories.get(type_labels[kind])
            if vocabulary is None or category_labels[category] in vocabulary:
                return None
            return type_labels[kind]

        verdict, verdicts = self.pairs("category_type", "category", category_verdict)
        for k, kind in enumerate(verdicts):
            vocabulary = sorted(facts.categories[kind])
            shown = ", ".join(vocabulary[:12]) + (" …" if len(vocabulary) > 12 else "")
            add_failures(
                self.log,
                frame,
                "invalid-breakdown",
                "category",
                (verdict == k) & ~bad_type,
                lambda p: frame.text_values("category", p),
                expected=f"{kind}: {shown}",
            )
        return int(self.known.sum())

    # -- numbers against the definition -----------------------------------------------------

    def plausible_range(self) -> int:
        frame = self.frame
        low = self.per_indicator(
            lambda i: np.nan if i.plausible_min is None else i.plausible_min, np.nan
        ).astype(float)[self.slot]
        high = self.per_indicator(
            lambda i: np.nan if i.plausible_max is None else i.plausible_max, np.nan
        ).astype(float)[self.slot]
        values = frame.values("value")
        present = frame.present("value") & self.known
        with np.errstate(invalid="ignore"):
            bad = present & ((values < low) | (values > high))  # NaN bound: comparison False
        for k in np.unique(self.slot[bad]):
            facts_i = self.indicators[k]
            assert facts_i is not None  # only known indicators reach here
            expected = f"[{_bound(facts_i.plausible_min)}, {_bound(facts_i.plausible_max)}]"
            add_failures(
                self.log,
                frame,
                "value-out-of-range",
                "value",
                bad & (self.slot == k),
                number_values(frame, "value"),
                indicator=facts_i.id,
                expected=expected,
            )
        return int(present.sum())

    def counts(self) -> dict[str, int]:
        frame = self.frame
        proportion = self.per_indicator(lambda i: i.measure_type == "proportion", False).astype(
            bool
        )[self.slot]
        ratio = self.per_indicator(lambda i: i.measure_type in RATIO_MEASURES, False).astype(bool)[
            self.slot
        ]
        numerator, denominator = frame.values("numerator"), frame.values("denominator")
        both = frame.present("numerator") & frame.present("denominator")
        with np.errstate(invalid="ignore"):
            applicable = both & proportion & (numerator >= 0) & (denominator >= 0)
            exceeds = applicable & (numerator > denominator)
        add_failures(
            self.log,
            frame,
            "numerator-exceeds-denominator",
            "numerator",
            exceeds,
            lambda p: [
                f"{number_text(a)} > {number_text(b)}"
                for a, b in zip(numerator[p], denominator[p], strict=True)
            ],
        )

        multiplier = self.per_indicator(lambda i: float(i.multiplier), np.nan).astype(float)[
            self.slot
        ]
        decimals = self.per_indicator(lambda i: int(i.decimals), 0).astype(np.int64)[self.slot]
        values = frame.values("value")
        with np.errstate(invalid="ignore", divide="ignore"):
            consistent_applicable = (
                ratio
                & both
                & frame.present("value")
                & (denominator > 0)
                & (numerator >= 0)
                & ~exceeds
            )
            expected = numerator / denominator * multiplier
            # half a unit in the last published decimal, plus float noise
            tolerance = 0.5 * np.power(10.0, -decimals) + 1e-9 * np.abs(expected)
            inconsistent = consistent_applicable & (np.abs(values - expected) > tolerance)
        for k in np.unique(self.slot[inconsistent]):
            facts_i = self.indicators[k]
            assert facts_i is not None
            mask = inconsistent & (self.slot == k)
            add_failures(
                self.log,
                frame,
                "value-inconsistent-with-counts",
                "value",
                mask,
                lambda p: [
                    f"{number_text(v)} (counts give {e:.{d}f})"
                    for v, e, d in zip(values[p], expected[p], decimals[p], strict=True)
                ],
                expected=number_text(float(facts_i.multiplier)),
            )
        return {
            "numerator-exceeds-denominator": int(applicable.sum()),
            "value-inconsistent-with-counts": int(consistent_applicable.sum()),
        }

    def ci_missing(self) -> int:
        frame = self.frame
        has_ci = self.per_indicator(lambda i: i.ci_method != "none", False).astype(bool)
        wants = has_ci[self.slot] & frame.present("value") & self.known
        low_missing, high_missing = frame.is_empty("lower_ci"), frame.is_empty("upper_ci")
        for k in np.unique(self.slot[wants & (low_missing | high_missing)]):
            facts_i = self.indicators[k]
            assert facts_i is not None
            row_mask = wants & (self.slot == k)
            add_failures(
                self.log,
                frame,
                "ci-missing",
                "lower_ci",
                row_mask & low_missing,
                lambda p: [""] * len(p),
                indicator=facts_i.id,
                expected=facts_i.ci_method,
            )
            add_failures(
                self.log,
                frame,
                "ci-missing",
                "upper_ci",
                row_mask & high_missing & ~low_missing,
                lambda p: [""] * len(p),
                indicator=facts_i.id,
                expected=facts_i.ci_method,
            )
        return int(wants.sum())


def _bound(value: float | None) -> str:
    return "-∞" if value is None else number_text(float(value))


def pair_verdicts(
    a: np.ndarray, na: int, b: np.ndarray, nb: int, judge: Callable[[int, int], object | None]
) -> tuple[np.ndarray, np.ndarray]:
    """Judge each distinct pair of codes (``a`` in -1..na-1, ``b`` in -1..nb-1; -1 = empty)
    once. Returns per row the index of its verdict in the second array (-1 = no verdict) and
    the distinct verdicts (hashable, e.g. text).

    >>> rows, verdicts = pair_verdicts(
    ...     np.array([0, 0, 1]), 2, np.array([1, 1, 0]), 2, lambda i, j: "odd" if i else None
    ... )
    >>> rows.tolist(), verdicts.tolist()
    ([-1, -1, 0], ['odd'])
    """
    na, nb = na + 1, nb + 1
    pair = (a.astype(np.int64) + 1) * nb + (b + 1)
    if na * nb <= 1 << 24:
        present = np.flatnonzero(np.bincount(pair, minlength=na * nb))
        lookup = np.full(na * nb, -1, np.int32)
        verdicts: list[object] = []
        index: dict[object, int] = {}
        for p in present:
            verdict = judge(int(p // nb) - 1, int(p % nb) - 1)
            if verdict is not None:
                lookup[p] = index.setdefault(verdict, len(verdicts))
                if lookup[p] == len(verdicts):
                    verdicts.append(verdict)
        return lookup[pair], _objects(verdicts)
    distinct, inverse = np.unique(pair, return_inverse=True)
    verdicts, index, per_distinct = [], {}, np.full(len(distinct), -1, np.int32)
    for k, p in enumerate(distinct):
        verdict = judge(int(p // nb) - 1, int(p % nb) - 1)
        if verdict is not None:
            per_distinct[k] = index.setdefault(verdict, len(verdicts))
            if per_distinct[k] == len(verdicts):
                verdicts.append(verdict)
    return per_distinct[inverse.reshape(-1)], _objects(verdicts)


def _objects(items: list[object]) -> np.ndarray:
    # a 1-d object array even when the items are themselves sequences
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out
