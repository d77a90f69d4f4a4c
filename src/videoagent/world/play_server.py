"""Play a world model in the browser: a page on localhost, input and frames over a websocket.

    videoagent world play griddodge        # then open http://127.0.0.1:8765
    videoagent world play atari:pong

The server keeps one `PlaySession` per connection and ticks it at a fixed rate: at each tick
the input gathered since the last one becomes one action (GridDodge: the last key pressed,
or the key held, or "stay"; Pong: the key held, else the last one pressed, or "stay";
MiniDesk: the mouse movement, at most ±6 px, the rest carried
to the next tick, and the button), the model makes the next frame off the event loop, and
the frame goes to the page with its latency. When the model cannot keep up, ticks simply
follow one another as fast as it can draw. Needs the `play` extra (FastAPI, uvicorn).
"""

# No `from __future__ import annotations` here: FastAPI reads the route's annotations, and
# they name classes of a lazily imported module, so they must be evaluated where defined.
import asyncio
import base64
import contextlib
import json
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from videoagent.errors import MissingDependency
from videoagent.loopback import is_loopback
from videoagent.nn.world_model import WorldModel
from videoagent.world import atari, griddodge
from videoagent.world.minidesk import MAX_MOVE, SIZE
from videoagent.world.play import PlaySession

DEFAULT_FPS = {"griddodge": 8.0, "minidesk": 20.0, "atari:pong": 15.0}  # Pong's own pace
KEYS = {"griddodge": griddodge.ACTIONS, "atari:pong": atari.ACTIONS}  # the rest: a mouse


def from_this_machine(headers) -> bool:
    """Whether a request names this machine as its Host and, when a browser says which page
    made it, comes from a page of this machine: a page of another site (or one that rebinds
    its name to 127.0.0.1) may not open the game's socket, which has no login."""
    host = headers.get("host", "")
    origin = headers.get("origin")
    names = [host] + ([urlsplit(origin).netloc] if origin is not None else [])
    return all(is_loopback(name) for name in names)


def _require():
    try:
        import fastapi
        import uvicorn
    except ImportError as exc:
        raise MissingDependency("playing in the browser (FastAPI, uvicorn)", "play") from exc
    return fastapi, uvicorn


class Controls:
    """Input gathered between ticks, turned into one action per tick."""

    def __init__(self, environment: str) -> None:
        self.environment = environment
        self.pressed: str | None = None  # a key pressed since the last tick
        self.held: str | None = None
        self.dx = self.dy = 0.0
        self.button = False
        self.restart = False

    def feed(self, message: dict) -> None:
        kind = message.get("type")
        if kind == "key" and message.get("key") in KEYS.get(self.environment, ()):
            key = message["key"]
            if message.get("down", True):
                self.pressed, self.held = key, key
            elif self.held == key:
                self.held = None
        elif kind == "mouse":
            self.dx += float(message.get("dx", 0))
            self.dy += float(message.get("dy", 0))
            self.button = bool(message.get("button", self.button))
        elif kind == "restart":
            self.restart = True

    def action(self):
        if self.environment == "griddodge":  # a grid: each press is one move
            key = self.pressed or self.held or "stay"
            self.pressed = None
            return griddodge.ACTIONS.index(key)
        if self.environment in KEYS:  # a paddle: it moves while the key is down
            key = self.held or self.pressed or "stay"
            self.pressed = None
            return KEYS[self.environment].index(key)
        dx = max(-MAX_MOVE, min(MAX_MOVE, round(self.dx)))
        dy = max(-MAX_MOVE, min(MAX_MOVE, round(self.dy)))
        self.dx = max(-SIZE, min(SIZE, self.dx - dx))  # carry the rest, not forever
        self.dy = max(-SIZE, min(SIZE, self.dy - dy))
        return dx, dy, self.button


def frame_message(session: PlaySession, frame, seconds: float, fps: float) -> str:
    p50, p95 = session.latency_percentiles()
    return json.dumps(
        {
            "type": "frame",
            "index": len(session.frames) - 1,
            "pixels": base64.b64encode(frame.tobytes()).decode(),
            "width": int(frame.shape[1]),
            "height": int(frame.shape[0]),
            "latency_ms": round(seconds * 1000, 2),
            "p50_ms": round(p50 * 1000, 2),
            "p95_ms": round(p95 * 1000, 2),
            "fps": fps,
            "status": session.status(),
            "source": "simulator" if seconds == 0 else "model",
        }
    )


def create_app(
    model: WorldModel,
    *,
    steps: int = 1,
    fps: float | None = None,
    seed: int = 0,
    record_dir: Path | None = None,
    int8: bool = False,
):
    """The FastAPI app: the page at /, the websocket at /play (`int8`: a token world
    model's convolutions in int8, `Dreaming.int8`)."""
    fastapi, _ = _require()
    environment = model.config.environment
    fps = fps or DEFAULT_FPS[environment]
    app = fastapi.FastAPI(title="videoagent world play", docs_url=None, redoc_url=None)
    page = resources.files("videoagent.world").joinpath("static/play.html").read_text()
    sessions = {"count": 0}

    @app.get("/", response_class=fastapi.responses.HTMLResponse)
    def index(request: fastapi.Request) -> str:
        if not from_this_machine(request.headers):
            raise fastapi.HTTPException(403, "this page is served to 127.0.0.1 only")
        return page.replace("{{ENVIRONMENT}}", environment)

    @app.websocket("/play")
    async def play(socket: fastapi.WebSocket) -> None:
        if not from_this_machine(socket.headers):
            await socket.close(code=1008)  # policy violation: another site's page
            return
        await socket.accept()
        sessions["count"] += 1
        number = sessions["count"]
        loop = asyncio.get_running_loop()
        session = await loop.run_in_executor(
            None, lambda: PlaySession(model, steps=steps, seed=seed + number, int8=int8)
        )
        controls = Controls(environment)
        hello = {
            "type": "hello",
            "environment": environment,
            "fps": fps,
            "steps": steps,
            "precision": session.precision,
        }
        await socket.send_text(json.dumps(hello))
        await socket.send_text(frame_message(session, session.frames[-1], 0.0, fps))

        async def listen() -> None:
            while True:
                text = await socket.receive_text()
                with contextlib.suppress(ValueError, TypeError, AttributeError):
                    controls.feed(json.loads(text))  # a malformed message is ignored

        listener = asyncio.create_task(listen())
        try:
            while not listener.done():
                began = loop.time()
                if controls.restart:
                    controls.restart = False
                    seed_now = session.seed + 1000
                    frame = await loop.run_in_executor(None, session.restart, seed_now)
                    seconds = 0.0
                else:
                    action = controls.action()
                    frame, seconds = await loop.run_in_executor(None, session.advance, action)
                await socket.send_text(frame_message(session, frame, seconds, fps))
                await asyncio.sleep(max(0.0, 1 / fps - (loop.time() - began)))
        except (fastapi.WebSocketDisconnect, RuntimeError):
            pass
        finally:
            listener.cancel()
            with contextlib.suppress(BaseException):
                await listener
            if record_dir is not None:
                record_dir.mkdir(parents=True, exist_ok=True)
                session.save(record_dir / f"{environment}-{number:03d}.npz")

    return app


def serve(app, host: str = "127.0.0.1", port: int = 8765) -> None:
    _, uvicorn = _require()
    uvicorn.run(app, host=host, port=port, log_level="warning")
