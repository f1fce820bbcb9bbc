"""Old names kept working for one release, each with a DeprecationWarning (see CHANGELOG.md).

>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     renamed_keywords("f", {"data": 1}, {"data": "values"})
{'values': 1}
>>> str(caught[0].message)
'f(data=...) is deprecated; call it f(values=...)'
"""

from __future__ import annotations

import warnings
from typing import Any

__all__ = ["plan_and_rules", "renamed_keywords"]


def renamed_keywords(
    where: str, given: dict[str, Any], renames: dict[str, str], stacklevel: int = 3
) -> dict[str, Any]:
    """The keywords ``given`` under their new names, warning once for each old name used.

    A keyword that is neither an old name raises ``TypeError``, as Python would.
    """
    out: dict[str, Any] = {}
    for old, value in given.items():
        if old not in renames:
            raise TypeError(f"{where}() got an unexpected keyword argument {old!r}")
        new = renames[old]
        warnings.warn(
            f"{where}({old}=...) is deprecated; call it {where}({new}=...)",
            DeprecationWarning,
            stacklevel=stacklevel,
        )
        out[new] = value
    return out


def plan_and_rules(
    where: str, plan: Any, plan_rules: bool, stacklevel: int = 3
) -> tuple[Any, bool]:
    """``(plan, plan_rules)`` with the old ``plan=False`` ("no plan rules") read as
    ``plan=None, plan_rules=False`` and a warning."""
    if plan is False:
        warnings.warn(
            f"{where}(plan=False) is deprecated; call it {where}(plan_rules=False)",
            DeprecationWarning,
            stacklevel=stacklevel,
        )
        return None, False
    return plan, plan_rules
