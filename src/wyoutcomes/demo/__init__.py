"""Demonstration data: the real published figures plus a seeded synthetic generator, and the
store and report `wyoutcomes demo` builds from them.

>>> from wyoutcomes.demo import synthetic_values
>>> len(synthetic_values(seed=1)) > 1000
True
"""

from __future__ import annotations

from wyoutcomes.demo.generator import DEMO_NOTE, synthetic_values
from wyoutcomes.demo.published import published_figures, published_path

__all__ = ["DEMO_NOTE", "published_figures", "published_path", "synthetic_values"]
