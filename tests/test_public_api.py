"""The curated public API, and a core import that needs no optional extra."""

import subprocess
import sys

import videoagent


def test_all_names_exist():
    for name in videoagent.__all__:
        assert hasattr(videoagent, name), name


def test_core_imports_without_heavy_extras():
    code = (
        "import sys, videoagent; bad = [m for m in ('torch', 'xllamacpp', 'piper') "
        "if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
