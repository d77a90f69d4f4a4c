"""The last stages of a run, once every shot has its take: assemble the timeline, make the
sound, render, verify, and deliver (publishing the render only when it is verified)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from videoagent.agent.asks_loop import AsksLoop
from videoagent.agent.assemble import build_timeline
from videoagent.agent.credentials_stage import sign_delivery
from videoagent.agent.delivery import DELIVERED, delivered_name, publish, unverified
from videoagent.agent.kept_failing import failing_headline, kept_failing
from videoagent.agent.manifest import build_manifest
from videoagent.agent.settings import AgentSettings, Result
from videoagent.agent.shooting import Take
from videoagent.agent.sound_stage import Audible, make_sound
from videoagent.agent.state import ProjectState
from videoagent.agent.steps import Emit
from videoagent.evaluate.asks_shown import asks_line, asks_shown, no_longer_shown
from videoagent.evaluate.check import failed
from videoagent.evaluate.checks import video_checks
from videoagent.evaluate.consistency import consistency
from videoagent.evaluate.render_looks import Sample, look_at, pieces_carried, presence
from videoagent.evaluate.sound_checks import carries, sound_summary
from videoagent.evaluate.watermark_check import watermark_carried
from videoagent.failpoints import reached
from videoagent.media.contact_sheet import contact_sheet
from videoagent.media.fonts import font_identity, missing_glyphs
from videoagent.media.piece_encoder import crop_box
from videoagent.media.probe import probe
from videoagent.media.render import render
from videoagent.media.watermark import Payload
from videoagent.memory.context import FULL_KEYFRAME
from videoagent.plan.asks import Ask
from videoagent.store.derived import DerivedFiles
from videoagent.store.files import atomic_write_bytes, atomic_write_json, atomic_write_text
from videoagent.store.ledger import Ledger
from videoagent.timeline.model import AudioCue, CardClip
from videoagent.timeline.otio_io import write_otio
from videoagent.timeline.subtitles import burn_in, caption_cues, srt, webvtt


@dataclass
class Finishing:
    """What the last stages need of the run: its settings, its step records, its clocks
    and its ledger of provider jobs."""

    settings: AgentSettings
    emit: Emit
    timed: Callable[[str, float], float]
    timings: dict[str, float]
    ledger: Ledger | None
    doing: tuple[str, str] = ("make", "")  # the run's command and what it was asked


def finish(
    run: Finishing,
    state: ProjectState,
    *,
    takes: dict[str, list[Take]],
    chosen: dict[str, Take],
    estimate: dict,
    started: float,
    clock: float,
    asks_loop: AsksLoop | None = None,
) -> Result:
    """Steps 10-13 for `state`, whose shots have their `chosen` takes (`asks_loop`: what
    the loop over the asks made again, kept in the manifest)."""
    settings, request, folder = run.settings, state.request, state.folder
    board = state.storyboard
    # 10. Assemble the typed timeline.
    take_files = {sid: t.path for sid, t in chosen.items()}
    timeline = build_timeline(board, take_files)
    write_otio(timeline, folder.timeline_otio, root=folder.root)
    run.emit(
        "assemble",
        "done",
        f"{len(timeline.clips)} clips, "
        f"{len(timeline.overlays)} overlays, {len(timeline.captions)} captions",
    )
    clock = run.timed("bookkeeping", clock)
    # 11. Sound: effects on the picture's events, narration over the shots, subtitles
    # timed to the voice, a music bed ducked under it, mixed to the target loudness,
    # encoded and measured; reused when nothing audible changed; what was skipped is said.
    audible = Audible(timeline, board, take_files, request, settings, folder.root)
    derived = DerivedFiles(folder.derived)
    sound = make_sound(derived, audible, run.emit)
    # Every render file is written under its unverified name; step 13 publishes it.
    staged = {name: folder.renders / unverified(name) for name in DELIVERED}
    sound.copy_mix(staged["mix.wav"])
    burned = settings.burned_captions()
    if burned and sound.record["cues"]:
        timeline = burn_in(timeline, sound.cues, burned)
        write_otio(timeline, folder.timeline_otio, root=folder.root)
        run.emit("sound", "done", f"{len(sound.cues)} subtitle cues burned in ({burned})")
    clock = run.timed("sound", clock)
    # 12. Render piece by piece (unchanged pieces are reused, the sound copied in), every
    # frame watermarked unless the user said not to, then verify.
    video = staged["final.mp4"]
    run.emit("render", "started", f"rendering {timeline.duration} frames")
    unshowable = undrawable_text(timeline)
    if unshowable:
        run.emit("render", "warning", unshowable, font=font_identity())
    timeline = timeline.with_audio(AudioCue(str(sound.encoded), 0, timeline.duration))
    mark = Payload.for_project(state.project_id) if settings.watermark else None
    report = render(timeline, video, pieces_dir=folder.pieces, mark=mark)
    run.emit("render", "done", report.summary(), pieces=report.pieces)
    reached("render:done")
    clock = run.timed("render", clock)
    # One look at each shot's middle frame, from its piece (the render is checked to be
    # its pieces), kept for the next run: verify and the sheet look again only at pieces
    # that changed.
    samples = []
    for index, shot in enumerate(board.shots):
        clip, middle = timeline.clips[index], shot.frames // 2
        sample = Sample(timeline.clip_start(index) + middle)
        if shot.kind == "generated":
            info = probe(clip.source)
            box = crop_box(clip, (info.width, info.height), (request.width, request.height))
            sample = replace(
                sample,
                take=chosen[shot.id].path,
                take_frame=shot.source_in + middle,
                box=box,
                graded=bool(clip.grade),
            )
        samples.append(sample)
    looks = look_at(samples, report.pieces, folder.pieces, derived, keyframe_size=FULL_KEYFRAME)
    checks = video_checks(
        video,
        frames=board.target_frames,
        rate=request.rate,
        width=request.width,
        height=request.height,
    )
    checks.append(pieces_carried(video, [folder.pieces / p["file"] for p in report.pieces]))
    checks += [
        presence(shot.id, look)
        for shot, look in zip(board.shots, looks, strict=True)
        if shot.kind == "generated"
    ]
    checks += [*sound.checks, carries(video, sound.encoded)]
    if mark is not None:
        checks.append(watermark_carried(video, mark))
    sound_figures = sound.record["figures"]
    run.emit("verify", "done", sound_summary(sound_figures), sound=sound_figures)
    verified = not failed(checks)
    generated = [s.id for s in board.shots if s.kind == "generated"]
    weak = kept_failing(generated, chosen)
    said = f"{sum(c.passed for c in checks)}/{len(checks)} video checks passed"
    if weak:  # said first: the video's own checks cannot see a shot that shows the wrong thing
        said = f"{failing_headline(weak, len(generated))}; {said}"
    run.emit(
        "verify",
        "failed" if not verified else "warning" if weak else "done",
        said,
        checks=[c.to_dict() for c in checks],
        kept_failing=weak,
    )
    # What the request asked, looked for in the video (the plan may have dropped some).
    asks = [s.to_dict() for s in asks_shown([Ask(**a) for a in state.asks], timeline)]
    if asks:
        missing = any(s["state"] == "not shown" for s in asks)
        said = asks_line(asks)
        lost = no_longer_shown(_last_asks(folder.renders), asks)
        if lost:  # an edit took away what the request asked for: said first
            said = f"no longer shown since the last video: {', '.join(lost)}; {said}"
        run.emit("verify", "warning" if missing else "done", said, asks=asks, lost=lost)
    clock = run.timed("verify", clock)
    # 13. Deliver: subtitles, contact sheet, manifest; published only when verified.
    cues = sound.cues or caption_cues(timeline)
    atomic_write_text(staged["final.srt"], srt(cues))
    atomic_write_text(staged["final.vtt"], webvtt(cues))
    contact_sheet(
        [(look.tile, shot.beat) for look, shot in zip(looks, board.shots, strict=True)],
        staged["contact_sheet.png"],
    )
    for look, shot in zip(looks, board.shots, strict=True):
        if look.keyframe is not None:
            atomic_write_bytes(folder.keyframe(shot.id), look.keyframe.read_bytes())
    score = consistency(board, state.bible, take_files)
    run.emit("verify", "done", score["summary"], consistency=score)
    clock = run.timed("contact sheet", clock)
    run.timings["total"] = run.timings.get("planning", 0.0) + time.perf_counter() - started
    manifest = build_manifest(
        state=state,
        takes=takes,
        chosen=chosen,
        estimate=estimate,
        video_checks=checks,
        verified=verified,
        timings=run.timings,
        render=report,
        consistency=score,
        ledger=run.ledger,
        files={name: f"renders/{delivered_name(name, verified)}" for name in DELIVERED},
        sound={
            **{part: sound.record[part] for part in ("parts", "lines", "subtitles", "effects")},
            "reused": sound.reused,
            "mastering": sound.mastering,
            "burned_captions": [
                {"text": o.text, "start": o.start, "frames": o.frames}
                | ({"style": o.style, "spoken": o.spoken} if o.style else {})
                for o in timeline.overlays
                if o.position == "caption"
            ],
            **sound_figures,
        },
    )
    manifest["kept_failing"] = weak
    manifest["asks"] = asks
    if asks_loop is not None:
        manifest["asks_loop"] = asks_loop.to_dict()
    manifest["text_font"] = {"font": font_identity(), "cannot_draw": unshowable or None}
    manifest["watermark"] = (
        {"marked": True, **mark.to_dict()}
        if mark is not None
        else {"marked": False, "why": "off (--no-watermark)"}
    )
    if verified and settings.content_credentials:
        manifest["content_credentials"] = sign_delivery(
            staged["final.mp4"],
            manifest,
            state=state,
            chosen=chosen,
            doing=run.doing,
            options=settings.generator_options,
            emit=run.emit,
        )
    else:
        why = "off (--no-credentials)" if verified else "a video that failed verification"
        manifest["content_credentials"] = {"signed": False, "why": why}
    atomic_write_json(staged["manifest.json"], manifest)
    if verified:
        publish(folder.renders)
        video = folder.renders / "final.mp4"
    run.timed("bookkeeping", clock)
    last = folder.renders / "final.mp4"
    if verified:
        how = f"verified, but {failing_headline(weak, len(generated))}" if weak else "verified"
    elif last.exists():
        how = f"NOT verified; the last verified video, {last.name}, is kept"
    else:
        how = "NOT verified; there is no verified video yet"
    run.emit(
        "deliver",
        "done" if verified and not weak else "warning",
        f"{video} ({how}); takes: {manifest['takes']['generated']} generated, "
        f"{manifest['takes']['reused']} reused",
        video=str(video),
        verified=verified,
        takes=manifest["takes"],
    )
    return Result(folder.root, video, manifest, verified)


def _last_asks(renders: Path) -> list[dict]:
    """The asks' states as the last verified video's manifest keeps them (none before)."""
    try:
        return json.loads((renders / "manifest.json").read_text("utf-8")).get("asks", [])
    except (OSError, ValueError, AttributeError):
        return []


def undrawable_text(timeline) -> str:
    """What the cards and text over the picture hold that the font cannot draw (it would
    show as boxes), in words; "" when it draws them all."""
    texts = [t.text for t in timeline.overlays]
    texts += [f"{c.title} {c.subtitle}" for c in timeline.clips if isinstance(c, CardClip)]
    missing = sorted({letter for text in texts for letter in missing_glyphs(text)})
    if not missing:
        return ""
    return (
        f"the text font ({font_identity()}) has no {' '.join(missing)}: they show as boxes; "
        "set VIDEOAGENT_FONT to a font file that has them"
    )
