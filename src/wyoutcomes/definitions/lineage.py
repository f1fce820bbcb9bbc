"""Plan versions and their lineage: which plan replaced which, from when, and what each revised.

A partnership restates its promises: the West Yorkshire and Harrogate Five Year Plan (2019)
was followed by the West Yorkshire integrated care strategy (2023) with the Joint Forward Plan
measures (2024), which renumbered the ambitions and re-dated several targets. Each version is
its own plan folder; a later version names the one it ``supersedes``, the day it is in force
from (``effective_from``), the ``decision`` that adopted it, an ``ambition_crosswalk`` for
renumbered ambitions, and for each target that replaces an earlier promise, the target it
``revises`` and why.

A :class:`PlanFamily` is the chain of versions, oldest first. ``family.in_force(day)`` is the
version whose promises held on that day, so a quarter is always judged against the promise in
force when it ended, and editing a later version never changes an earlier quarter's verdict.

>>> family = bundled_family()
>>> [p.id for p in family.versions]
['wyh-2019', 'wy-2023']
>>> family.in_force("2023/24 Q4").id, family.in_force("2024/25 Q2").id
('wyh-2019', 'wy-2023')
>>> family.crosswalk(4, "wyh-2019", "wy-2023")
2
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wyoutcomes.definitions.models import Plan, Target
from wyoutcomes.definitions.problems import Loc, Problem, raise_problems
from wyoutcomes.errors import DefinitionError, PeriodError
from wyoutcomes.periods import Period

__all__ = [
    "PlanFamily",
    "RevisedPromise",
    "bundled_family",
    "bundled_plans_dir",
    "check_version",
    "family_of",
    "load_family",
    "load_plans",
    "plan_files_sha256",
]

Finding = tuple[Loc, str, str]


def plan_files_sha256(files: Sequence[Path], root: Path) -> str:
    """SHA-256 over a plan's files: each file's name relative to ``root`` and its bytes, in name
    order, so the same files give the same hash on any machine.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "plan.yaml").write_bytes(b"id: x\\n")
    ...     plan_files_sha256([Path(d) / "plan.yaml"], Path(d))[:12]
    '08993fecbe72'
    """
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        name = path.relative_to(root).as_posix().encode("utf-8")
        content = path.read_bytes()
        # lengths first, so that no two different sets of files give the same byte stream
        digest.update(f"{len(name)}:{len(content)}:".encode("ascii"))
        digest.update(name)
        digest.update(content)
    return digest.hexdigest()


def check_version(plan: Plan) -> Iterator[Finding]:
    """Lineage rules that need only this version (the loader runs them with the others)."""
    if plan.supersedes is not None and plan.supersedes == plan.id:
        yield (("supersedes",), "supersedes-itself", f"plan {plan.id!r} cannot supersede itself")
    if plan.supersedes is not None and plan.effective_from is None:
        yield (
            ("effective_from",),
            "missing-effective-from",
            f"a version that supersedes {plan.supersedes!r} must say from which day it is in "
            "force (effective_from: YYYY-MM-DD)",
        )
    if plan.supersedes is None and plan.ambition_crosswalk:
        yield (
            ("ambition_crosswalk",),
            "crosswalk-without-predecessor",
            "an ambition crosswalk maps the superseded version's numbers; this plan supersedes "
            "nothing",
        )
    numbers = {a.number for a in plan.ambitions}
    seen: set[int] = set()
    for l_i, link in enumerate(plan.ambition_crosswalk):
        loc: Loc = ("ambition_crosswalk", l_i)
        if link.previous in seen:
            yield (
                (*loc, "previous"),
                "crosswalk-repeated",
                f"ambition {link.previous} of the superseded version is mapped twice",
            )
        seen.add(link.previous)
        if link.current is not None and link.current not in numbers:
            yield (
                (*loc, "current"),
                "crosswalk-unknown-ambition",
                f"this plan has no ambition {link.current} (it has "
                f"{', '.join(str(n) for n in sorted(numbers))})",
            )
    for a_i, ambition in enumerate(plan.ambitions):
        for t_i, target in enumerate(ambition.targets):
            if target.revises is not None and plan.supersedes is None:
                yield (
                    ("ambitions", a_i, "targets", t_i, "revises"),
                    "revises-without-predecessor",
                    f"target {target.id!r} revises {target.revises.target!r}, but the plan "
                    "supersedes no earlier version (add supersedes: <plan id>)",
                )


@dataclass(frozen=True)
class RevisedPromise:
    """A promise of one version and the promise of the next version that replaced it."""

    earlier: Plan
    earlier_target: Target
    later: Plan
    later_target: Target
    reason: str


def _day(when: date | str | Period) -> date:
    """A day, or the last day of a period label such as ``2024/25 Q2``."""
    if isinstance(when, Period):
        return when.end
    if isinstance(when, date):
        return when
    try:
        return date.fromisoformat(when)
    except ValueError:
        pass
    try:
        return Period.parse(when).end
    except PeriodError as exc:
        raise DefinitionError(
            f"{when!r} is neither a date (YYYY-MM-DD) nor a period label: {exc}"
        ) from exc


@dataclass(frozen=True)
class PlanFamily:
    """The versions of one plan, oldest first, each superseding the one before.

    Build one with :func:`load_family`, :func:`load_plans` or :func:`bundled_family`; they check
    the lineage rules, so a family's versions always form one chain in date order.
    """

    versions: tuple[Plan, ...]

    @property
    def latest(self) -> Plan:
        """The newest version."""
        return self.versions[-1]

    def in_force(self, when: date | str | Period) -> Plan:
        """The version in force on ``when``: a date, or a period (its last day counts), e.g.
        the quarter being judged. Before the first version, the first version."""
        day = _day(when)
        chosen = self.versions[0]
        for plan in self.versions:
            if plan.in_force_from <= day:
                chosen = plan
        return chosen

    def version(self, key: str) -> Plan:
        """The version whose ``version`` text or plan id is ``key`` (DefinitionError naming the
        versions there are)."""
        for plan in self.versions:
            if key in (plan.version, plan.id):
                return plan
        known = ", ".join(f"{p.version} ({p.id})" for p in self.versions)
        raise DefinitionError(f"no plan version {key!r} in this lineage (it has: {known})")

    def predecessor(self, plan: Plan) -> Plan | None:
        """The version ``plan`` supersedes (None for the first)."""
        index = self._index(plan)
        return self.versions[index - 1] if index > 0 else None

    def successor(self, plan: Plan) -> Plan | None:
        """The version that supersedes ``plan`` (None for the latest)."""
        index = self._index(plan)
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def in_force_until(self, plan: Plan) -> date | None:
        """The last day ``plan`` is in force (None while it is the latest)."""
        following = self.successor(plan)
        if following is None:
            return None
        return date.fromordinal(following.in_force_from.toordinal() - 1)

    def _index(self, plan: Plan) -> int:
        for i, version in enumerate(self.versions):
            if version.id == plan.id:
                return i
        raise KeyError(f"plan {plan.id!r} is not a version of this lineage")

    def revisions(self) -> list[RevisedPromise]:
        """Every target that revises a promise of the version before it, in version then plan
        order."""
        out: list[RevisedPromise] = []
        for earlier, later in zip(self.versions[:-1], self.versions[1:], strict=True):
            for target in later.targets:
                if target.revises is not None:
                    out.append(
                        RevisedPromise(
                            earlier,
                            earlier.target(target.revises.target),
                            later,
                            target,
                            target.revises.reason,
                        )
                    )
        return out

    def crosswalk(self, number: int, from_id: str, to_id: str) -> int | None:
        """The number ``to_id``'s version gives the ambition numbered ``number`` in
        ``from_id``'s (None when it was not carried forward). Walks the chain either way; an
        ambition a crosswalk does not list keeps its number."""
        start, end = self._index(self.version(from_id)), self._index(self.version(to_id))
        current: int | None = number
        step = 1 if end >= start else -1
        for i in range(start, end, step):
            later = self.versions[i + 1] if step == 1 else self.versions[i]
            links = later.ambition_crosswalk
            if current is None:
                return None
            if step == 1:
                mapped = [link.current for link in links if link.previous == current]
            else:
                mapped = [link.previous for link in links if link.current == current]
            if mapped:
                current = mapped[0]
            elif step == 1 and any(link.current == current for link in links):
                return None  # the number now belongs to another ambition
        return current


def _folder_of(plan: Plan) -> Path:
    return Path(plan.folder) if plan.folder else Path(plan.id)


def _ambition_file(plan: Plan, a_i: int) -> str:
    from wyoutcomes.definitions.loader import ambition_files

    folder = _folder_of(plan)
    try:
        return str(ambition_files(folder)[a_i])
    except (OSError, IndexError):
        return str(folder)


def _plan_file(plan: Plan) -> str:
    from wyoutcomes.definitions.loader import PLAN_FILE

    return str(_folder_of(plan) / PLAN_FILE)


def _chain_problems(plans: Sequence[Plan]) -> tuple[list[Problem], list[list[Plan]]]:
    """Check the lineage rules across ``plans``; return the problems and the chains found
    (each oldest first)."""
    problems: list[Problem] = []
    by_id: dict[str, Plan] = {}
    for plan in plans:
        if plan.id in by_id:
            problems.append(
                Problem(
                    _plan_file(plan),
                    ("id",),
                    "duplicate-plan-id",
                    f"plan id {plan.id!r} is also used by {_plan_file(by_id[plan.id])}",
                )
            )
            continue
        by_id[plan.id] = plan
    children: dict[str, list[Plan]] = {}
    for plan in by_id.values():
        if plan.supersedes is None or plan.supersedes == plan.id:
            continue
        if plan.supersedes not in by_id:
            close = difflib.get_close_matches(plan.supersedes, sorted(by_id), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                Problem(
                    _plan_file(plan),
                    ("supersedes",),
                    "unknown-predecessor",
                    f"no plan {plan.supersedes!r} was loaded beside it (plans: "
                    f"{', '.join(sorted(by_id))}){hint}",
                )
            )
            continue
        children.setdefault(plan.supersedes, []).append(plan)
    for plan in by_id.values():
        seen = [plan.id]
        step = plan
        while step.supersedes in by_id and step.supersedes != step.id:
            step = by_id[step.supersedes]
            if step.id in seen:
                # report the cycle once, from its smallest id
                if step.id == plan.id and plan.id == min(seen):
                    problems.append(
                        Problem(
                            _plan_file(plan),
                            ("supersedes",),
                            "lineage-cycle",
                            "the versions supersede each other in a circle: "
                            + " → ".join([*seen, plan.id]),
                        )
                    )
                break
            seen.append(step.id)
    for parent_id, kids in sorted(children.items()):
        if len(kids) > 1:
            names = ", ".join(sorted(k.id for k in kids))
            for kid in kids:
                problems.append(
                    Problem(
                        _plan_file(kid),
                        ("supersedes",),
                        "overlapping-versions",
                        f"{names} all supersede {parent_id!r}, so two versions would be in "
                        "force at once; let one supersede the other",
                    )
                )
        parent = by_id[parent_id]
        for kid in kids:
            if kid.in_force_from <= parent.in_force_from:
                problems.append(
                    Problem(
                        _plan_file(kid),
                        ("effective_from",),
                        "effective-not-after-predecessor",
                        f"{kid.id!r} is in force from {kid.in_force_from.isoformat()}, not after "
                        f"the version it supersedes ({parent.id!r}, in force from "
                        f"{parent.in_force_from.isoformat()})",
                    )
                )
            problems += _revision_problems(parent, kid)
    chains: list[list[Plan]] = []
    if not problems:
        for root in (p for p in by_id.values() if p.supersedes is None):
            chain = [root]
            while chain[-1].id in children:
                chain.append(children[chain[-1].id][0])
            chains.append(chain)
    return problems, chains


def _revision_problems(earlier: Plan, later: Plan) -> Iterator[Problem]:
    earlier_targets = {t.id for t in earlier.targets}
    numbers = {a.number for a in earlier.ambitions}
    for l_i, link in enumerate(later.ambition_crosswalk):
        if link.previous not in numbers:
            yield Problem(
                _plan_file(later),
                ("ambition_crosswalk", l_i, "previous"),
                "crosswalk-unknown-ambition",
                f"{earlier.id!r} has no ambition {link.previous} (it has "
                f"{', '.join(str(n) for n in sorted(numbers))})",
            )
    for a_i, ambition in enumerate(later.ambitions):
        for t_i, target in enumerate(ambition.targets):
            if target.revises is None or target.revises.target in earlier_targets:
                continue
            close = difflib.get_close_matches(target.revises.target, sorted(earlier_targets), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Problem(
                _ambition_file(later, a_i),
                ("targets", t_i, "revises", "target"),
                "revises-unknown-target",
                f"{earlier.id!r}, the version this plan supersedes, has no target "
                f"{target.revises.target!r}{hint}",
                ("ambitions", a_i, "targets", t_i, "revises", "target"),
            )


def _load_all(paths: Iterable[str | os.PathLike[str]]) -> list[Plan]:
    from wyoutcomes.definitions.loader import load_plan

    return [load_plan(path) for path in paths]


def load_family(paths: Iterable[str | os.PathLike[str]]) -> PlanFamily:
    """Load the plan folders ``paths`` as the versions of one plan and check their lineage.

    Raises :class:`DefinitionError` naming the file, key and rule for every problem, and when
    the folders are not one chain.
    """
    plans = _load_all(paths)
    if not plans:
        raise DefinitionError("no plan folders given")
    problems, chains = _chain_problems(plans)
    raise_problems(problems, "the plan versions")
    if len(chains) != 1:
        listed = "; ".join(" → ".join(p.id for p in chain) for chain in chains)
        raise DefinitionError(
            f"the plan folders form {len(chains)} separate lineages ({listed}), not one; "
            "name the version each one supersedes [not-one-lineage]"
        )
    return PlanFamily(tuple(chains[0]))


def _plan_folders(folder: Path) -> list[Path]:
    from wyoutcomes.definitions.loader import PLAN_FILE

    return sorted(p for p in folder.iterdir() if p.is_dir() and (p / PLAN_FILE).is_file())


def load_plans(folder: str | os.PathLike[str]) -> list[PlanFamily]:
    """Every plan folder inside ``folder``, grouped into lineages (ordered by their first
    version's id); lineage problems raise :class:`DefinitionError`."""
    root = Path(folder)
    if not root.is_dir():
        raise DefinitionError(f"{root}: no such folder of plans")
    plans = _load_all(_plan_folders(root))
    if not plans:
        raise DefinitionError(f"{root}: holds no plan folders (folders with a plan.yaml)")
    problems, chains = _chain_problems(plans)
    raise_problems(problems, str(root))
    return [PlanFamily(tuple(chain)) for chain in sorted(chains, key=lambda c: c[0].id)]


def family_of(path: str | os.PathLike[str]) -> PlanFamily:
    """The lineage of the plan folder ``path``, read from the plan folders beside it."""
    from wyoutcomes.definitions.loader import PLAN_FILE

    folder = Path(path)
    if folder.is_file() and folder.name == PLAN_FILE:
        folder = folder.parent
    if not (folder / PLAN_FILE).is_file():
        from wyoutcomes.definitions.loader import load_plan

        load_plan(folder)  # raises the loader's own error for a missing or broken folder
    resolved = folder.resolve()
    for family in load_plans(resolved.parent):
        if any(Path(p.folder or "").resolve() == resolved for p in family.versions):
            return family
    raise DefinitionError(f"{folder}: not found among the plans beside it")  # pragma: no cover


def bundled_plans_dir() -> Path:
    """The folder of the bundled plans (inside the installed wheel, or the checkout's
    ``indicators/``)."""
    from wyoutcomes.definitions.loader import bundled_plan_path

    return bundled_plan_path().parent


def bundled_family() -> PlanFamily:
    """The bundled West Yorkshire plans: the 2019 Five Year Plan and the refreshed ambitions."""
    families = load_plans(bundled_plans_dir())
    for family in families:
        if any(p.id == "wyh-2019" for p in family.versions):
            return family
    raise DefinitionError("the bundled plans have no wyh-2019 lineage")  # pragma: no cover
