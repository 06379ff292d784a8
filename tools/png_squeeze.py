"""Make a PNG smaller without changing a pixel: drop an opaque alpha channel and choose
each row's filter, as PNG encoders that optimise do.

kaleido (Chromium) writes RGBA with the "Up" filter on every row. The Sankey of notebook
02 has thousands of colours (curved, translucent bands), so it stays a true-colour PNG;
re-encoding it as RGB with a filter chosen per row (the smallest sum of absolute
differences, the usual heuristic of libpng) and zlib level 9 takes it from 140 KB to
100 KB, which keeps the notebook under the course's 250 KB per notebook. numpy only:
a dependency for this alone would not earn its place.

    squeeze(png_bytes) -> png_bytes      # the same image, usually smaller
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}  # colour type -> bytes per pixel (8-bit RGB, RGBA)


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) chunks of a PNG."""
    if not png.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    out, pos = [], len(SIGNATURE)
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        out.append((png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return out


def decode(png: bytes) -> np.ndarray:
    """The pixels of an 8-bit, non-interlaced RGB or RGBA PNG, as (height, width, channels)."""
    parts = chunks(png)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", parts[0][1])
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError(f"only 8-bit RGB or RGBA without interlacing (got {depth}, {colour})")
    bpp = CHANNELS[colour]
    stride = width * bpp
    raw = np.frombuffer(zlib.decompress(b"".join(d for t, d in parts if t == b"IDAT")), np.uint8)
    rows = raw.reshape(height, stride + 1)
    out = np.zeros((height, stride), np.int32)
    prev = np.zeros(stride, np.int32)
    for y in range(height):
        kind, line = int(rows[y, 0]), rows[y, 1:].astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 1:  # Sub: a running sum along each channel
            cur = line.reshape(-1, bpp).cumsum(axis=0).reshape(-1) & 255
        elif kind == 2:  # Up
            cur = (line + prev) & 255
        else:  # Average and Paeth depend on the pixel just decoded: one at a time
            cur = _unfilter_row(kind, line.tolist(), prev.tolist(), bpp)
        out[y] = cur
        prev = cur
    return out.astype(np.uint8).reshape(height, width, bpp)


def _unfilter_row(kind: int, line: list, above: list, bpp: int) -> np.ndarray:
    row = [0] * len(line)
    for i, value in enumerate(line):
        left = row[i - bpp] if i >= bpp else 0
        up = above[i]
        if kind == 3:
            row[i] = (value + ((left + up) >> 1)) & 255
            continue
        corner = above[i - bpp] if i >= bpp else 0
        guess = left + up - corner
        da, db, dc = abs(guess - left), abs(guess - up), abs(guess - corner)
        best = left if da <= db and da <= dc else (up if db <= dc else corner)
        row[i] = (value + best) & 255
    return np.array(row, np.int32)


def encode(pixels: np.ndarray) -> bytes:
    """An 8-bit RGB or RGBA PNG of (height, width, 3 or 4) pixels, a filter chosen per row."""
    height, width, bpp = pixels.shape
    colour = {v: k for k, v in CHANNELS.items()}[bpp]
    image = pixels.reshape(height, width * bpp).astype(np.int16)
    prev = np.zeros(width * bpp, np.int16)
    rows = []
    for cur in image:
        options = filtered(cur, prev, bpp)
        cost = [int(np.abs(o.view(np.int8).astype(np.int16)).sum()) for o in options]
        kind = cost.index(min(cost))
        rows.append(bytes([kind]) + options[kind].tobytes())
        prev = cur
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    body = zlib.compress(b"".join(rows), 9)
    return SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def filtered(cur: np.ndarray, prev: np.ndarray, bpp: int) -> list[np.ndarray]:
    """A row under each of the five PNG filters (None, Sub, Up, Average, Paeth), as bytes;
    ``cur`` and ``prev`` (the row above) are int16 arrays of the raw bytes."""
    pad = np.zeros(bpp, np.int16)
    left = np.concatenate([pad, cur[:-bpp]])
    corner = np.concatenate([pad, prev[:-bpp]])
    guess = left + prev - corner
    da, db, dc = np.abs(guess - left), np.abs(guess - prev), np.abs(guess - corner)
    paeth = np.where((da <= db) & (da <= dc), left, np.where(db <= dc, prev, corner))
    options = [cur, cur - left, cur - prev, cur - ((left + prev) >> 1), cur - paeth]
    return [(o & 255).astype(np.uint8) for o in options]


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and CRC."""
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def squeeze(png: bytes) -> bytes:
    """The same pixels in fewer bytes when possible; the original when not smaller."""
    pixels = decode(png)
    if pixels.shape[2] == 4 and (pixels[..., 3] == 255).all():
        pixels = pixels[..., :3]  # opaque: the alpha channel says nothing
    smaller = encode(pixels)
    return smaller if len(smaller) < len(png) else png
