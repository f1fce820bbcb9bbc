#!/usr/bin/env bash
# The one task runner: the README's commands and CI call this, nothing else.
#   ./tasks.sh main    set up .venv and run the main job on the bundled data (wyoutcomes demo:
#                      a demonstration store and its quarterly report in out/demo/)
#   ./tasks.sh test    set up .venv with the test extras (and system packages) and run lint,
#                      the type checker and the tests with the coverage gate
#   ./tasks.sh bench   run the benchmarks in benchmarks/ (figures go to docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}

venv() {
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
}

# System packages the browser test of the report needs; installed only when missing and when
# we may (root, as on CI). Without them the browser tests skip with a reason.
system_deps() {
  if [ -f scripts/system-deps.sh ]; then bash scripts/system-deps.sh; fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  main)
    venv
    .venv/bin/python -m pip install -q --disable-pip-version-check .
    .venv/bin/wyoutcomes demo --out out/demo "$@"
    ;;
  test)
    venv
    # the pdf extra too, so the tagged-PDF test runs rather than skips (WeasyPrint uses the
    # system's Pango, which the browser packages below bring along)
    # engines-test: Polars, DuckDB and PySpark for the engines' parity suites
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,pdf,engines-test]'
    system_deps
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    .venv/bin/mypy
    # coverage of src/wyoutcomes over the whole suite, gated at [tool.coverage.report] fail_under
    .venv/bin/python -m pytest --cov --cov-report=term "$@"
    ;;
  bench)
    venv
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,engines-test]'
    for b in benchmarks/*.py; do echo "== $b"; .venv/bin/python "$b"; done
    ;;
  *)
    echo "usage: ./tasks.sh main|test|bench [args]" >&2
    exit 2
    ;;
esac
