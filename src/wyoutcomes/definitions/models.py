"""The plan definition models: Plan → Ambition → Indicator and Target.

Strict pydantic v2 models: an unknown key is an error (``extra="forbid"``) and every model is
frozen, so a loaded plan cannot drift while a report is being built. The models check the shape
of each object on its own; checks that need the whole plan (a target's indicator exists, its
direction agrees with the indicator's polarity, periods parse, area codes exist …) live in
:mod:`wyoutcomes.definitions.consistency` and run when a plan is loaded. A :class:`Plan` reads
its targets' periods itself, in each indicator's period type, however it was built.

>>> band = Band(lo=0.8, hi=1.25)
>>> band.contains(1.0)
True
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    field_validator,
    model_validator,
)

from wyoutcomes.definitions.vocabulary import (
    CIMethod,
    CountBasis,
    FootprintChange,
    MeasureType,
    Polarity,
    ScopeType,
    Sex,
    TargetKind,
    Trajectory,
)
from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period, PeriodType

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Ambition",
    "AmbitionLink",
    "Band",
    "Baseline",
    "Citation",
    "Decision",
    "ExcludedPeriod",
    "Groups",
    "Indicator",
    "Milestone",
    "Plan",
    "PlausibleRange",
    "Revision",
    "Scope",
    "Source",
    "SourceDocument",
    "StatedAs",
    "StepChange",
    "Target",
]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_AREA_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{2,9}$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"[bad-slug] {value!r} is not a kebab-case slug (lower-case letters and digits "
            "joined by single "
            "hyphens, e.g. suicide-rate)"
        )
    return value


def _label(value: Any) -> Any:
    # YAML reads `deadline: 2024` as an int; a period label is text, so take the digits as written.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):  # YAML reads 2024-03-31 as a date
        raise ValueError(
            f"[not-a-period-label] {value.isoformat()} is a date; write a period label such as "
            "2023/24, 2024 or 2024-03"
        )
    return value


def _area_code(value: str) -> str:
    value = value.strip()
    if not _AREA_CODE.match(value):
        raise ValueError(
            f"[bad-area-code] {value!r} does not look like an area code (e.g. E08000032)"
        )
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("[empty-text] must not be empty")
    return value.strip()


Slug = Annotated[str, AfterValidator(_slug)]
Text = Annotated[str, AfterValidator(_text)]
PeriodLabel = Annotated[str, BeforeValidator(_label), AfterValidator(_text)]
AreaCode = Annotated[str, AfterValidator(_area_code)]
Number = Annotated[float, AfterValidator(lambda v: _finite(v))]


def time_point(label: str, period_type: PeriodType) -> Period:
    """A deadline or milestone: read as the indicator's period type when it fits, else as any
    period form (a deadline of "2024" for an indicator published as pooled years).

    >>> time_point("2024", PeriodType.CALENDAR_YEARS_POOLED).label
    '2024'
    """
    try:
        return Period.parse(label, period_type)
    except PeriodError:
        return Period.parse(label, None)


def _or_none(read: Any, *args: Any) -> Period | None:
    # a label that does not read stays unparsed here; check_plan reports it with the reason
    try:
        return read(*args)
    except PeriodError:
        return None


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("[not-finite] must be a finite number")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Citation(_Strict):
    """Where in the plan document a statement comes from: a page, or a section when the page is
    unknown (then say so in ``note``)."""

    page: Annotated[int, Field(ge=1)] | None = None
    section: Text | None = None
    #: the public page or document cited, when it is not the plan's own source document
    url: Text | None = None
    #: what could not be checked against the public source (absent: the statement was checked)
    unverified: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _page_or_section(self) -> Citation:
        if self.page is None and self.section is None:
            raise ValueError(
                "[missing-citation] give the page of the plan document, or its section heading"
            )
        return self


class SourceDocument(_Strict):
    """The published document a plan comes from."""

    title: Text
    url: Text | None = None
    note: Text | None = None


class Source(_Strict):
    """Who publishes an indicator, and its Fingertips id when one exists.

    A Fingertips id not checked against the Fingertips metadata must say so: ``verified: false``
    and a ``note`` on what is known.
    """

    publisher: Text
    url: Text | None = None
    fingertips_id: Annotated[int, Field(ge=1)] | None = None
    verified: StrictBool = False
    #: the public source the id and name were checked in (a URL or a named public document)
    verified_in: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _unverified_needs_note(self) -> Source:
        if self.fingertips_id is not None and not self.verified and self.note is None:
            raise ValueError(
                f"[unverified-fingertips-id] fingertips_id {self.fingertips_id} is not verified: "
                "add a note saying where the "
                "id comes from, or set verified: true once checked against Fingertips"
            )
        return self


class Band(_Strict):
    """A closed interval of acceptable values, e.g. a WRES ratio within 0.8–1.25."""

    lo: Number
    hi: Number

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if not self.lo < self.hi:
            raise ValueError(f"[band-order] lo ({self.lo:g}) must be below hi ({self.hi:g})")
        return self

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in the band (ends included)."""
        return self.lo <= value <= self.hi


