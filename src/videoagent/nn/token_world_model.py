"""A world model over a grid of discrete tokens: each frame is cut into small patches, each
patch is one entry of a codebook learnt from the training frames, and the model predicts,
for every patch of the next frame, which entry it will be.

Why tokens: the diffusion world model (`nn/world_model.py`) draws each frame as continuous
pixels, and its small errors (a hazard a little too faint, an edge a little blurred) become
the next frame's context; over hundreds of frames they add up until the picture is a
different world (GridDodge's agent right after 1,000 frames in 3% of held-out runs). Here
every frame is snapped to the codebook before it is used again, so nothing can drift by
degrees: the model is right about a patch or wrong about it, and what it learnt is a rule
that holds at every step. The tokens of the frames so far are the world's state, carried
from step to step (the explicit latent state of issue 25).

The network is convolutional (the worlds' rules are local and the same everywhere: a hazard
moves one cell, a key moves the agent one cell), with a pooled summary of the whole grid
added at every block (what is global: whether the game is over). The action conditions
every block (scale and shift) and is added to every token; for a mouse, the pointer's place
is drawn as a map and given to each patch it falls in.

What a world leaves to chance is drawn as rare events (`world/token_imagination.py`): a
token whose chance is under `rare_below` is never drawn patch by patch; instead a small head
says how likely it is that the next frame holds such a token somewhere (its surprise), and
one is drawn that often. Patch by patch, GridDodge's model spread some 0.02 a frame of
new-hazard chance over a board with four hazards on it, where the game spawns none, and
those doubts came true every fifty frames. The head reads the grid's pooled features (not
trained through: learning the surprise through the convolutions made every patch's chances
ten times less sure) and a census of the last frame (or of the last few, `census_frames`),
how many patches of each token it has, because chance can hang on a count: GridDodge
spawns a hazard only while it has fewer than four.

A token need not be a patch: in a world of a few flat colours and shapes at any pixel
(MiniDesk's windows under a pointer) a token is one pixel's colour (`patch` 1), and the
convolutions see a cell of them a place (`cell`), reading its tokens side by side and
answering one distribution per token.

A mouse drags what it holds by exactly its own move. Learnt as arithmetic, a dragged
window landed a pixel off within a few frames; so a pointer world's model may read the
action before this one (`previous_action`: where the pointer was, whether the button was
held) and one more context grid, the last frame moved as far as the pointer moved
(`moved_context`), in which a dragged window is already where it goes. With `copy_context`
each token of the last frame and of the moved one can be copied straight to its place, so
the convolutions decide what comes from where rather than carrying every pixel's colour
through their channels. Measured on MiniDesk, none of them kept windows right for longer,
and the cursor's look, which a copy carried, was then lost wherever the copy was wrong
(`docs/models.md`): they are off in the recipes.

A frame, even two, cannot count: Pong serves its ball 15 actions after a point, and a field
without a ball looks the same at each of them. A model with `memory` reads a memory of the
whole episode, carried from frame to frame and bounded: for each token, how many frames in a
row up to the last have held it somewhere, or (negative) have not, up to `MEMORY_CAP`
(`remembered`). It is read as one entry of a table per token and run length, added to the
action's conditioning: a serve's count, or how long an icon has been lit, is then a fact.
With `token_counts` the conditioning also reads how many of each token the last frame holds,
on a log scale (`counted`): a window's title bar anywhere on the desk, not only near its
icon.
With `older_frames` the convolutions also read frames further back than the recent ones,
each twice as far as the one before (6, 12, 24, 48 frames back): what was hidden for a while,
a window under another, is still in one of them (on MiniDesk they have not helped yet).

It draws a frame in one network call (sampling steps do not apply). The codebook is fitted
before training (`fit_codebook`): the most frequent patches of the training frames, so a
world of flat colours is reproduced exactly (check `coverage` in the training facts).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

CENSUS_CAP = 16  # counts of a token past this read as this: the few things worth counting
KEYED_AT_ONCE = 1 << 18  # patches widened to 64 bits at a time (`_patch_keys`)
ENCODED_AT_ONCE = 1 << 22  # pixels encoded at a time (`TokenWorldModel.encode`)
MEMORY_CAP = 32  # run lengths past this read as this (`remembered`)
COUNT_STEPS = 2  # steps of `counted`'s scale per doubling of a count
NEVER = -1e4  # the log chance of a token a copied grid does not hold (finite: exported graphs)


@dataclass(frozen=True)
class TokenWorldModelConfig:
    environment: str = "griddodge"
    frame_height: int = 64
    frame_width: int = 64
    action_features: int = 5
    patch: int = 4  # pixels a token stands for, on each side (1: a token is a pixel's colour)
    cell: int = 1  # tokens a place of the convolutions' grid holds, on each side
    codes: int = 32  # codebook entries (set by `fit_codebook` when training begins)
    token_width: int = 32  # each context token's embedding
    width: int = 96
    depth: int = 5
    recent_frames: int = 2
    census_frames: int = 1  # the recent frames the surprise's census counts, most recent first
    # Older context frames, read after the recent ones, each twice as far back as the one
    # before and the first `older_from` frames back: a window hidden under another for longer
    # than the recent frames could be drawn again from one of them (MiniDesk's dreams go wrong
    # there; four of them, 4,000 steps on the shipped weights, did not help: docs/models.md).
    # Absent where the episode is younger.
    older_frames: int = 0
    older_from: int = 6
    pointer: bool = False  # the action ends with the pointer's place (see `WorldModelConfig`)
    # The model also reads the action before this one (`forward`'s `previous`): for a
    # mouse, where the pointer was and whether the button was already held.
    previous_action: bool = False
    # One more context grid, the last frame moved by the pointer's move (needs `pointer`,
    # `previous_action` and a token per pixel): what the pointer drags is then already where
    # it goes, and the model only chooses, pixel by pixel, what moved with it.
    moved_context: bool = False
    # Each token of the last frame (and of the moved one) may be copied straight to its place:
    # each token's chances are a mixture, by weights the model gives it, of its own guess and
    # of the token each source holds there. (Given as extra logits, a copy lost to the
    # guess's own sureness: MiniDesk's cursor dot was drawn white in most frames where the
    # moved frame and the answer had it black.)
    copy_context: bool = False
    # The pointer map also carries each of the action's numbers where the pointer lands:
    # whether the button is held is then a fact at the pointer's pixels, not only one the
    # whole grid is modulated by. (Tried where a model that could copy the cursor from its
    # context never learnt to draw its look from the button: it did not mend that.)
    action_at_pointer: bool = False
    rare_below: float = 1e-3  # a token this unlikely in its patch is a rare event
    # Each block also reads the grid's largest value of each feature, not only its mean: that
    # something is somewhere (a window's title bar, open or not) is a fact a mean over the
    # grid carries faintly. Starts at zero: weights without it go on training unchanged.
    peak_summary: bool = False
    # The model reads a memory of the episode (`forward`'s `memory`, see `remembered`).
    memory: bool = False
    # Every block is conditioned on how many of each token the last frame holds (`counted`):
    # that a window is open anywhere on the desk is then a fact at its icon (MiniDesk's
    # model, its icon pressed, opened a second one where the first was far across the
    # screen). Starts at zero: weights without it go on training unchanged.
    token_counts: bool = False
    fps: float = 15.0

    @property
    def grid(self) -> tuple[int, int]:
        """The token grid (rows, columns) of a frame."""
        return self.frame_height // self.patch, self.frame_width // self.patch

    @property
    def frame_tokens(self) -> int:
        """The tokens a frame is made of."""
        rows, columns = self.grid
        return rows * columns

    @property
    def places(self) -> tuple[int, int]:
        """The convolutions' grid (rows, columns): the token grid in cells."""
        rows, columns = self.grid
        return rows // self.cell, columns // self.cell

    @property
    def context_offsets(self) -> tuple[int, ...]:
        """How many frames back each context frame is, most recent first (1: the last)."""
        older = (self.older_from * 2**k for k in range(self.older_frames))
        return (*range(1, self.recent_frames + 1), *older)

    @property
    def span(self) -> int:
        """The most frames back the model reads: the frames a dream must be started from
        to have all its context."""
        return self.context_offsets[-1]

    @property
    def context_grids(self) -> int:
        """The token grids the convolutions read: the context frames and the moved one."""
        return len(self.context_offsets) + int(self.moved_context)

    @property
    def copied_grids(self) -> int:
        """The context grids a token may be copied from (`copy_context`)."""
        return (1 + int(self.moved_context)) if self.copy_context else 0

    @property
    def mixture_parts(self) -> int:
        """What each token's chances mix (`copy_context`): the model's guess and each source."""
        return 1 + self.copied_grids

    @property
    def absent(self) -> int:
        """The token of a context frame that does not exist (an episode's first steps)."""
        return self.codes


