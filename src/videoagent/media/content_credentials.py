"""Content Credentials (C2PA) in a delivered video: a signed record of how it was made,
bound to its bytes, read back by any C2PA reader (the `provenance` extra: c2pa-python).

`sign` writes into an mp4 a manifest that says the video is AI-generated (IPTC's "trained
algorithmic media", or "composite with trained algorithmic media" when the user's pictures
went in), what was done (created; each edit, in words), with what generators and models,
from which ingredients (the takes, the reference images, and the previous version as parent
when an edit is signed), the digest of the project's manifest, and the invisible watermark
in its pixels (its payload, or that the user turned it off). `read` says what a file
carries: valid, untrusted (intact, but signed with a development certificate), tampered
(its bytes are not what was signed), or absent."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from videoagent.errors import MissingDependency, UsageError
from videoagent.media.signing_identity import DEVELOPMENT_ORGANIZATION, SigningIdentity
from videoagent.store.files import partial_path

MIME = "video/mp4"
IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
GENERATED = IPTC + "trainedAlgorithmicMedia"
COMPOSITE = IPTC + "compositeWithTrainedAlgorithmicMedia"
PARENT = "previous-version"  # the parent ingredient's label, which "opened" names
UNTRUSTED_ONLY = {"signingCredential.untrusted"}  # no trust list vouches: not a tampering


@dataclass(frozen=True)
class Made:
    """What a video's credentials say of it."""

    generator: str  # "videoagent <version>"
    actions: list[dict]  # C2PA actions: created, then each edit
    models: dict  # backend → the model or version that drew its takes
    manifest_sha256: str  # the project's manifest (renders/manifest.json) digest
    watermark: dict = field(default_factory=lambda: {"marked": False})  # its payload, if any
    takes: list[Path] = field(default_factory=list)
    references: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Credentials:
    state: str  # valid, untrusted, tampered, absent
    detail: str
    signer: str = ""
    manifest: dict = field(default_factory=dict)


def _c2pa():
    try:
        import c2pa
    except ImportError as exc:
        raise MissingDependency("Content Credentials (c2pa-python)", "provenance") from exc
    return c2pa


def sign(video: Path, made: Made, identity: SigningIdentity, *, parent: Path | None) -> None:
    """`video` signed in place (atomically): its Content Credentials added, with the
    previous version `parent` (a signed or unsigned mp4) as its parent ingredient."""
    c2pa = _c2pa()
    source_type = COMPOSITE if made.references else GENERATED
    actions = [dict(action, digitalSourceType=source_type) for action in made.actions]
    if parent is not None and parent.exists():  # a new version: it opens the last one
        actions.insert(0, {"action": "c2pa.opened", "parameters": {"ingredientIds": [PARENT]}})
    definition = {
        "claim_generator_info": [{"name": made.generator}],
        "title": video.name,
        "assertions": [
            {"label": "c2pa.actions.v2", "data": {"actions": actions}},
            {
                "label": "org.videoagent.made",
                "data": {
                    "models": made.models,
                    "manifest_sha256": made.manifest_sha256,
                    "watermark": made.watermark,
                },
            },
        ],
    }
    info = c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, identity.chain, identity.key, None)
    part = partial_path(video)
    try:
        with c2pa.Signer.from_info(info) as signer, c2pa.Builder(definition) as builder:
            if parent is not None and parent.exists():
                _ingredient(builder, parent, "parentOf", "the previous version", label=PARENT)
            for path in made.takes:
                shot = path.parent.parent.parent.name
                _ingredient(builder, path, "componentOf", f"{shot} take {path.parent.name}")
            for path in made.references:
                _ingredient(builder, path, "inputTo", f"reference image {path.name}")
            with video.open("rb") as source, part.open("w+b") as dest:
                builder.sign(signer, MIME, source, dest)
        os.replace(part, video)
    except c2pa.C2paError as exc:
        part.unlink(missing_ok=True)
        raise UsageError(f"cannot sign {video.name}: {exc}") from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def read(video: Path) -> Credentials:
    """What `video`'s Content Credentials say, and whether its bytes are what was signed."""
    c2pa = _c2pa()
    try:
        with video.open("rb") as stream, c2pa.Reader(MIME, stream) as reader:
            manifest = reader.get_active_manifest() or {}
            results = reader.get_validation_results() or {}
    except FileNotFoundError:
        raise UsageError(f"no such file: {str(video)!r}") from None
    except c2pa.C2paError as exc:
        if "ManifestNotFound" in type(exc).__name__ or "no JUMBF" in str(exc):
            return Credentials("absent", "no Content Credentials in the file")
        return Credentials("tampered", f"the credentials cannot be read: {exc}")
    failures = {f["code"] for f in results.get("activeManifest", {}).get("failure", [])}
    signed_by = manifest.get("signature_info", {})
    signer = f"{signed_by.get('common_name', '?')} ({signed_by.get('issuer', '?')})"
    if failures - UNTRUSTED_ONLY:
        return Credentials(
            "tampered",
            f"does not match what was signed: {', '.join(sorted(failures - UNTRUSTED_ONLY))}",
            signer,
            manifest,
        )
    if signed_by.get("issuer") == DEVELOPMENT_ORGANIZATION:
        return Credentials(
            "untrusted",
            "intact; signed with a development certificate nobody vouches for",
            signer,
            manifest,
        )
    return Credentials(
        "valid",
        "intact, signed by " + signer + " (not checked against a trust list)",
        signer,
        manifest,
    )


def _ingredient(builder, path: Path, relationship: str, title: str, label: str = "") -> None:
    kind = MIME if path.suffix.lower() == ".mp4" else _image_type(path)
    described = {"title": title, "relationship": relationship} | ({"label": label} if label else {})
    with path.open("rb") as stream:
        builder.add_ingredient(json.dumps(described), kind, stream)


def _image_type(path: Path) -> str:
    return {
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".webp": "image/webp",
    }.get(path.suffix.lower(), "application/octet-stream")
