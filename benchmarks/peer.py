"""The peer a folium user would pick for a story map: folium's TimestampedGeoJson, from the same story.

Every feature becomes a timestamped GeoJSON feature (places at the story's first day, events at their day,
movements with a time per vertex), styled by side, with the name and narrative as its popup. Dates are
shifted by a century (1932 becomes 2032) because TimestampedGeoJson cannot show 1932. One time step a
day (``P1D``), not playing at start, as a story map would open.

    .venv/bin/python benchmarks/peer.py STORY_DIR OUT.html
"""
from __future__ import annotations

import argparse
import html
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import folium
import shapely
from folium.plugins import TimestampedGeoJson

from geostory import load_story
from geostory.dates import Day
from geostory.story import Story

SHIFT_YEARS = 100


def _ms(day: Day) -> int:
    """Milliseconds since 1970 for a story day, a century later."""
    year, month, dom = day.ymd()
    moment = datetime(year + SHIFT_YEARS, month, dom, tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def peer_geojson(story: Story) -> dict[str, Any]:
    """The story as one timestamped FeatureCollection."""
    start = _ms(story.first_day)
    sides = {k: s.colour for k, s in story.meta.sides.items()}
    out = []
    for f in story.features():
        first = f.first_day
        when = _ms(first) if first is not None else start
        colour = sides.get(getattr(f.props, "side", None) or "", "#555555")
        popup = f"<b>{html.escape(f.props.name_en)}</b><br>{html.escape(f.props.narrative)}"
        geom = f.geometry.__geo_interface__
        props: dict[str, Any] = {"popup": popup}
        if geom["type"] == "Point":
            props.update(times=[when], icon="circle",
                         iconstyle={"radius": 5, "color": colour, "fillColor": colour, "fillOpacity": 0.8})
        else:
            n = len(geom["coordinates"])
            props.update(times=[when] * n, style={"color": colour, "weight": 3})
        out.append({"type": "Feature", "geometry": geom, "properties": props})
    return {"type": "FeatureCollection", "features": out}


def peer_html(story: Story) -> str:
    """The peer's page: a folium map fitted to the story with a TimestampedGeoJson layer."""
    fmap = folium.Map(tiles=None)
    TimestampedGeoJson(peer_geojson(story), period="P1D", auto_play=False, add_last_point=True).add_to(fmap)
    west, south, east, north = shapely.total_bounds([f.geometry for f in story.features()])
    fmap.fit_bounds([[float(south), float(west)], [float(north), float(east)]])
    return fmap.get_root().render()


def build_peer(story_dir: Path, out: Path) -> Path:
    """Load the story and write the peer's page (what the benchmark times as the peer's build)."""
    story = load_story(story_dir)
    out.write_text(peer_html(story), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("story", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    t = time.perf_counter()
    build_peer(args.story, args.out)
    print(f"wrote {args.out} in {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