def channel_norm(x: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    """Layer norm over the channels of [B, C, rows, columns], without a scale or shift, in
    place: permuted to channels-last and back, the two transposes cost a block more than
    its norm (ten of them 1.3 ms of MiniDesk's 7 ms frame)."""
    mean = x.mean(dim=1, keepdim=True)
    centred = x - mean
    return centred * torch.rsqrt(centred.square().mean(dim=1, keepdim=True) + eps)


def channel_linear(layer: nn.Linear, x: torch.Tensor) -> torch.Tensor:
    """`layer` applied to every place of [B, C, rows, columns]: a 1x1 convolution with its
    weights, so the grid stays channels-first."""
    return F.conv2d(x, layer.weight[:, :, None, None], layer.bias)


class ConditionedConvBlock(nn.Module):
    """Norm, scale and shift by the action, two 3x3 convolutions, plus the grid's pooled
    summary (its mean, and with `peak` its largest values); residual, starting as the
    identity."""

    def __init__(self, width: int, peak: bool = False) -> None:
        super().__init__()
        self.modulation = nn.Linear(width, 2 * width)
        self.first = nn.Conv2d(width, width, 3, padding=1)
        self.second = nn.Conv2d(width, width, 3, padding=1)
        self.summary = nn.Linear(width, width)
        self.peak = nn.Linear(width, width) if peak else None
        for layer in (self.second, self.modulation, self.peak):
            if layer is not None:
                nn.init.zeros_(layer.weight)
                nn.init.zeros_(layer.bias)

    def forward(self, x: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        shift, scale = self.modulation(condition)[:, :, None, None].chunk(2, dim=1)
        h = channel_norm(x) * (1 + scale) + shift
        summary = self.summary(h.mean(dim=(2, 3)))
        if self.peak is not None:
            summary = summary + self.peak(h.amax(dim=(2, 3)))
        h = F.gelu(self.first(h) + summary[:, :, None, None])
        return x + self.second(h)


class TokenWorldModel(nn.Module):
    def __init__(self, config: TokenWorldModelConfig) -> None:
        super().__init__()
        self.config = config
        w, rows, columns, cell = config.width, *config.places, config.cell
        pixels = 3 * config.patch**2
        self.register_buffer("codebook", torch.zeros(config.codes, pixels, dtype=torch.uint8))
        self.token_in = nn.Embedding(config.codes + 1, config.token_width)
        if config.moved_context and not (
            config.pointer and config.previous_action and config.patch == 1
        ):
            raise ValueError("moved_context needs pointer, previous_action and patch 1")
        if config.older_frames and config.older_from <= config.recent_frames:
            raise ValueError(
                f"older frames from {config.older_from} back overlap the {config.recent_frames} "
                "recent ones"
            )
        self.context_in = nn.Linear(config.context_grids * config.token_width * cell**2, w)
        self.position = nn.Parameter(torch.randn(w, rows, columns) * 0.02)
        read = config.action_features * (2 if config.previous_action else 1)
        read += int(config.previous_action)  # whether there was an action before
        self.action_in = nn.Sequential(nn.Linear(read, w), nn.SiLU(), nn.Linear(w, w))
        counted = min(config.census_frames, config.recent_frames) * (config.codes + 1)
        self.census_in = nn.Sequential(nn.Linear(counted, w), nn.SiLU(), nn.Linear(w, w))
        self.surprise = nn.Sequential(nn.Linear(2 * w, w), nn.SiLU(), nn.Linear(w, 1))
        if config.memory:
            self.memory_in = nn.Sequential(
                nn.Linear(config.codes * (2 * MEMORY_CAP + 1), w), nn.SiLU(), nn.Linear(w, w)
            )
        if config.token_counts:
            read = config.codes * count_steps(config.frame_tokens)
            self.counts_in = nn.Sequential(nn.Linear(read, w), nn.SiLU(), nn.Linear(w, w))
            nn.init.zeros_(self.counts_in[-1].weight)
            nn.init.zeros_(self.counts_in[-1].bias)
        if config.pointer:
            maps = 2 if config.previous_action else 1
            maps += config.action_features if config.action_at_pointer else 0
            self.pointer_in = nn.Linear(maps * (config.patch * cell) ** 2, w)
        self.blocks = nn.ModuleList(
            ConditionedConvBlock(w, config.peak_summary) for _ in range(config.depth)
        )
        self.out = nn.Conv2d(w, config.codes * cell**2, 1)
        if config.copy_context:
            self.copy_gates = nn.Conv2d(w, config.mixture_parts * cell**2, 1)
            nn.init.zeros_(self.copy_gates.weight)
            nn.init.zeros_(self.copy_gates.bias)

    def _pointer_map(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """[B, 1, H, W]: a one-pixel-wide bump where the pointer is (x, y [B] over the
        frame's size)."""
        config = self.config
        x, y = x.float() * config.frame_width, y.float() * config.frame_height
        columns = torch.arange(config.frame_width, dtype=torch.float32)
        rows = torch.arange(config.frame_height, dtype=torch.float32)
        across = torch.exp(-0.5 * (columns[None] - x[:, None]) ** 2)
        down = torch.exp(-0.5 * (rows[None] - y[:, None]) ** 2)
        return (down[:, :, None] * across[:, None, :])[:, None]

    def _pointer_maps(self, action: torch.Tensor, previous: torch.Tensor | None) -> torch.Tensor:
        """Where the action puts the pointer (and, with `action_at_pointer`, the action's
        numbers there), and with a previous action where it was (what the pointer covered
        there comes back): [B, maps, H, W]."""
        bump = self._pointer_map(action[:, -2], action[:, -1])
        maps = [bump]
        if self.config.action_at_pointer:
            maps.append(bump * action[:, :, None, None])
        if previous is not None:
            features, present = self.config.action_features, previous[:, -1]
            was = self._pointer_map(previous[:, features - 2], previous[:, features - 1])
            maps.append(was * present[:, None, None, None])
        return torch.cat(maps, dim=1)

    def _moved(self, last: torch.Tensor, action: torch.Tensor, previous: torch.Tensor):
        """The token grid `last` [B, rows, columns] moved by as many pixels as the pointer
        moved from the previous action's place to this one's (not at all where there was
        no previous action); `config.absent` where nothing moved in."""
        config = self.config
        features = config.action_features
        present = previous[:, features]
        dx = torch.round((action[:, -2] - previous[:, features - 2]) * config.frame_width)
        dy = torch.round((action[:, -1] - previous[:, features - 1]) * config.frame_height)
        dx, dy = (dx * present).long(), (dy * present).long()
        rows, columns = last.shape[1:]
        y = torch.arange(rows)[None, :, None] - dy[:, None, None]  # where each pixel came from
        x = torch.arange(columns)[None, None, :] - dx[:, None, None]
        inside = (y >= 0) & (y < rows) & (x >= 0) & (x < columns)
        source = (y.clamp(0, rows - 1) * columns + x.clamp(0, columns - 1)).flatten(1)
        moved = last.flatten(1).gather(1, source).view_as(last)
        return torch.where(inside, moved, torch.full_like(moved, config.absent))

    def forward(
        self,
        recent: torch.Tensor,
        action: torch.Tensor,
        previous: torch.Tensor | None = None,
        memory: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Logits [B, codes + 1, rows, columns]: the next frame's tokens patch by patch,
        and in the last channel (the same in every patch) the logit of its surprise, that
        some patch holds a rare token. From the tokens of the context frames [B, frames,
        rows, columns] (as far back as `config.context_offsets` says, most recent first;
        `config.absent` where a frame does not exist), the
        action [B, F] and, with `config.previous_action`, the one before it [B, F + 1]: its
        features, then 1 (or all zeros where there was none, as at a dream's first step);
        with `config.memory`, the episode's memory [B, codes] (`remembered`)."""
        config = self.config
        action = action.float()
        grids, read, copied = recent, action, [recent[:, 0]]
        if config.previous_action:
            if previous is None:
                raise ValueError("this model reads the previous action too")
            previous = previous.float()
            read = torch.cat([action, previous], dim=1)
            if config.moved_context:
                moved = self._moved(recent[:, 0], action, previous)
                grids = torch.cat([recent, moved[:, None]], dim=1)
                copied.append(moved)
        every = torch.arange(config.codes + 1, device=grids.device)[:, None, None]
        held = (grids[:, :, None] == every).float()  # [B, grids, codes + 1, rows, columns]
        x = F.conv2d(
            held.flatten(1, 2), self._context_kernel(), self.context_in.bias, stride=config.cell
        )
        x = x + self.position
        acted = self.action_in(read)
        if config.memory:
            if memory is None:
                raise ValueError("this model reads the episode's memory too")
            runs = torch.arange(-MEMORY_CAP, MEMORY_CAP + 1, device=memory.device)
            table = (memory[:, :, None].long() == runs).flatten(1).float()  # one-hot per token
            acted = acted + self.memory_in(table)
        if config.token_counts:
            counts = counted(held[:, 0, : config.codes], config.frame_tokens)
            acted = acted + self.counts_in(counts)
        x = x + acted[:, :, None, None]
        if self.config.pointer:
            maps = self._pointer_maps(action, previous)
            side = config.patch * config.cell
            kernel = self.pointer_in.weight.view(config.width, len(maps[0]), side, side)
            x = x + F.conv2d(maps, kernel, self.pointer_in.bias, stride=side)
        for block in self.blocks:
            x = block(x, acted)
        # How many patches of each token the last frames hold, up to `CENSUS_CAP`. Plain
        # counts, so that a total over several tokens (hazards heading four ways) is a sum the
        # next layer can take: as log(1 + count) it was not, and the model never learnt that
        # four hazards spawn no fifth; as a share of `CENSUS_CAP` it had not learnt it after
        # 2,850 steps, where plain counts had after 2,250.
        census = held[:, : config.census_frames].sum(dim=(3, 4)).clamp(max=CENSUS_CAP)
        census = self.census_in(census.flatten(1))
        surprise = self.surprise(torch.cat([x.mean(dim=(2, 3)).detach(), census], dim=1))
        logits = F.pixel_shuffle(self.out(x), self.config.cell)  # [B, codes, rows, columns]
        if config.copy_context:
            logits = self._mixture(logits, x, copied)
        surprise = surprise[:, :, None, None].expand(-1, -1, *logits.shape[2:])
        return torch.cat([logits, surprise], dim=1)

    def _mixture(self, guess: torch.Tensor, x: torch.Tensor, copied: list[torch.Tensor]):
        """Log chances [B, codes, rows, columns]: each token's mixture, by the weights the
        copy gates give it, of the model's guess (logits `guess`) and of each grid in
        `copied` (its token there for sure; an absent token gives nothing)."""
        config = self.config
        weights = F.pixel_shuffle(self.copy_gates(x), config.cell).log_softmax(dim=1)
        every = torch.arange(config.codes)[None, :, None, None]
        parts = [weights[:, :1] + guess.log_softmax(dim=1)]
        for source, grid in enumerate(copied, start=1):
            held = torch.where(grid[:, None] == every, 0.0, NEVER)
            parts.append(weights[:, source : source + 1] + held)
        return torch.stack(parts).logsumexp(dim=0)

    def _context_kernel(self) -> torch.Tensor:
        """The token embedding and `context_in` as one convolution over the context's tokens
        one-hot [B, grids · (codes + 1), rows, columns], a place (cell x cell) per step:
        [width, grids · (codes + 1), cell, cell]. The same sums as embedding each token and
        reading a place's embeddings side by side, without a channels-last detour (its
        transposes and a wider matrix product cost a MiniDesk frame 0.8 ms)."""
        config = self.config
        shape = (config.width, config.context_grids, config.token_width, config.cell, config.cell)
        linear = self.context_in.weight.view(shape)  # as `pixel_unshuffle` laid a place out
        return torch.einsum("ogeyx,ke->ogkyx", linear, self.token_in.weight).flatten(1, 2)

    # -- pixels and tokens -----------------------------------------------------------------

    def encode(self, frames: np.ndarray, dtype=np.int64) -> np.ndarray:
        """uint8 frames [..., H, W, 3] → tokens [..., rows, columns] (int64, or `dtype` to
        keep a whole dataset's in less memory): each patch as its nearest codebook entry.
        A block of frames at a time: a dataset's frames as pixel tokens at once took more
        memory than the machine had."""
        frames = np.asarray(frames)
        lead, (height, width, _) = frames.shape[:-3], frames.shape[-3:]
        flat = frames.reshape(-1, height, width, 3)
        tokens = np.empty((len(flat), *self.config.grid), dtype=dtype)
        book = self.codebook.numpy()
        at_once = max(1, ENCODED_AT_ONCE // (height * width))
        for first in range(0, len(flat), at_once):
            patches = frames_to_patches(flat[first : first + at_once], self.config.patch)
            tokens[first : first + len(patches)] = nearest_codes(patches, book).reshape(
                patches.shape[:-1]
            )
        return tokens.reshape(*lead, *self.config.grid)

    def decode(self, tokens: torch.Tensor) -> np.ndarray:
        """Tokens [..., rows, columns] → uint8 frames [..., H, W, 3]."""
        patches = self.codebook[tokens.clamp(max=self.config.codes - 1)].numpy()
        return patches_to_frames(patches, self.config.patch)


def count_steps(tokens: int) -> int:
    """The steps of `counted`'s scale for a grid of `tokens` tokens."""
    return int(COUNT_STEPS * np.log2(1 + tokens)) + 1


def counted(held: torch.Tensor, tokens: int) -> torch.Tensor:
    """How many of each token a grid holds, one-hot on a log scale [B, codes · steps], from
    the grid one-hot [B, codes, rows, columns] of `tokens` tokens. A log scale, because what
    a count says is in its size: an icon's 48 pixels of a colour, or 152 with its window's
    title bar."""
    steps = count_steps(tokens)
    scale = torch.floor(COUNT_STEPS * torch.log2(1 + held.sum(dim=(2, 3))))
    every = torch.arange(steps, device=held.device, dtype=scale.dtype)
    return (scale[:, :, None] == every).flatten(1).float()


def held_tokens(tokens: torch.Tensor, codes: int) -> torch.Tensor:
    """[B, codes] bool: which tokens grids [B, rows, columns] hold somewhere."""
    every = torch.arange(codes, device=tokens.device)
    return (tokens.flatten(1)[:, :, None] == every).any(dim=1)


def remembered(memory: torch.Tensor, held: torch.Tensor) -> torch.Tensor:
    """The episode's memory [B, codes] after one more frame, which holds the tokens `held`
    [B, codes] (bool): each token's run of frames that held it (positive) or did not
    (negative), up to `MEMORY_CAP`. Zeros, before any frame, is no memory at all."""
    longer = torch.where(held, memory.clamp(min=0) + 1, memory.clamp(max=0) - 1)
    return longer.clamp(-MEMORY_CAP, MEMORY_CAP)


def frames_to_patches(frames: np.ndarray, patch: int) -> np.ndarray:
    """uint8 [..., H, W, 3] → [..., rows, columns, P·P·3] (each patch row by row)."""
    frames = np.asarray(frames)
    *lead, height, width, channels = frames.shape
    cut = frames.reshape(*lead, height // patch, patch, width // patch, patch, channels)
    cut = np.moveaxis(cut, -4, -3)  # [..., rows, columns, P, P, 3]
    return cut.reshape(*lead, height // patch, width // patch, patch * patch * channels)


def patches_to_frames(patches: np.ndarray, patch: int) -> np.ndarray:
    """The inverse of `frames_to_patches`."""
    *lead, rows, columns, _ = patches.shape
    cut = patches.reshape(*lead, rows, columns, patch, patch, 3)
    cut = np.moveaxis(cut, -3, -4)  # [..., rows, P, columns, P, 3]
    return np.ascontiguousarray(cut.reshape(*lead, rows * patch, columns * patch, 3))


def _patch_keys(flat: np.ndarray) -> np.ndarray:
    """A 64-bit key per patch row (uint8 [N, D]): equal patches, equal keys; sorting keys
    is far cheaper than sorting rows of bytes. Made a block of rows at a time: widened to
    64 bits at once, a dataset of 150,000 frames took 15 GB."""
    weights = np.random.default_rng(0).integers(1, 2**63, size=flat.shape[1], dtype=np.uint64)
    keys = np.empty(len(flat), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for first in range(0, len(flat), KEYED_AT_ONCE):
            block = flat[first : first + KEYED_AT_ONCE]
            keys[first : first + len(block)] = block.astype(np.uint64) @ weights
    return keys


def _distinct(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct rows of `flat`, each row's index among them, and how often each occurs."""
    keys = _patch_keys(flat)
    _, first, back, counts = np.unique(
        keys, return_index=True, return_inverse=True, return_counts=True
    )
    return flat[first], back.reshape(-1), counts


def nearest_codes(patches: np.ndarray, codebook: np.ndarray) -> np.ndarray:
    """Index of the nearest codebook entry (squared distance) for every patch, flattened.
    Worlds of flat colours repeat a few patches endlessly: each distinct patch is matched
    once."""
    flat = np.ascontiguousarray(patches.reshape(-1, patches.shape[-1]))
    distinct, back, _ = _distinct(flat)
    difference = distinct[:, None, :].astype(np.int32) - codebook[None].astype(np.int32)
    return (difference**2).sum(-1).argmin(1)[back].astype(np.int64)


def fit_codebook(frames: np.ndarray, codes: int, patch: int) -> tuple[np.ndarray, float]:
    """At most `codes` of the most frequent patches of `frames` (uint8 [N, H, W, 3]) as a
    codebook [K, P·P·3], and the share of patches it reproduces exactly."""
    flat = frames_to_patches(frames, patch).reshape(-1, 3 * patch * patch)
    distinct, _, counts = _distinct(flat)
    order = np.argsort(-counts, kind="stable")[:codes]
    return distinct[order].astype(np.uint8), float(counts[order].sum() / counts.sum())
