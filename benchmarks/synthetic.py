"""Synthetic stories of any size, for the benchmarks: valid geostory folders, the same bytes for the same seed.

A story of ``n`` features is a third places, a third dated events and a third dated movements of 2–6
vertices, scattered over a 10° × 8° box in Manchuria; ``frames`` frames, one a day from 1 January 1932,
each listing a handful of features that have begun by its day.

    .venv/bin/python benchmarks/synthetic.py OUT_FOLDER --features 1000 --frames 50
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

WEST, SOUTH, EAST, NORTH = 120.0, 42.0, 130.0, 50.0
START = date(1932, 1, 1)
SOURCE = [{"source": "synthetic"}]
MOVEMENT_KINDS = ("advance", "retreat", "rail", "intended", "air")
EVENT_KINDS = ("battle", "riot", "political", "military", "negotiation", "transport")
CERTAINTIES = ("known", "approximate", "schematic")
PER_FRAME = 4
"""Features a frame lists: three dated ones that began on or shortly before its day, and a place."""


def _feature(fid: str, geometry: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


def _point(rng: random.Random) -> list[float]:
    return [round(rng.uniform(WEST, EAST), 5), round(rng.uniform(SOUTH, NORTH), 5)]


def _write(folder: Path, name: str, features: list[dict[str, Any]]) -> None:
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=None)
    (folder / name).write_text(text + "\n", encoding="utf-8")


def make_story(folder: Path, n: int, frames: int, seed: int = 1932) -> Path:
    """Write a story of ``n`` features and ``frames`` frames into ``folder`` (created) and return it."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_places = max(2, n - 2 * (n // 3))
    n_events = n_moves = (n - n_places) // 2
    n_places = n - n_events - n_moves
    places = []
    for i in range(n_places):
        places.append(_feature(f"place-{i}", {"type": "Point", "coordinates": _point(rng)}, {
            "name_en": f"Place {i}", "kind": "town", "label_rank": rng.choice((1, 2, 2, 3, 3, 3)),
            "narrative": f"A synthetic place, number {i}.", "sources": SOURCE}))
    dated: list[tuple[int, str]] = []  # (first day as an offset from START, feature id)
    events = []
    for i in range(n_events):
        day = rng.randrange(frames)
        fid = f"event-{i}"
        place = rng.randrange(n_places)
        events.append(_feature(fid, {"type": "Point", "coordinates": places[place]["geometry"]["coordinates"]}, {
            "name_en": f"Event {i}", "kind": rng.choice(EVENT_KINDS), "place": f"place-{place}",
            "side": rng.choice(("red", "blue")), "start": (START + timedelta(days=day)).isoformat(),
            "narrative": f"A synthetic event, number {i}.", "sources": SOURCE}))
        dated.append((day, fid))
    moves = []
    for i in range(n_moves):
        day = rng.randrange(frames)
        a, b = rng.sample(range(n_places), 2)
        ends = [places[a]["geometry"]["coordinates"], places[b]["geometry"]["coordinates"]]
        middle = [[round(ends[0][0] + (ends[1][0] - ends[0][0]) * t + rng.uniform(-0.1, 0.1), 5),
                   round(ends[0][1] + (ends[1][1] - ends[0][1]) * t + rng.uniform(-0.1, 0.1), 5)]
                  for t in sorted(rng.random() for _ in range(rng.randrange(5)))]
        fid = f"move-{i}"
        moves.append(_feature(fid, {"type": "LineString", "coordinates": [ends[0], *middle, ends[1]]}, {
            "name_en": f"Movement {i}", "kind": rng.choice(MOVEMENT_KINDS), "unit": f"Unit {i}",
            "side": rng.choice(("red", "blue")), "from": f"place-{a}", "to": f"place-{b}",
            "route_certainty": rng.choice(CERTAINTIES), "curve": round(rng.uniform(-0.3, 0.3), 2),
            "start": (START + timedelta(days=day)).isoformat(),
            "end": (START + timedelta(days=day + rng.randrange(3))).isoformat(),
            "narrative": f"A synthetic movement, number {i}.", "sources": SOURCE}))
        dated.append((day, fid))
    dated.sort()
    frame_list = []
    k = 0
    for i in range(frames):
        while k < len(dated) and dated[k][0] <= i:
            k += 1
        recent = [fid for _, fid in dated[max(0, k - (PER_FRAME - 1)):k]]
        listed = [*recent, f"place-{rng.randrange(n_places)}"]
        frame_list.append({
            "id": f"frame-{i}", "start": (START + timedelta(days=i)).isoformat(), "title": f"Day {i + 1}",
            "narrative": f"What happened on day {i + 1}.", "features": listed, "sources": SOURCE})
    meta = {
        "id": f"synthetic-{n}-{frames}", "title": f"A synthetic story of {n} features and {frames} frames",
        "summary": "Generated for the benchmarks: random places, events and movements.",
        "sides": {"red": {"label": "Red", "colour": "#b2182b"}, "blue": {"label": "Blue", "colour": "#2c5aa0"}},
        "sources": {"synthetic": {"title": "Generated data", "note": "Random, for measuring speed."}},
    }
    (folder / "story.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    (folder / "frames.json").write_text(json.dumps({"frames": frame_list}, indent=None) + "\n", encoding="utf-8")
    _write(folder, "places.geojson", places)
    _write(folder, "events.geojson", events)
    _write(folder, "movements.geojson", moves)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--features", type=int, default=1000)
    parser.add_argument("--frames", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1932)
    args = parser.parse_args()
    print(make_story(args.folder, args.features, args.frames, args.seed))


if __name__ == "__main__":
    main()
