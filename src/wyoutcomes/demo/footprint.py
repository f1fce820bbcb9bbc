"""The demo's population: small "atoms" whose counts add up to every area the plan reports at.

Counts are drawn once per atom and summed into areas, so a place, its CCG(s), the partnership
and the Cancer Alliance always agree with each other, as real registers do. Bradford and Kirklees
are split into the CCGs they had until March 2020; after that the merged CCGs carry the same
atoms. Populations are rounded ONS mid-2019 estimates (approximate: demonstration only).

>>> sorted(AREAS["E54000054"])
['BDC-02N', 'BDC-02R', 'BDC-02W', 'CAL', 'KIR-03A', 'KIR-03J', 'LDS', 'WAK']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["AREAS", "ATOMS", "Atom", "decile_shares"]


@dataclass(frozen=True)
class Atom:
    """A piece of population the demo draws counts for.

    ``deprivation`` runs from -1 (affluent) to 1 (deprived): it skews the atom's population
    across the ten deprivation deciles and moves its rates along each indicator's gradient.
    """

    name: str
    population: int
    deprivation: float


# Bradford District and Craven's CCGs and Kirklees' two CCGs share their district's population
# in rough proportion; Harrogate is the district. England is its own atom (a comparator).
ATOMS: tuple[Atom, ...] = (
    Atom("BDC-02N", 160_000, 0.0),
    Atom("BDC-02W", 115_000, 0.9),
    Atom("BDC-02R", 335_000, 0.5),
    Atom("CAL", 211_000, 0.3),
    Atom("HAR", 161_000, -0.6),
    Atom("KIR-03A", 243_000, 0.1),
    Atom("KIR-03J", 197_000, 0.4),
    Atom("LDS", 793_000, 0.2),
    Atom("WAK", 348_000, 0.3),
    Atom("ENG", 56_287_000, 0.0),
)

_BDC = ("BDC-02N", "BDC-02W", "BDC-02R")
_KIR = ("KIR-03A", "KIR-03J")
_WY = (*_BDC, "CAL", *_KIR, "LDS", "WAK")

#: area code -> the atoms whose counts it adds up (codes from wyoutcomes.geography)
AREAS: dict[str, tuple[str, ...]] = {
    "E92000001": ("ENG",),
    "E54000005": (*_WY, "HAR"),
    "E54000054": _WY,
    "E56000030": (*_WY, "HAR"),
    # the Local Maternity and Neonatal System keeps West Yorkshire and Harrogate after 2022
    "WYHLMNS": (*_WY, "HAR"),
    "E08000032": _BDC,
    "E08000033": ("CAL",),
    "E08000034": _KIR,
    "E08000035": ("LDS",),
    "E08000036": ("WAK",),
    "E07000165": ("HAR",),
    "E38000001": ("BDC-02N",),
    "E38000018": ("BDC-02W",),
    "E38000019": ("BDC-02R",),
    "E38000064": ("KIR-03A",),
    "E38000121": ("KIR-03J",),
    "E38000073": ("HAR",),
    "E38000232": _BDC,
    "E38000254": _KIR,
    "E38000025": ("CAL",),
    "E38000225": ("LDS",),
    "E38000190": ("WAK",),
    "WYHBDC": _BDC,
    "WYHCAL": ("CAL",),
    "WYHHAR": ("HAR",),
    "WYHKIR": _KIR,
    "WYHLDS": ("LDS",),
    "WYHWAK": ("WAK",),
}


def decile_shares(deprivation: np.ndarray) -> np.ndarray:
    """Share of each atom's population in deprivation deciles 1 (most deprived) … 10.

    >>> decile_shares(np.array([0.0])).round(3).tolist()
    [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]]
    """
    position = (np.arange(10) - 4.5) / 4.5  # -1 for decile 1 … +1 for decile 10
    weight = np.exp(-1.5 * np.asarray(deprivation, float)[:, None] * position[None, :])
    return weight / weight.sum(axis=1, keepdims=True)