class PlausibleRange(_Strict):
    """Values outside this range are almost certainly errors (checked on submission)."""

    min: Number
    max: Number

    @model_validator(mode="after")
    def _ordered(self) -> PlausibleRange:
        if not self.min < self.max:
            raise ValueError(f"[range-order] min ({self.min:g}) must be below max ({self.max:g})")
        return self


class ExcludedPeriod(_Strict):
    """A period whose values are not comparable with the rest of the series (a series break).

    Its values are shown and flagged but never enter a trend, a projection, a control chart or
    a verdict. The label may be of any period type: every value whose period overlaps it is
    excluded (a calendar year "2020" excludes the pooled periods 2018 - 20, 2019 - 21 and
    2020 - 22).

    >>> ExcludedPeriod(period=2020, reason="registrations delayed by inquests").period
    '2020'
    """

    period: PeriodLabel
    reason: Text


class StepChange(_Strict):
    """A declared change in the process (a new definition, a new service) after which a control
    chart's limits are recalculated: the first period of the new process, and why."""

    period: PeriodLabel
    reason: Text


class Indicator(_Strict):
    """One measure the plan is judged by.

    >>> Indicator.model_json_schema()["properties"]["polarity"]["$ref"]
    '#/$defs/Polarity'
    """

    id: Slug
    name: Text
    definition: Text
    unit: Text
    measure_type: MeasureType
    multiplier: Annotated[float, Field(gt=0)] = 1.0
    polarity: Polarity
    band: Band | None = None
    period_type: PeriodType
    area_types: Annotated[list[Text], Field(min_length=1)]
    breakdowns: list[Text] = Field(default_factory=list)
    source: Source
    ci_method: CIMethod
    plausible_range: PlausibleRange
    decimals: Annotated[int, Field(ge=0, le=6)]
    #: months from the end of a period to its first publication; with the plan's date it fixes
    #: the baseline of a target that names no period (docs/progress.md, rule 1)
    publication_lag_months: Annotated[int, Field(ge=0, le=60)] | None = None
    excluded_periods: list[ExcludedPeriod] = Field(default_factory=list)
    step_changes: list[StepChange] = Field(default_factory=list)
    note: Text | None = None

    @field_validator("area_types")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        repeated = sorted({v for v in value if value.count(v) > 1})
        if repeated:
            raise ValueError(f"[repeated-item] lists {', '.join(repeated)} more than once")
        return value

    @model_validator(mode="after")
    def _breaks_parse(self) -> Indicator:
        # a series break or step change is read in the indicator's period type when it fits,
        # otherwise as any label ("2020" for a pooled indicator): it must be one or the other
        for key, items in (("excluded_periods", self.excluded_periods),
                           ("step_changes", self.step_changes)):  # fmt: skip
            for item in items:
                try:
                    Period.parse(item.period, self.period_type)
                except PeriodError:
                    try:
                        Period.parse(item.period)
                    except PeriodError as exc:
                        raise ValueError(f"[bad-period] {key}: {exc}") from None
        return self


