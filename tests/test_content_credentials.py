"""Content Credentials (C2PA) on every delivered video: read back by `videoagent verify`,
valid or untrusted as signed, tampered when a byte of a frame changes, absent when missing
(the watermark is still found, so the exit status is the credentials' alone); an edit
signs the new version with the previous one as its parent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import QUIET

pytest.importorskip("c2pa")

from videoagent import Agent, Request  # noqa: E402
from videoagent.cli.main import app  # noqa: E402
from videoagent.media.content_credentials import read  # noqa: E402
from videoagent.media.ffmpeg import ffmpeg_exe  # noqa: E402
from videoagent.media.signing_identity import CERT_ENV, KEY_ENV, new_identity  # noqa: E402

runner = CliRunner()
REQUEST = "a dog walking, then a dog sitting"


def _made(folder: Path, settings=QUIET):
    return Agent(settings).make(Request.build(REQUEST, duration=2, size="96x54"), folder)


def _verify(path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["verify", str(path)])
    return result.exit_code, result.output


def test_a_delivered_video_says_how_it_was_made_and_an_edit_names_its_parent(tmp_path):
    made = _made(tmp_path / "film")
    record = made.manifest["content_credentials"]
    assert record["signed"] and record["state"] == "untrusted"
    code, said = _verify(made.video)
    assert code == 3 and "untrusted" in said and "made from: a dog walking" in said
    assert "watermark: found" in said and "the credentials name the same project" in said
    credentials = read(made.video)
    generated = credentials.manifest["assertions"][1]["data"]["actions"][0]
    assert generated["digitalSourceType"].endswith("trainedAlgorithmicMedia")
    takes = [i["title"] for i in credentials.manifest["ingredients"]]
    assert takes == ["shot-01 take 01", "shot-02 take 01"]

    edited = Agent(QUIET).edit(tmp_path / "film", 'put "SALE" on screen at 0:01 for 1 second')
    credentials = read(edited.video)
    assert credentials.state == "untrusted"
    parents = [i for i in credentials.manifest["ingredients"] if i["relationship"] == "parentOf"]
    assert len(parents) == 1
    actions = [a["action"] for a in credentials.manifest["assertions"][1]["data"]["actions"]]
    assert actions == ["c2pa.opened", "c2pa.edited"]


def test_a_changed_frame_reads_as_tampered_and_stripped_metadata_as_absent(tmp_path):
    made = _made(tmp_path / "film")
    data = bytearray(made.video.read_bytes())
    data[data.find(b"mdat") + 3000] ^= 0x01  # one bit of one frame
    tampered = tmp_path / "tampered.mp4"
    tampered.write_bytes(data)
    code, said = _verify(tampered)
    assert code == 5 and "tampered" in said
    stripped = tmp_path / "stripped.mp4"
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(made.video), "-map_metadata", "-1"]
        + ["-c", "copy", str(stripped)],
        check=True,
    )
    assert _verify(stripped)[0] == 4
    assert _verify(tmp_path / "missing.mp4")[0] == 2


def test_a_users_certificate_signs_and_reads_valid(tmp_path, monkeypatch):
    chain, key = new_identity("Test Studio")
    (tmp_path / "chain.pem").write_bytes(chain)
    (tmp_path / "key.pem").write_bytes(key)
    monkeypatch.setenv(CERT_ENV, str(tmp_path / "chain.pem"))
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "key.pem"))
    made = _made(tmp_path / "film")
    code, said = _verify(made.video)
    assert code == 0 and "Test Studio signer" in said


def test_without_the_extra_or_when_turned_off_the_video_is_delivered_and_says_unsigned(
    tmp_path, monkeypatch
):
    from dataclasses import replace

    import videoagent.media.content_credentials as credentials
    from videoagent.errors import MissingDependency

    off = _made(tmp_path / "off", replace(QUIET, content_credentials=False))
    assert off.verified and off.manifest["content_credentials"]["signed"] is False
    assert _verify(off.video)[0] == 4

    def absent():
        raise MissingDependency("Content Credentials (c2pa-python)", "provenance")

    monkeypatch.setattr(credentials, "_c2pa", absent)
    missing = _made(tmp_path / "missing")
    assert missing.verified
    assert "c2pa-python" in missing.manifest["content_credentials"]["why"]
    shutil.rmtree(tmp_path / "off")
