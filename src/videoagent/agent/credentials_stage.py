"""Step 13, before a render is published: its Content Credentials. The staged video is
signed with what the run did (created, or the edit that was asked, in words), the
generators and models that drew its takes, the takes and reference images as ingredients,
the previous version as parent, and the digest of the project's manifest; then read back.
Without the `provenance` extra the video is delivered unsigned, and that is said."""

from __future__ import annotations

from pathlib import Path

from videoagent.agent.shooting import Take
from videoagent.agent.state import ProjectState
from videoagent.agent.steps import Emit
from videoagent.errors import MissingDependency, ToolError
from videoagent.generators.registry import generator_class
from videoagent.store.files import json_sha256
from videoagent.version import __version__


def sign_delivery(
    video: Path,
    manifest: dict,
    *,
    state: ProjectState,
    chosen: dict[str, Take],
    doing: tuple[str, str],
    options: dict[str, dict],
    emit: Emit,
) -> dict:
    """Sign `video` (the staged render) and say what it carries, for the manifest: the
    record of `manifest` as built so far (its digest is what the credentials name)."""
    try:
        from videoagent.media.content_credentials import Made, read, sign
        from videoagent.media.signing_identity import signing_identity

        identity = signing_identity()
        last = state.folder.renders / "final.mp4"
        parent = last if last.exists() else None  # the version this run changed, if any
        if parent is None:  # a first version (made, or resumed before it was delivered)
            action = {"action": "c2pa.created", "description": f"made from: {state.request.text}"}
        else:
            command, detail = doing
            action = {"action": "c2pa.edited", "description": f"{command}: {detail}".strip()}
        action["softwareAgent"] = {"name": "videoagent", "version": __version__}
        backends = sorted({take.backend for take in chosen.values()})
        made = Made(
            generator=f"videoagent {__version__}",
            actions=[action],
            models={b: generator_class(b).key_version(**options.get(b, {})) for b in backends},
            manifest_sha256=json_sha256(manifest),
            watermark=manifest.get("watermark", {"marked": False}),
            takes=[t.path for t in chosen.values() if t.path is not None],
            references=[state.folder.refs / r["file"] for r in state.references],
        )
        sign(video, made, identity, parent=parent)
        found = read(video)
    except MissingDependency as exc:
        emit("deliver", "warning", f"not signed with Content Credentials: {exc}")
        return {"signed": False, "why": str(exc)}
    if found.state not in ("valid", "untrusted"):
        raise ToolError(["c2pa"], 1, f"the signed video reads back {found.state}: {found.detail}")
    emit("deliver", "done", f"Content Credentials signed with {identity.described}")
    return {
        "signed": True,
        "by": identity.described,
        "state": found.state,
        "manifest_sha256": made.manifest_sha256,  # of this manifest, without this entry
        "actions": made.actions,
    }
