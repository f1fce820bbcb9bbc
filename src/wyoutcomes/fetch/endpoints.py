"""Which Fingertips CSV responses a plan needs: one request per indicator and area type.

The public Fingertips API serves a whole indicator for one area type as CSV at
``/api/all_data/csv/by_indicator_id?indicator_ids=…&child_area_type_id=…&parent_area_type_id=…``
(docs/fetch.md cites the sources). A response holds England, the parent areas and every child
area; the plan keeps only its own areas.

Each plan area type maps to the Fingertips area type whose *children* are those areas; the
parent type is the level above, so that its rows come along. One response per (indicator, area
type) owns the rows of that area type, and the first response of an indicator also owns its
England rows, and a response's parent rows stand in for a request of their own: a row that
arrives in two responses (England is in every one) is stored once.

>>> from wyoutcomes.definitions import load_plan
>>> requests, unmapped = plan_requests(load_plan())
>>> suicide = [r for r in requests if r.indicator_id == "suicide-rate"]
>>> [(r.child_area_type_id, r.parent_area_type_id, r.owns) for r in suicide]
[(502, 6, ('local_authority', 'region', 'country')), (221, 15, ('stp_icb',))]
>>> suicide[0].url("https://fingertips.phe.org.uk/api")  # doctest: +NORMALIZE_WHITESPACE
'https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?indicator_ids=41001&child_area_type_id=502&parent_area_type_id=6&include_sortable_time_periods=yes'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

__all__ = [
    "AREA_TYPES",
    "DEFAULT_BASE_URL",
    "FingertipsAreaType",
    "FingertipsRequest",
    "plan_requests",
]

#: the public API root (https, as the Fingertips site serves it)
DEFAULT_BASE_URL = "https://fingertips.phe.org.uk/api"


@dataclass(frozen=True)
class FingertipsAreaType:
    """A Fingertips area type id for a plan area type, and the id of the level above it."""

    child: int
    parent: int
    name: str  # the name Fingertips gives the child area type, for messages and docs


#: plan area type → Fingertips area type. Ids as listed by the API's ``/api/area_types`` and
#: used in public scripts (docs/fetch.md); Fingertips renumbers local-authority types when
#: boundaries change (402 for April 2021 to March 2023, 502 from April 2023), so this table
#: is the one place to update. Area types the plan computes itself (places) or that
#: Fingertips does not publish (cancer alliances, combined authorities) are absent.
AREA_TYPES: dict[str, FingertipsAreaType] = {
    "local_authority": FingertipsAreaType(502, 6, "Counties & UAs (from Apr 2023)"),
    "sub_icb_ccg": FingertipsAreaType(66, 221, "Sub-ICB, former CCGs"),
    "stp_icb": FingertipsAreaType(221, 15, "ICBs"),
    "region": FingertipsAreaType(6, 15, "Regions"),
    # England alone: the region response carries the England rows too
    "country": FingertipsAreaType(6, 15, "England (with regions)"),
}
#: the order in which an indicator's requests are made (and so which owns England)
_ORDER = ("local_authority", "sub_icb_ccg", "stp_icb", "region", "country")
#: Fingertips parent area type id → the plan area type of its areas
_PARENT_TYPES = {6: "region", 221: "stp_icb"}


def _carrier(area_type: str, owners: dict[tuple[int, int], list[str]]) -> tuple[int, int] | None:
    """An already planned request that brings ``area_type``'s rows along: England comes with
    every response, and a parent type with its children's."""
    for key in owners:
        if area_type == "country" or _PARENT_TYPES.get(key[1]) == area_type:
            return key
    return None


@dataclass(frozen=True)
class FingertipsRequest:
    """One CSV response to fetch: a plan indicator at one Fingertips area type.

    ``owns`` are the plan area types whose rows this response supplies; rows of other area
    types in it are skipped (they come from the indicator's other responses, or the plan does
    not report them).
    """

    indicator_id: str
    fingertips_id: int
    child_area_type_id: int
    parent_area_type_id: int
    owns: tuple[str, ...]

    def url(self, base_url: str = DEFAULT_BASE_URL) -> str:
        """The request's URL under ``base_url``."""
        return f"{base_url.rstrip('/')}/{self.path()}"

    def path(self) -> str:
        """The path and query under the API root; the parameters in a fixed order, so that
        one request is one cache key whichever server answered it."""
        query = urlencode(
            {
                "indicator_ids": self.fingertips_id,
                "child_area_type_id": self.child_area_type_id,
                "parent_area_type_id": self.parent_area_type_id,
                "include_sortable_time_periods": "yes",
            }
        )
        return f"all_data/csv/by_indicator_id?{query}"


def plan_requests(plan: Any) -> tuple[list[FingertipsRequest], list[tuple[str, str]]]:
    """The requests for every plan indicator with a ``fingertips_id``, in plan order; and the
    (indicator, area type) pairs Fingertips cannot supply (reported, not silently dropped)."""
    requests: list[FingertipsRequest] = []
    unmapped: list[tuple[str, str]] = []
    for indicator in plan.indicators:
        fingertips_id = indicator.source.fingertips_id if indicator.source else None
        if fingertips_id is None:
            continue
        unmapped += [(indicator.id, t) for t in indicator.area_types if t not in AREA_TYPES]
        owners: dict[tuple[int, int], list[str]] = {}
        for area_type in (t for t in _ORDER if t in indicator.area_types):
            key = _carrier(area_type, owners)
            if key is None:
                fingertips = AREA_TYPES[area_type]
                key = (fingertips.child, fingertips.parent)
            owners.setdefault(key, []).append(area_type)
        requests += [
            FingertipsRequest(indicator.id, fingertips_id, child, parent, tuple(owned))
            for (child, parent), owned in owners.items()
        ]
    return requests, unmapped