class Baseline(_Strict):
    """The starting point of a target: a period and a published value with its source, or a
    period whose value is read from the data (``value`` omitted).

    ``by_area`` gives published values for individual areas of the target's scope.
    """

    period: PeriodLabel | None = None
    value: Number | None = None
    by_area: dict[AreaCode, Number] | None = None
    unit: Text | None = None
    source: Text | None = None
    note: Text | None = None
    _period: Period | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _published_needs_source(self) -> Baseline:
        if (self.value is not None or self.by_area) and self.source is None:
            raise ValueError(
                "[baseline-needs-source] a published baseline value needs its source "
                "(publisher, page)"
            )
        if (self.value is not None or self.by_area) and self.period is None:
            raise ValueError("[baseline-needs-period] a baseline value needs the period it is for")
        return self

    @property
    def from_data(self) -> bool:
        """True when no value is declared: the value is read from the submitted data."""
        return self.value is None and not self.by_area

    @property
    def period_obj(self) -> Period | None:
        """The parsed :class:`wyoutcomes.periods.Period` (None when no period is declared)."""
        return self._period

    def value_for(self, area_code: str | None) -> float | None:
        """The declared baseline for ``area_code`` (the scope-wide value when not listed)."""
        if self.by_area and area_code in self.by_area:
            return self.by_area[area_code]
        return self.value


def _baseline(value: Any) -> Any:
    # `baseline: from_data` is the short form of "read both period and value from the data".
    if value == "from_data":
        return {}
    return value


class Milestone(_Strict):
    """A point the trajectory must pass through: the expected value at the end of ``period``."""

    period: PeriodLabel
    value: Number
    note: Text | None = None
    _period: Period | None = PrivateAttr(default=None)

    @property
    def period_obj(self) -> Period | None:
        """The parsed :class:`wyoutcomes.periods.Period`."""
        return self._period


class Scope(_Strict):
    """Where a target applies: the whole partnership, named places, or targeted areas.

    ``areas`` may be left out for ``partnership`` (the plan's own area) and ``places`` (all the
    plan's places).
    """

    type: ScopeType
    areas: list[AreaCode] | None = None
    note: Text | None = None


class Groups(_Strict):
    """The two groups whose gap a ``gap_reduction`` target narrows (``comparison`` minus
    ``reference``), e.g. the most against the least deprived decile."""

    category_type: Text
    comparison: Text
    reference: Text


class StatedAs(_Strict):
    """The same target stated another way, e.g. a 5% cut in a 10-year gap "is six months".

    ``amount`` is given in ``unit`` and rounded to ``rounded_to``; with the ``baseline_value``
    (in the indicator's unit) it must agree with the target's ``change`` to within that rounding.
    """

    amount: Number
    unit: Text
    baseline_value: Number
    rounded_to: Annotated[float, Field(gt=0)] = 1.0
    note: Text | None = None


class Revision(_Strict):
    """The promise of the superseded plan version that a target replaces, and why.

    >>> Revision(target="a5-suicide-10pc", reason="new strategy period 2022-27").target
    'a5-suicide-10pc'
    """

    target: Slug
    reason: Text
    #: where the revision is published (URL or document and page), when not the plan's own
    source: Text | None = None


class Decision(_Strict):
    """Who adopted a plan version, when, and where that decision can be read."""

    body: Text
    decided_on: date | None = None
    reference: Text
    note: Text | None = None


class AmbitionLink(_Strict):
    """One line of the ambition crosswalk: the superseded version's ambition ``previous`` is
    this version's ambition ``current`` (None: not carried forward).

    >>> AmbitionLink(previous=4, current=2).current
    2
    """

    previous: Annotated[int, Field(ge=1)]
    current: Annotated[int, Field(ge=1)] | None = None
    note: Text | None = None


