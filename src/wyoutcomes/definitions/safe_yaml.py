"""YAML from users' files, read with bounds: safe types only, no repeated keys, no alias bombs.

PyYAML's safe loader builds only plain mappings, lists, strings, numbers and dates, but it
follows aliases without limit: a few hundred bytes of nested aliases (the "billion laughs")
stand for 10**9 strings, and anything that walks the result (a validator, an error message)
runs out of memory. So a document is first *composed* into its node graph (aliases there are
shared nodes, so composing costs what the text costs), the graph is checked, and only then are
Python objects built. Every refusal is a :class:`RefusedYamlError` with a rule code, the key path
and the line.

>>> load_yaml("a: &x [1, 2]\\nb: *x")
{'a': [1, 2], 'b': [1, 2]}
>>> try:
...     load_yaml("? [1, 2]\\n: x")
... except RefusedYamlError as problem:
...     problem.code
'unhashable-key'
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "MAX_YAML_BYTES",
    "RefusedYamlError",
    "load_yaml",
]

#: largest YAML file read (a plan's ambition file is a few kilobytes; the bundled plan's
#: eleven files total under 50 KB)
MAX_YAML_BYTES = 2 << 20
#: most values a document may stand for once every alias is expanded (the bundled plan's
#: largest file has about 1,000); anchors that save typing stay far below it
MAX_EXPANDED_NODES = 100_000
#: deepest nesting of mappings and lists (plans nest about six levels)
MAX_DEPTH = 64

Loc = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (several times faster); the constructor is the
# safe one either way.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RefusedYamlError(Exception):
    """Why a YAML text was refused: ``code`` (kebab-case rule), ``loc`` (key path), message."""

    def __init__(self, code: str, loc: Loc, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.loc = loc
        self.message = message


class _StrictSafeLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """The safe loader, refusing a key written twice in one mapping."""


def _mapping_without_repeats(loader: _StrictSafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"key {key!r} is written twice in one mapping (first on line "
                f"{seen[key].start_mark.line + 1})",
                mark,
            )
        seen[key] = key_node
    return loader.construct_mapping(node, deep=True)


_StrictSafeLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats
)


def _line(node: yaml.Node) -> str:
    mark = node.start_mark
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _kind(node: yaml.Node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


class _Checker:
    """Walks the node graph once per distinct node: expanded size, recursion, keys, depth."""

    def __init__(self) -> None:
        self.sizes: dict[int, int] = {}
        self.open: set[int] = set()

    def size(self, node: yaml.Node, loc: Loc) -> int:
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]  # an alias: counted again in the total, walked once
        if key in self.open:
            raise RefusedYamlError(
                "yaml-recursive-alias",
                loc,
                f"{_line(node)}: an alias refers to the list or mapping that contains it "
                "(an endless structure)",
            )
        if len(loc) > MAX_DEPTH:
            raise RefusedYamlError(
                "yaml-too-deep", loc, f"{_line(node)}: nested more than {MAX_DEPTH} levels deep"
            )
        self.open.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                total += self.size(child, (*loc, index))
                self._bound(total, child, loc)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise RefusedYamlError(
                        "unhashable-key",
                        loc,
                        f"{_line(key_node)}: a mapping key must be text or a number, "
                        f"not {_kind(key_node)}",
                    )
                name = str(key_node.value)
                total += 1 + self.size(value_node, (*loc, name))
                self._bound(total, value_node, loc)
        self.open.discard(key)
        self.sizes[key] = total
        return total

    @staticmethod
    def _bound(total: int, node: yaml.Node, loc: Loc) -> None:
        if total > MAX_EXPANDED_NODES:
            raise RefusedYamlError(
                "yaml-too-large",
                loc,
                f"{_line(node)}: its aliases expand to more than {MAX_EXPANDED_NODES:,} values "
                "(an alias bomb?); write the values out or use fewer aliases",
            )


def _syntax_problem(exc: yaml.YAMLError) -> RefusedYamlError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return RefusedYamlError("yaml-syntax", (), str(exc))
    mark = exc.problem_mark or exc.context_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(top level)"
    problem = exc.problem or exc.context or "not valid YAML"
    if "could not determine a constructor" in problem:
        return RefusedYamlError(
            "yaml-tag", (where,), "YAML tags such as !!python/... are not allowed in plan files"
        )
    code = "duplicate-key" if "written twice" in problem else "yaml-syntax"
    return RefusedYamlError(code, (where,), problem)


def load_yaml(text: str) -> Any:
    """The one YAML document in ``text`` as plain Python values, within the bounds above.

    Raises :class:`RefusedYamlError` (never another exception) when the text is refused.
    """
    if len(text) > MAX_YAML_BYTES:
        raise RefusedYamlError(
            "yaml-too-large",
            (),
            f"the file has {len(text):,} characters; at most {MAX_YAML_BYTES:,} are read",
        )
    loader = _StrictSafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _Checker().size(node, ())
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _syntax_problem(exc) from exc
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. the date 0000-00-00
        raise RefusedYamlError("bad-value", (), f"a value cannot be read: {exc}") from exc
    except RecursionError as exc:  # the composer nests one call per level
        raise RefusedYamlError(
            "yaml-too-deep", (), f"nested more than {MAX_DEPTH} levels deep"
        ) from exc
    finally:
        loader.dispose()
