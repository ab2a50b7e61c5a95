"""Dates, names and citations as every output prints them (formatted once, in geostory.wording)."""
from __future__ import annotations

import pytest

from geostory.schema import Citation, EventProps, PlaceProps
from geostory.wording import citation_label, date_label, display_name, format_span, short_citation


@pytest.mark.parametrize(("start", "end", "text"), [
    ("1932-01-25", None, "25 January 1932"),
    ("1932-01-25", "1932-01-25", "25 January 1932"),
    ("1932-01-25", "1932-01-27", "25–27 January 1932"),
    ("1932-01-28", "1932-02-02", "28 January – 2 February 1932"),
    ("1931-11", None, "November 1931"),
    ("1931-11", "1931-12", "November – December 1931"),
    ("1932-01", "1932-01-24", "January 1932 (to 24 January)"),
    ("1931-12-30", "1932-01-02", "30 December 1931 – 2 January 1932"),
    ("1931-09", "1932", "September 1931 – 1932"),
    ("1932", None, "1932"),
    ("1932-02-05", "1932-02", "5 February 1932 – later in February 1932"),
    ("1932-01", "1932", "January 1932 – later in 1932"),
])
def test_format_span(start, end, text):
    assert format_span(start, end) == text


def _event(**dates):
    return EventProps(name_en="x", narrative="y", sources=[{"source": "seed", "section": "Lead", "paragraph": 1}],
                      kind="battle", **dates)


def test_date_label_marks_approximate_and_disputed():
    assert date_label(_event(start="1932-01-27", date_certainty="approximate", date_note="n")) == "c. 27 January 1932"
    assert date_label(_event(start="1932-02-04", end="1932-02-05", date_certainty="disputed", date_note="n")) == \
        "4–5 February 1932 (disputed)"


def test_display_name_skips_missing_parts(harbin):
    props = PlaceProps(name_en="Waterloo", narrative="n", sources=[{"source": "x"}])
    assert display_name(props) == "Waterloo"
    assert display_name(harbin.feature("harbin").props) == "Harbin 哈尔滨"


def test_citation_labels(harbin):
    seed = Citation(source="seed", section="Harbin Incident", paragraph=3)
    assert citation_label(seed, harbin.meta) == "Seed, Harbin Incident ¶3"
    lytton = Citation(source="lytton1932", pages="p. 80")
    assert citation_label(lytton, harbin.meta).endswith(", p. 80")
    assert short_citation(lytton, harbin.meta) == "League of Nations 1932, p. 80"