class Target(_Strict):
    """One promise of the plan about one indicator."""

    id: Slug
    indicator: Slug
    kind: TargetKind
    description: Text | None = None
    sex: Sex = Sex.PERSONS
    baseline: Annotated[Baseline, BeforeValidator(_baseline)] = Field(default_factory=Baseline)
    change: Number | None = None
    value: Number | None = None
    unit: Text | None = None
    deadline: PeriodLabel
    scope: Scope = Field(default_factory=lambda: Scope(type=ScopeType.PARTNERSHIP))
    groups: Groups | None = None
    milestones: list[Milestone] = Field(default_factory=list)
    trajectory: Trajectory = Trajectory.LINEAR
    stated_as: list[StatedAs] = Field(default_factory=list)
    #: count_increase only: `per_year` (each year against the baseline year) or `cumulative`
    count_basis: CountBasis | None = None
    note: Text | None = None
    revises: Revision | None = None
    footprint_change: FootprintChange | None = None
    #: who answers for this target to the board (a role or a group, not a person's contact
    #: details); shown as the owner in the report's summary table, "not stated" when absent
    lead: Text | None = None
    _deadline: Period | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _count_basis_for_counts(self) -> Target:
        if self.count_basis is not None and self.kind != TargetKind.COUNT_INCREASE:
            raise ValueError(
                f"[count-basis-not-a-count] count_basis is for count_increase targets, not "
                f"{self.kind.value}"
            )
        return self

    @property
    def deadline_period(self) -> Period | None:
        """The parsed deadline (:class:`wyoutcomes.periods.Period`)."""
        return self._deadline

    def _read_periods(self, period_type: PeriodType) -> None:
        """Read the baseline, deadline and milestone periods in the indicator's period type.

        Called by :class:`Plan`'s validator while the plan is being built (the periods are
        private attributes of these frozen models, filled once, before anyone reads them).
        """
        if self.baseline.period is not None:
            self.baseline._period = _or_none(Period.parse, self.baseline.period, period_type)
        self._deadline = _or_none(time_point, self.deadline, period_type)
        for milestone in self.milestones:
            milestone._period = _or_none(time_point, milestone.period, period_type)

    def target_value(self, baseline_value: float | None = None) -> float | None:
        """The value to reach by the deadline, when it follows from what is declared.

        For ``count_increase`` this is the number of extra people (cumulative since the baseline
        year), not the baseline count plus that number.

        >>> t = Target(id="t", indicator="i", kind="relative_change", change=-0.1,
        ...            deadline="2024", baseline={"period": "2019", "value": 10, "source": "s"})
        >>> round(t.target_value(), 6)
        9.0
        """
        base = self.baseline.value if baseline_value is None else baseline_value
        if self.value is not None:
            return self.value
        if self.kind in (TargetKind.RELATIVE_CHANGE, TargetKind.GAP_REDUCTION):
            if base is None or self.change is None:
                return None
            return base * (1.0 + self.change)
        if self.kind == TargetKind.COUNT_INCREASE:
            # the extra people counted over the years after the baseline year, summed (the
            # progress engine judges the running total against this number, not one year's count)
            return self.change
        if self.kind == TargetKind.HALT_TREND:
            return base
        return None


class Ambition(_Strict):
    """One of the plan's ambitions: our own-words statement, where the plan says it, and the
    indicators and targets that measure it."""

    number: Annotated[int, Field(ge=1, le=99)]  # a plan has about ten ambitions
    slug: Slug
    title: Text
    statement: Text
    cites: Citation
    indicators: list[Indicator] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    note: Text | None = None

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator of this ambition with id ``indicator_id`` (KeyError when absent)."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)


