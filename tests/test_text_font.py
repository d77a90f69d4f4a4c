"""Text is drawn in a font that has its letters: "Café" on a card is not "Caf" and a box."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from videoagent.media import fonts
from videoagent.media.text_images import card_image


def _card(tmp_path: Path, title: str) -> np.ndarray:
    path = card_image(tmp_path / f"{len(title)}-{ord(title[-1])}.png", size=(320, 180), title=title)
    return np.asarray(Image.open(path).convert("L"))


@pytest.mark.skipif(fonts.font_file() is None, reason="no Unicode font on this machine")
def test_accented_letters_are_drawn_as_letters_not_boxes(tmp_path: Path):
    assert fonts.missing_glyphs("Café Über naïve Ñandú") == []
    # é and e differ by their accent only: a box would differ far more, and an absent
    # letter not at all
    plain, accented = _card(tmp_path, "Cafe"), _card(tmp_path, "Café")
    differ = (np.abs(plain.astype(int) - accented.astype(int)) > 60).sum()
    assert 3 < differ < 120


def test_without_a_unicode_font_the_letters_it_lacks_are_named(monkeypatch):
    monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    monkeypatch.delenv("VIDEOAGENT_FONT", raising=False)
    fonts.font_file.cache_clear()
    fonts.text_font.cache_clear()
    try:
        assert fonts.font_file() is None and fonts.font_identity() == "pillow-default"
        assert fonts.missing_glyphs("Sunny Café, Über") == ["Ü", "é"]
        assert fonts.missing_glyphs("SALE 50% off") == []
    finally:
        fonts.font_file.cache_clear()
        fonts.text_font.cache_clear()
