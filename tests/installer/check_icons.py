#!/usr/bin/env python3
"""Checks the app icon files rendered at build time (installer/tools/iconrender.cpp).

  check_icons.py <icons-dir> <app-id>

PNG: every hicolor size exists, has the size its directory claims, is RGBA and is not blank.
ICO: a valid ICONDIR whose entries (16-256 px) point at PNGs of the declared size, inside the file.
ICNS: a valid container whose length fields add up, with the PNG types macOS needs up to 1024 px.
"""
import struct
import sys
import zlib
from pathlib import Path

errors = []


def unfilter(raw, width, height, bpp=4):
    """Undoes the per-row PNG filters (RFC 2083 section 6) of an 8-bit RGBA image."""
    stride = width * bpp
    out = bytearray(stride * height)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
        prev = out[(y - 1) * stride:y * stride] if y else bytes(stride)
        cur = out[y * stride:(y + 1) * stride]
        for x in range(stride):
            a = cur[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 0:
                pred = 0
            elif kind == 1:
                pred = a
            elif kind == 2:
                pred = b
            elif kind == 3:
                pred = (a + b) // 2
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            cur[x] = (line[x] + pred) & 0xFF
        out[y * stride:(y + 1) * stride] = cur
    return out


def png_info(data, where):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        errors.append(f"{where}: not a PNG")
        return None
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    # Decode enough to know the image is not empty: concatenate IDAT chunks and inflate.
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    if depth != 8 or colour != 6:
        errors.append(f"{where}: expected 8-bit RGBA, got depth {depth} colour type {colour}")
    opaque = sum(1 for px in unfilter(raw, width, height)[3::4] if px > 0)
    if opaque < width * height // 4:
        errors.append(f"{where}: only {opaque} of {width * height} pixels are visible")
    return width, height


def main():
    icons, app_id = Path(sys.argv[1]), sys.argv[2]
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        path = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
        if not path.exists():
            errors.append(f"missing {path}")
            continue
        info = png_info(path.read_bytes(), path.name + f" ({size})")
        if info and info != (size, size):
            errors.append(f"{path}: is {info[0]}x{info[1]}, expected {size}x{size}")

    ico = (icons / f"{app_id}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    if (reserved, kind) != (0, 1):
        errors.append("ico: bad ICONDIR header")
    sizes = []
    for i in range(count):
        w, h, _, _, planes, bpp, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i:22 + 16 * i])
        w, h = w or 256, h or 256
        if offset + length > len(ico):
            errors.append(f"ico entry {i}: points outside the file")
            continue
        info = png_info(ico[offset:offset + length], f"ico entry {w}px")
        if info and info != (w, h):
            errors.append(f"ico entry {i}: header says {w}x{h}, image is {info[0]}x{info[1]}")
        if bpp != 32 or planes != 1:
            errors.append(f"ico entry {i}: planes {planes} bpp {bpp}")
        sizes.append(w)
    if sorted(sizes) != [16, 24, 32, 48, 64, 128, 256]:
        errors.append(f"ico sizes {sorted(sizes)}")

    icns = (icons / f"{app_id}.icns").read_bytes()
    magic, total = struct.unpack(">4sI", icns[:8])
    if magic != b"icns" or total != len(icns):
        errors.append(f"icns: header {magic!r} length {total} for a file of {len(icns)} bytes")
    expected = {b"icp4": 16, b"icp5": 32, b"ic11": 32, b"icp6": 64, b"ic12": 64, b"ic07": 128,
                b"ic08": 256, b"ic13": 256, b"ic09": 512, b"ic14": 512, b"ic10": 1024}
    pos, seen = 8, {}
    while pos < len(icns):
        kind, length = struct.unpack(">4sI", icns[pos:pos + 8])
        if length < 8 or pos + length > len(icns):
            errors.append(f"icns: entry {kind!r} has a bad length")
            break
        info = png_info(icns[pos + 8:pos + length], f"icns {kind.decode()}")
        seen[kind] = info
        pos += length
    for kind, size in expected.items():
        if seen.get(kind) != (size, size):
            errors.append(f"icns: {kind.decode()} should be a {size}px PNG, found {seen.get(kind)}")

    for e in errors:
        print("FAIL:", e)
    if not errors:
        print("icons OK: 9 PNG sizes, ICO with 7 entries, ICNS with 11 entries")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