class Plan(_Strict):
    """A partnership's plan: its ambitions in order, each with indicators and targets.

    Load one with :func:`wyoutcomes.load_plan`; the loader checks the whole plan for consistency.
    A plan built directly is complete too: its targets' periods are read as it is built.
    """

    id: Slug
    title: Text
    publisher: Text
    published: date
    source_document: SourceDocument
    version: Text
    area: AreaCode | None = None
    places: list[AreaCode] = Field(default_factory=list)
    description: Text | None = None
    ambitions: Annotated[list[Ambition], Field(min_length=1)]
    #: the id of the plan version this one replaces (docs/definitions.md, "Plan versions")
    supersedes: Slug | None = None
    #: the first day this version's promises are in force (default: ``published``)
    effective_from: date | None = None
    decision: Decision | None = None
    ambition_crosswalk: list[AmbitionLink] = Field(default_factory=list)
    _folder: str | None = PrivateAttr(default=None)
    _sha256: str | None = PrivateAttr(default=None)

    @property
    def in_force_from(self) -> date:
        """The first day this version is in force: ``effective_from``, else ``published``."""
        return self.effective_from or self.published

    @property
    def sha256(self) -> str | None:
        """The SHA-256 of the plan's files as loaded (None for a plan not read from files)."""
        return self._sha256

    @property
    def folder(self) -> str | None:
        """The folder the plan was read from (None for a plan not read from files)."""
        return self._folder

    def target(self, target_id: str) -> Target:
        """The target with id ``target_id`` (KeyError when absent)."""
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(f"plan {self.id!r} has no target {target_id!r}")

    @model_validator(mode="after")
    def _read_periods(self) -> Plan:
        # each target's periods are read in its indicator's period type (the first indicator
        # of that id, as check_plan reads it); a target of an unknown indicator has none
        period_types: dict[str, PeriodType] = {}
        for indicator in self.indicators:
            period_types.setdefault(indicator.id, indicator.period_type)
        for target in self.targets:
            if target.indicator in period_types:
                target._read_periods(period_types[target.indicator])
        return self

    @property
    def indicators(self) -> list[Indicator]:
        """Every indicator, in ambition order then file order."""
        return [i for a in self.ambitions for i in a.indicators]

    @property
    def targets(self) -> list[Target]:
        """Every target, in ambition order then file order."""
        return [t for a in self.ambitions for t in a.targets]

    def ambition(self, number: int) -> Ambition:
        """The ambition numbered ``number`` (KeyError naming the numbers there are)."""
        for ambition in self.ambitions:
            if ambition.number == number:
                return ambition
        numbers = ", ".join(str(a.number) for a in self.ambitions)
        raise KeyError(f"plan {self.id!r} has no ambition {number} (it has {numbers})")

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with id ``indicator_id`` (KeyError naming close ids when absent)."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(f"plan {self.id!r} has no indicator {indicator_id!r}")

    def ambition_of(self, target: Target) -> Ambition:
        """The ambition that declares ``target``."""
        for ambition in self.ambitions:
            if any(t is target for t in ambition.targets):
                return ambition
        raise KeyError(target.id)

    def scope_areas(self, target: Target) -> list[str | None]:
        """The area codes a target applies to (``[None]`` when its scope names none)."""
        if target.scope.areas:
            return list(target.scope.areas)
        if target.scope.type == ScopeType.PLACES and self.places:
            return list(self.places)
        if target.scope.type == ScopeType.PARTNERSHIP and self.area:
            return [self.area]
        return [None]

    def to_frame(self) -> pd.DataFrame:
        """One row per target × area of its scope (see docs/definitions.md for the columns)."""
        from wyoutcomes.definitions.table import plan_frame

        return plan_frame(self)

    def __repr__(self) -> str:
        """One line: the plan's id, version and size (the models are attributes to look at).

        >>> from wyoutcomes import load_plan
        >>> load_plan()  # doctest: +ELLIPSIS
        Plan('wyh-2019', version '...', 10 ambitions, ... indicators, ... targets)
        """
        return (
            f"Plan({self.id!r}, version {self.version!r}, {len(self.ambitions)} ambitions, "
            f"{len(self.indicators)} indicators, {len(self.targets)} targets)"
        )

    def _repr_html_(self) -> str:
        """A notebook's view: the title, then one row per ambition with its targets."""
        import html

        rows = "".join(
            f"<tr><td>{a.number}</td><td>{html.escape(a.title)}</td>"
            f"<td>{len(a.indicators)}</td><td>{len(a.targets)}</td></tr>"
            for a in self.ambitions
        )
        return (
            f"<p><strong>{html.escape(self.title)}</strong> "
            f"({html.escape(self.publisher)}, {self.published.isoformat()}, "
            f"version {html.escape(self.version)})</p>"
            "<table><thead><tr><th>#</th><th>ambition</th><th>indicators</th><th>targets</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
