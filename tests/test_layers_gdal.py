"""The GeoJSON layers as GDAL reads them: the same features, names and geometry the loader sees."""
from __future__ import annotations

import json

import pyogrio
import pytest
import shapely

from geostory.schema import LAYERS


@pytest.mark.parametrize("layer", list(LAYERS))
def test_gdal_reads_each_layer_unchanged(layer, harbin):
    path = harbin.root / f"{layer}.geojson"
    info = pyogrio.read_info(path)
    assert info["crs"] in ("EPSG:4326", "OGC:CRS84")
    frame = pyogrio.read_dataframe(path)
    ours = harbin.layers[layer]
    assert len(frame) == len(ours)
    assert list(frame["id"]) == [f.id for f in ours]
    assert list(frame["name_zh"]) == [f.props.name_zh for f in ours]
    for geom, f in zip(frame.geometry, ours, strict=True):
        assert shapely.equals_exact(geom, f.geometry, tolerance=1e-9)


@pytest.mark.parametrize("layer", list(LAYERS))
def test_layers_are_rfc7946(layer, harbin):
    raw = json.loads((harbin.root / f"{layer}.geojson").read_text(encoding="utf-8"))
    assert raw["type"] == "FeatureCollection" and "crs" not in raw
    for feature in raw["features"]:
        coords = shapely.get_coordinates(shapely.geometry.shape(feature["geometry"]))
        assert all(len(repr(float(v)).split(".")[-1]) <= 6 for v in coords.ravel()), "no false precision"


def test_geodataframe_round_trips_through_a_geopackage(tmp_path, harbin):
    gdf = harbin.geodataframe("movements")
    out = tmp_path / "m.gpkg"
    pyogrio.write_dataframe(gdf, out, layer="movements")
    back = pyogrio.read_dataframe(out, layer="movements")
    assert list(back["id"]) == list(gdf["id"])
    assert list(back["name_zh"]) == list(gdf["name_zh"])
    assert json.loads(back["sources"].iloc[0]) == json.loads(gdf["sources"].iloc[0])
