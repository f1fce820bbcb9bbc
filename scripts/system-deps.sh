#!/usr/bin/env bash
# System packages and the npm package the report's browser test needs (tests/report/test_browser.py),
# and Java for the engines' Spark suite (tests/engines):
#   - Debian's chromium and chromium-driver (never a browser downloaded by a tool);
#   - axe-core from npm, into tests/browser/node_modules, pinned by tests/browser/package-lock.json.
# Called by ./tasks.sh test. Idempotent and quick when everything is there; installs system
# packages only when running as root (as on CI), otherwise says what is missing and carries on
# (the browser tests then skip locally with that reason).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# the Java runtime for the engines' Spark suite (pyspark local[2]); without it that suite skips
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "system-deps: missing ${missing[*]} (not root: install them to run the browser tests)" >&2
  fi
fi

if command -v npm >/dev/null 2>&1 && [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  echo "system-deps: installing axe-core into tests/browser/node_modules" >&2
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
