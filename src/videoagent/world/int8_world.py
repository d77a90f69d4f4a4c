"""A token world model in int8 (`nn/int8_graph.py`), calibrated on its own world.

The ranges its convolutions are rounded to are measured on what the model reads in play:
frames of the true simulator played by the data's own policies (training seeds, never the
held-out ones the figures are measured on), with the actions they took. Frames from the
simulator rather than dreams: calibrating needs no forward pass of its own, and a dream is
the world within a token or two.

Made once per model and process (2-3 s: the simulator's episodes, an export, the
quantiser's own pass over them) and shared by every imagination of that model, for the
weights as they are then (play and planning; training does not dream in int8).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

import numpy as np
import torch

from videoagent.nn.frozen_forward import Positional
from videoagent.nn.int8_graph import int8_graph
from videoagent.nn.token_world_model import TokenWorldModel
from videoagent.world.dataset import POLICY_MIX
from videoagent.world.dreaming import DEFAULT_DREAMING
from videoagent.world.policies import policies_for
from videoagent.world.registry import make_environment
from videoagent.world.token_imagination import TokenImagination

CALIBRATION_EPISODES = 4  # at least, shared by the policies of the data's mix
CALIBRATION_STEPS = 48  # of each episode, at most
INPUT_ORDER = ("recent", "action", "previous", "memory")  # as `TokenImagination.inputs` gives
KEEP_FLOAT = ("out",)  # the output layer: its logits decide each token

_SHARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def int8_forward(model: TokenWorldModel) -> Callable[..., torch.Tensor] | None:
    """`model(**inputs)` with its convolutions in int8, shared by every caller in this
    process; None where that cannot be made here (the `play` extra missing)."""
    with _LOCK:
        if model not in _SHARED:
            _SHARED[model] = _made(model.eval())
        return _SHARED[model]


def _made(model: TokenWorldModel) -> Callable[..., torch.Tensor] | None:
    examples = calibration_inputs(model)
    names = tuple(name for name in INPUT_ORDER if name in examples[0])
    calibration = [tuple(example[name] for name in names) for example in examples]
    run = int8_graph(Positional(model, names), calibration, keep_float=KEEP_FLOAT)
    if run is None:
        return None
    return lambda **inputs: run(*(inputs[name] for name in names))


def calibration_inputs(model: TokenWorldModel, seed: int = 0) -> list[dict[str, torch.Tensor]]:
    """What `model` reads at each step of episodes of every policy in its data's mix (at
    least `CALIBRATION_EPISODES` in all), played in the simulator (training seeds)."""
    environment = model.config.environment
    reader = TokenImagination(model, DEFAULT_DREAMING)  # given true frames: never runs it
    examples, policies = [], sorted(POLICY_MIX[environment])
    for number, policy_name in enumerate(policies):
        for episode in range(-(-CALIBRATION_EPISODES // len(policies))):
            episode_seed = seed + 1_000 * number + episode
            env, policy = make_environment(environment), policies_for(environment)[policy_name]()
            rng = np.random.default_rng(episode_seed)
            reader.start(env.reset(episode_seed)[None])
            for _ in range(CALIBRATION_STEPS):
                action = policy(env, rng)
                vector = env.action_vector(action)  # before the step: it reads the pointer
                examples.append(reader.inputs(vector))
                step = env.step(action)
                if step.done:
                    break
                reader.observe(vector, step.frame[None])
    return examples
