#!/usr/bin/env bash
# Set up (once) and run the test suite: lint, then pytest. Needs only python3 and PyPI
# (torch comes as the CPU build pinned by the `embedded` extra).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[dev,embedded]"
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest -q "$@"
