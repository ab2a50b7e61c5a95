"""Dates of any era: astronomical years, seasons, two calendars, one day axis, and the words readers use."""
from __future__ import annotations

import pytest
from convertdate import julian

from geostory.dates import parse_date
from geostory.schema import Frame
from geostory.wording import date_label, format_span, year_text


@pytest.mark.parametrize(("text", "calendar", "first", "last", "precision"), [
    ("-0217", "gregorian", "-0217-01-01", "-0217-12-31", "year"),
    ("-0217-09", "gregorian", "-0217-09-01", "-0217-09-30", "month"),
    ("-0217-23", "gregorian", "-0217-09-01", "-0217-11-30", "season"),  # EDTF autumn
    ("-0217-24", "gregorian", "-0217-12-01", "-0216-02-29", "season"),  # winter runs into a leap February
    ("0000-02-29", "gregorian", "0000-02-29", "0000-02-29", "day"),  # 1 BC was a leap year
    ("1900-02-29", "julian", "1900-03-13", "1900-03-13", "day"),  # Julian-only leap day, 13 days behind
    ("1932-01-25", "gregorian", "1932-01-25", "1932-01-25", "day"),
])
def test_parse_any_era(text, calendar, first, last, precision):
    p = parse_date(text, calendar)
    assert (p.first.isoformat(), p.last.isoformat(), p.precision, p.calendar) == (first, last, precision, calendar)


def test_the_axis_is_the_julian_day_number():
    p = parse_date("-0217-10-01", "julian")
    assert p.first.jdn == int(julian.to_jd(-217, 10, 1) + 0.5)
    # the definition: day 0 is 1 January 4713 BC (astronomical -4712) in the Julian calendar
    assert parse_date("-4712-01-01", "julian").first.jdn == 0
    assert parse_date("1970-01-01").first.jdn == 2440588
    # ordered across eras and calendars on one axis
    days = [parse_date(t, c).first for t, c in (("-0217-06-15", "julian"), ("0009-09", "julian"),
                                                 ("1812-06-12", "julian"), ("1812-06-25", "gregorian"))]
    assert days == sorted(days)
    assert parse_date("1812-06-12", "julian").first == parse_date("1812-06-24").first


@pytest.mark.parametrize(("text", "hint"), [
    ("218 BC", "for 218 BC write -0217"),
    ("c. 218 BC", "for 218 BC write -0217"),
    ("AD 9", "for AD 9 write 0009"),
    ("-218", "-0218 is 219 BC, -0217 is 218 BC"),
    ("-217-12", "-0217-12 is 218 BC"),
    ("1900-02-29", "day 01–28"),
    ("-0217-13", "a month 01–12 (or a season 21–24"),
])
def test_errors_say_what_to_write(text, hint):
    with pytest.raises(ValueError, match=None) as exc:
        parse_date(text)
    assert hint in str(exc.value)


@pytest.mark.parametrize(("year", "text"), [(-217, "218 BC"), (0, "1 BC"), (9, "AD 9"), (999, "AD 999"),
                                             (1000, "1000"), (1932, "1932")])
def test_year_as_readers_write_it(year, text):
    assert year_text(year) == text


@pytest.mark.parametrize(("start", "end", "text"), [
    ("-0217", None, "218 BC"),
    ("-0217-09-01", "-0217-09-04", "1–4 September 218 BC"),
    ("-0217-23", None, "autumn 218 BC"),
    ("-0217-10", "-0216-06", "October 218 BC – June 217 BC"),
    ("-0001", "0009", "2 BC – AD 9"),
    ("0009-09", None, "September AD 9"),
])
def test_spans_any_era(start, end, text):
    assert format_span(start, end, "julian") == text


def _frame(context, **dates):
    return Frame.model_validate({"id": "f", "title": "t", "narrative": "n", "features": ["x"],
                                 "sources": [{"source": "s"}], **dates}, context=context)


def test_calendar_per_story_or_per_date_and_dual_wording():
    story = {"calendar": "julian", "dual_dates": True}
    assert date_label(_frame(story, start="1812-06-12")) == "12/24 June 1812 (O.S./N.S.)"
    assert date_label(_frame(story, start="1812-06-20")) == "20 June/2 July 1812 (O.S./N.S.)"
    assert date_label(_frame(story, start="1812-06-12", end="1812-06-14")) == (
        "12–14 June 1812 (O.S.; 24–26 June 1812 N.S.)")
    own = _frame(story, start="1812-06-24", calendar="gregorian")  # one date in the other calendar
    assert date_label(own) == "24 June 1812" and own.first.first == _frame(story, start="1812-06-12").first.first
    autumn = _frame({"calendar": "julian"}, start="-0217-23", date_certainty="approximate", date_note="Polybius")
    assert date_label(autumn) == "c. autumn 218 BC"
    assert _frame({}, start="1932-02-04").first.calendar == "gregorian"


def test_a_julian_leap_day_is_refused_in_a_gregorian_story():
    with pytest.raises(ValueError, match="Gregorian calendar date"):
        _frame({}, start="1900-02-29")
    assert _frame({"calendar": "julian"}, start="1900-02-29").first.day == 29
