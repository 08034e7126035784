"""graph.html in a real browser (headless Chromium, network disabled): it draws, settles and runs no injected script.

Chromium is required, not optional: CI installs it (`apt-get install -y chromium fonts-noto-cjk`).
"""

from __future__ import annotations

import struct
import zlib

from browser_helpers import browse
from graph_helpers import event, hostile_world, sample_graph

from kg.graph import build_graph
from kg.graph.html import write_html
from kg.model import Document

HEADER_PIXELS = 60  # rows of the menu bar above the canvas


def _png_rgb_rows(data: bytes) -> list[bytes]:
    """Decode an 8-bit RGB/RGBA PNG into rows of RGB bytes (no imaging library needed)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, *_ = header
    assert depth == 8 and colour in (2, 6), header
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = previous[i], previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3))
        previous = line
    return rows


def _coloured_pixels(rows: list[bytes]) -> int:
    """Saturated pixels below the menu bar: node shapes and coloured edges, not text or background."""
    count = 0
    for row in rows[HEADER_PIXELS:]:
        for i in range(0, len(row), 3):
            r, g, b = row[i], row[i + 1], row[i + 2]
            count += max(r, g, b) - min(r, g, b) > 60
    return count


def test_page_draws_the_graph_on_its_canvas_offline(tmp_path):
    page = tmp_path / "graph.html"
    write_html(sample_graph(), page)
    shot = tmp_path / "shot.png"
    browse(page, tmp_path / "profile", f"--screenshot={shot}")
    rows = _png_rgb_rows(shot.read_bytes())
    assert len(rows) == 900
    assert _coloured_pixels(rows) > 3000


def test_hostile_names_render_as_text_and_run_no_script(tmp_path):
    page = tmp_path / "hostile.html"
    write_html(build_graph(*hostile_world()), page)
    dom = browse(page, tmp_path / "profile", "--dump-dom").stdout
    assert 'data-stabilized="1"' in dom  # the page's own script ran to the end
    assert '<option value="per:王立新">王立新 · person</option>' in dom
    assert "&lt;script&gt;document.title=" in dom  # the hostile name is shown as text
    assert 'id="pwned"' not in dom  # the injected onerror handler never ran
    assert "<title>kg graph</title>" in dom  # and neither did the injected <script>


def test_a_few_hundred_nodes_settle_and_physics_stops(tmp_path):
    people = [f"人员{i:03d}" for i in range(150)]
    events = [
        event(f"big#e{i}", "big", participants=[(people[(i * 7 + j) % 150], "attendee") for j in range(4)])
        for i in range(120)
    ]
    g = build_graph([], events, [Document(id="big", source="big.txt")])
    assert g.number_of_nodes() > 250
    page = tmp_path / "big.html"
    write_html(g, page)
    dom = browse(page, tmp_path / "profile", "--dump-dom").stdout
    assert 'data-stabilized="1"' in dom


def test_entities_linked_to_nothing_start_hidden_behind_a_toggle(tmp_path):
    g = sample_graph()
    g.add_node("per:孤立者", kind="person", label="孤立者")
    unlinked = sum(1 for n in g.nodes if g.degree(n) == 0)
    page = tmp_path / "graph.html"
    write_html(g, page)
    dom = browse(page, tmp_path / "profile", "--dump-dom").stdout
    assert 'data-stabilized="1"' in dom
    assert f"unlinked ({unlinked})" in dom
