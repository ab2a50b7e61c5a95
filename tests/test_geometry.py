"""Movement arrows: heads at the destination, shafts that stop inside them, curves that bend the right way."""
from __future__ import annotations

import math

import pytest
import shapely
from shapely.geometry import LineString, Point

from geostory.geometry import LocalPlane, arrows, curved


@pytest.fixture(scope="module")
def story_arrows(harbin):
    """Every movement of the Harbin story as an arrow: straight, curved and bent routes, short and long."""
    found = arrows(harbin)
    assert found
    return found


def test_head_points_at_the_destination(story_arrows):
    for a in story_arrows:
        tip = Point(a.feature.geometry.coords[-1])
        assert a.head.is_valid and a.head.area > 0, a.feature.id
        assert min(Point(c).distance(tip) for c in a.head.exterior.coords) < 1e-4, a.feature.id


def test_shaft_starts_at_origin_and_ends_inside_the_head(story_arrows):
    for a in story_arrows:
        assert Point(a.shaft.coords[0]).distance(Point(a.feature.geometry.coords[0])) < 1e-4, a.feature.id
        assert a.head.buffer(1e-4).contains(Point(a.shaft.coords[-1])), a.feature.id
        assert a.shaft.length < a.path.length, a.feature.id


def test_coordinates_are_rounded_for_reproducible_output(story_arrows):
    for a in story_arrows:
        for geom in (a.shaft, a.head):
            coords = shapely.get_coordinates(geom)
            assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all(), a.feature.id


def test_positive_curve_bulges_left_of_travel():
    line = LineString([(0, 0), (10, 0)])
    mid = curved(line, 0.4).interpolate(0.5, normalized=True)
    assert mid.y > 0.9
    assert curved(line, -0.4).interpolate(0.5, normalized=True).y < -0.9
    assert curved(line, 0) is line


def test_waypoint_routes_are_kept_as_drawn():
    line = LineString([(0, 0), (5, 1), (10, 0)])
    assert curved(line, 0.5).equals(line)


def test_local_plane_round_trips():
    plane = LocalPlane(45.0)
    p = Point(126.63, 45.75)
    km = plane.to_km(p)
    assert math.isclose(km.y, 45.75 * 110.574, rel_tol=1e-9)
    assert plane.to_degrees(km).equals_exact(p, 1e-5)
