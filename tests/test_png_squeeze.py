"""tools/png_squeeze.py: the saved pictures get smaller and keep every pixel."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import png_squeeze as png  # noqa: E402


def test_every_row_filter_round_trips():
    """Each of the five PNG filters decodes back to the pixels (encode chooses per row)."""
    rng = np.random.default_rng(0)
    noise = rng.integers(0, 256, (6, 7, 3), dtype=np.uint8)
    ramp = np.tile(np.arange(0, 252, 12, dtype=np.uint8).reshape(1, 7, 3), (6, 1, 1))
    for pixels in (noise, ramp, np.dstack([noise, np.full((6, 7), 255, np.uint8)])):
        assert (png.decode(png.encode(pixels)) == pixels).all()
        for kind in range(5):  # force each filter in turn through the decoder
            assert (png.decode(_with_filter(pixels, kind)) == pixels).all(), kind


def _with_filter(pixels: np.ndarray, kind: int) -> bytes:
    """A PNG of the pixels whose every row uses one filter."""
    height, width, bpp = pixels.shape
    image = pixels.reshape(height, width * bpp).astype(np.int16)
    prev, rows = np.zeros(width * bpp, np.int16), []
    for cur in image:
        rows.append(bytes([kind]) + png.filtered(cur, prev, bpp)[kind].tobytes())
        prev = cur
    colour = {3: 2, 4: 6}[bpp]
    header = png.struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    body = png.zlib.compress(b"".join(rows))
    return png.SIGNATURE + png.chunk(b"IHDR", header) + png.chunk(b"IDAT", body)


def test_the_saved_sankey_is_smaller_than_kaleidos_and_opaque_rgb():
    nb = json.loads((ROOT / "notebooks" / "02_root_to_leg.ipynb").read_text())
    data = next(
        o["data"] for c in nb["cells"] for o in c.get("outputs", []) if "image/png" in o["data"]
    )
    saved = base64.b64decode(data["image/png"])
    pixels = png.decode(saved)
    assert pixels.shape == (380, 820, 3)  # the alpha channel, all opaque, was dropped
    assert png.squeeze(saved) == saved  # already as small as this encoder makes it
    with_alpha = png.encode(np.dstack([pixels, np.full(pixels.shape[:2], 255, np.uint8)]))
    assert (png.decode(png.squeeze(with_alpha)) == pixels).all()


def test_not_a_png_or_an_unsupported_one_is_refused():
    with pytest.raises(ValueError, match="not a PNG"):
        png.squeeze(b"GIF89a")
    grey = png.encode(np.zeros((2, 2, 3), np.uint8)).replace(
        png.struct.pack(">IIBB", 2, 2, 8, 2), png.struct.pack(">IIBB", 2, 2, 8, 0), 1
    )
    with pytest.raises(ValueError, match="only 8-bit RGB or RGBA"):
        png.decode(grey)
