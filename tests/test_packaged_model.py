"""The packaged model is joined from its parts only when the whole is the pinned file: a part
that changed is refused and leaves nothing behind; a file verified once is not hashed again."""

from __future__ import annotations

import hashlib

import pytest

from videoagent.errors import MissingDependency, RunError
from videoagent.llm import packaged_model


@pytest.fixture
def parts(tmp_path, monkeypatch):
    files = []
    for number, data in enumerate((b"GGUF" + b"a" * 1000, b"b" * 777, b"c" * 5), 1):
        path = tmp_path / "parts" / f"part{number:02d}.bin"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        files.append(path)
    whole = b"".join(p.read_bytes() for p in files)
    monkeypatch.setattr(packaged_model, "part_files", lambda: files)
    monkeypatch.setattr(packaged_model, "SIZE", len(whole))
    monkeypatch.setattr(packaged_model, "SHA256", hashlib.sha256(whole).hexdigest())
    monkeypatch.setenv("VIDEOAGENT_MODELS", str(tmp_path / "models"))
    return files, whole


def test_the_parts_are_joined_once_into_the_pinned_file(parts, monkeypatch):
    files, whole = parts
    shares = []
    path = packaged_model.local_model(progress=shares.append)
    assert path.read_bytes() == whole and shares[-1] == 1.0
    assert packaged_model.installed()
    # Verified once: found again without reading a part.
    monkeypatch.setattr(packaged_model, "part_files", lambda: pytest.fail("parts read again"))
    assert packaged_model.local_model() == path


def test_a_changed_part_is_refused_and_leaves_nothing(parts, tmp_path):
    files, _ = parts
    files[1].write_bytes(b"x" * 777)
    with pytest.raises(RunError, match="pinned here"):
        packaged_model.local_model()
    assert not any((tmp_path / "models").iterdir())


def test_a_file_changed_after_it_was_verified_is_joined_again(parts):
    _, whole = parts
    path = packaged_model.local_model()
    path.write_bytes(b"tampered")
    assert packaged_model.local_model().read_bytes() == whole


def test_without_the_parts_the_extra_to_install_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("VIDEOAGENT_MODELS", str(tmp_path))
    monkeypatch.setattr(packaged_model, "PARTS", 1)
    monkeypatch.setattr(packaged_model.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(MissingDependency, match=r"videoagent\[packaged-llm\]"):
        packaged_model.local_model()
    assert not packaged_model.installed()
