"""Words every output shares: dates as a reader says them, names, and citation labels.

Formatted once here so the web map, the QGIS layers and the frame pictures can never disagree. Every word
comes from the language's message catalogue (``i18n``), month names included, so output does not depend on
the machine's locale; a story's own rewordings come with its ``Words``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .dates import Calendar, Day, PartialDate, parse_date
from .i18n import ENGLISH, Words
from .schema import Citation, Correction, Dated, FeatureProps, Frame, StoryMeta


def year_text(year: int, w: Words = ENGLISH) -> str:
    """An astronomical year as readers write it: '218 BC' (year -217), 'AD 9', '1932' (AD from 1000 on)."""
    if year <= 0:
        return w("year_bc", n=1 - year)
    return w("year_ad", n=year) if year < 1000 else w("year", n=year)


def _one(p: PartialDate, w: Words, with_year: bool = True, with_month: bool = True) -> str:
    year = year_text(p.year, w)
    if p.precision == "day" and p.month and p.day:
        month = w.raw("months")[p.month - 1]
        if not with_month:
            return w("day_only", day=p.day)
        return w("day", day=p.day, month=month, year=year) if with_year else w("day_no_year", day=p.day, month=month)
    if p.precision == "month" and p.month:
        month = w.raw("months")[p.month - 1]
        return w("month", month=month, year=year) if with_year else w("month_no_year", month=month)
    if p.precision == "season" and p.month:
        season = w.raw("seasons")[str(p.month)]
        return w("season", season=season, year=year) if with_year else w("season_no_year", season=season)
    return year


def tick_text(p: PartialDate, w: Words = ENGLISH, with_year: bool = False) -> str:
    """A time line tick: '25 Jan', 'Nov', 'autumn', with the year when asked ('Nov 1931', '218 BC')."""
    if p.month and p.precision in ("day", "month"):
        month, year = w.raw("months_short")[p.month - 1], year_text(p.year, w)
        if p.precision == "day" and p.day:
            return w("day", day=p.day, month=month, year=year) if with_year else w("day_no_year", day=p.day,
                                                                                   month=month)
        return w("month", month=month, year=year) if with_year else w("month_no_year", month=month)
    return _one(p, w, with_year)


def day_text(day: Day, calendar: Calendar = "gregorian", w: Words = ENGLISH) -> str:
    """One day of the axis in a calendar: '1 September 218 BC'."""
    return _one(parse_date(_iso(day, calendar), calendar), w)


def _iso(day: Day, calendar: Calendar) -> str:
    y, m, d = day.ymd(calendar)
    return f"-{-y:04d}-{m:02d}-{d:02d}" if y < 0 else f"{y:04d}-{m:02d}-{d:02d}"


def span_text(a: PartialDate, b: PartialDate | None = None, w: Words = ENGLISH) -> str:
    """'25 January 1932', '25–27 January 1932', '28 January – 2 February 1932', 'autumn 218 BC – 217 BC'.

    English shortens the start of a span (25–27 January); Chinese its end (1月25日至27日): the catalogue's
    ``shorten`` says which.
    """
    if b is None or b == a:
        return _one(a, w)
    if b.first <= a.first and b.last >= a.last and b.precision != a.precision:
        # an end that only says "within this month/year": e.g. a retreat begun on 5 February, ended that month
        return w("later_in", a=_one(a, w), b=_one(b, w))
    same_year = a.year == b.year and a.precision != "year" and b.precision != "year"
    short_end = w.get("shorten", "start") == "end"
    if same_year and a.precision == b.precision == "day" and a.month == b.month:
        if short_end:
            return w("span_days", a=_one(a, w), b=_one(b, w, with_month=False))
        return w("span_days", a=_one(a, w, with_month=False), b=_one(b, w))
    if same_year and a.month == b.month and a.precision == "month":
        return _one(a, w) if b.precision == "month" else w("month_to", a=_one(a, w), b=_one(b, w, with_year=False))
    if short_end:
        return w("span", a=_one(a, w), b=_one(b, w, with_year=not same_year))
    return w("span", a=_one(a, w, with_year=not same_year), b=_one(b, w))


def format_span(start: str, end: str | None = None, calendar: Calendar = "gregorian", w: Words = ENGLISH) -> str:
    """The span of two ISO dates written in one calendar (see span_text)."""
    return span_text(parse_date(start, calendar), parse_date(end, calendar) if end and end != start else None, w)


def _dual(item: Dated, w: Words) -> str:
    """A Julian date with its Gregorian day: '12/24 June 1812 (O.S./N.S.)'."""
    a, b = item.first, (item.last if item.end and item.end != item.start else None)
    if b is None and a.precision == "day":
        g = parse_date(_iso(a.first, "gregorian"))
        if w.get("shorten", "start") == "end":
            return w("dual_day", julian=_one(a, w), gregorian=_one(g, w))
        if g.year == a.year and g.month == a.month:
            return w("dual_day", julian=_one(a, w, with_month=False), gregorian=_one(g, w))
        return w("dual_day", julian=_one(a, w, with_year=g.year != a.year), gregorian=_one(g, w))
    gregorian = [parse_date(_iso(p.first, "gregorian")) for p in (a, b) if p is not None and p.precision == "day"]
    if len(gregorian) != (1 if b is None else 2):
        return w("old_style", julian=span_text(a, b, w))
    return w("dual_span", julian=span_text(a, b, w), gregorian=span_text(gregorian[0], gregorian[-1], w))


def date_text(item: Dated, w: Words = ENGLISH) -> str:
    """The span with 'c.' in front when approximate; a disputed date is flagged separately by each output."""
    if item.dual:
        text = _dual(item, w)
    else:
        text = span_text(item.first, item.last if item.end and item.end != item.start else None, w)
    return w("circa", text=text) if item.date_certainty == "approximate" else text


def date_label(item: Dated, w: Words = ENGLISH) -> str:
    """One line for places with no room for a badge: '4–5 February 1932 (disputed)'."""
    text = date_text(item, w)
    return w("disputed_label", text=text) if item.date_certainty == "disputed" else text


def display_name(props: FeatureProps, w: Words = ENGLISH) -> str:
    """English and Chinese names joined, skipping the ones a story does not give; Chinese first in Chinese."""
    names = (props.name_zh, props.name_en) if w.lang == "zh" else (props.name_en, props.name_zh)
    return " ".join(part for part in names if part)


def local_name(props: FeatureProps, w: Words = ENGLISH) -> str:
    """The one name to draw where there is room for one: the Chinese name in Chinese, where there is one."""
    return props.name_zh if w.lang == "zh" and props.name_zh else props.name_en


def source_year(year: int | str | None, w: Words = ENGLISH) -> str | None:
    """A work's year: a number is AD ('1932'); text is the story's own words ('c. 150 BC')."""
    if year is None or year == "":
        return None
    return year if isinstance(year, str) else str(year)


def citation_label(c: Citation, meta: StoryMeta, w: Words = ENGLISH) -> str:
    """'Seed, Harbin Incident ¶3' or 'League of Nations, 1932, Report of …, p. 80'."""
    if c.source == "seed":
        return f"{w('seed')}, {c.section} ¶{c.paragraph}"
    work = meta.sources.get(c.source)
    if work is None:
        return c.source
    who = ", ".join(x for x in (work.author, source_year(work.year, w)) if x)
    label = f"{who}, {work.title}" if who else work.title
    return f"{label}, {c.pages}" if c.pages else label


def short_citation(c: Citation, meta: StoryMeta, w: Words = ENGLISH) -> str:
    """A compact label for small print: "Wikipedia, 'Defense of Harbin', infobox", 'Coogan 1994, p. 290'."""
    if c.source == "seed":
        return seed_citation(c, meta, w)
    work = meta.sources.get(c.source)
    if work is not None and work.author and work.year:
        label = f"{work.author.split(',')[0]} {source_year(work.year, w)}"
    elif work is not None and work.publisher and "Wikipedia" in work.publisher:
        label = f"{work.publisher}, '{work.title}'"
    else:
        label = work.title if work is not None else c.source
    return f"{label}, {c.pages}" if c.pages else label


# --- Words on the map itself: short, whole, never cut with "…" ------------------------------------------


def event_label(name_en: str) -> str:
    """An event's name on the map: the part before a colon ('Harbin Incident: riot and …' → 'Harbin
    Incident'); the whole name stays in popups and captions."""
    return name_en.split(": ")[0].strip()


def unit_label(unit: str) -> str:
    """A unit's name beside its arrow: before any parenthesis ('2nd Division (Brigades of Amano and Hasebe)'
    → '2nd Division'), which holds notes for the reader of a popup, not a map label."""
    return unit.split(" (")[0].strip() or unit


def uses_period_name(name_period: str, texts: Iterable[str]) -> bool:
    """Whether the story's prose calls the feature by its period name (the word stands alone in a text)."""
    word = re.compile(rf"(?<!\w){re.escape(name_period)}(?!\w)")
    return any(word.search(t) for t in texts)


def river_label(name_en: str, name_period: str | None, texts: Iterable[str]) -> str:
    """One name per river: the period name where the story's text uses it ('Sungari' where the narrative
    says Sungari, though the modern name is Songhua River), else the English name."""
    if name_period and uses_period_name(name_period, texts):
        return name_period
    return name_en


def seed_citation(c: Citation, meta: StoryMeta, w: Words = ENGLISH) -> str:
    """A seed citation as a reader reads it: "Wikipedia, 'Defense of Harbin', infobox" or
    "Wikipedia, 'Defense of Harbin', Harbin Incident ¶3" (the publisher's first word, the article's title)."""
    seed = meta.seed
    publisher = (seed.publisher or "").split(",")[0].strip() if seed is not None else ""
    title = seed.title if seed is not None else ""
    section = c.section or ""
    where = {"infobox": w("infobox"), "lead": w("introduction")}.get(section.lower())
    if where is None:
        where = f"{section} ¶{c.paragraph}" if c.paragraph else section
    return ", ".join(part for part in (publisher, f"'{title}'" if title else "", where) if part)


def correction_short(about: str, map_shows: str) -> str:
    """A correction in one line for small print: what it is about, and what the map shows instead (its
    first sentence); the seed's claim and the reasons stay in the popups and the README."""
    first = re.split(r"(?<=[.;])\s", map_shows.strip(), maxsplit=1)[0].rstrip(".;")
    return f"{about} — {first[:1].lower() + first[1:] if first[1:2].islower() else first}."


def _paragraphs(numbers: list[int]) -> str:
    """'¶1–3, ¶5' for paragraphs 1, 2, 3 and 5."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"¶{r[0]}–{r[-1]}" if len(r) > 1 else f"¶{r[0]}" for r in runs)


def frame_sources(frame: Frame, meta: StoryMeta, w: Words = ENGLISH) -> str:
    """A frame's sources in one line for small print, each work once and the seed's places together:
    "Sources: Wikipedia, 'Defense of Harbin', Background ¶1–3; Coogan 1994, p. 290"."""
    seed_parts: dict[str, list[int]] = {}
    labels: dict[str, None] = {}
    for c in frame.sources:
        if c.source == "seed" and c.section:
            if not seed_parts:
                labels["\0seed"] = None  # the seed keeps the place of its first citation
            seed_parts.setdefault(c.section, []).extend([c.paragraph] if c.paragraph else [])
        else:
            labels[short_citation(c, meta, w)] = None
    if seed_parts:
        head = seed_citation(Citation(source="seed", section="Infobox"), meta, w).rsplit(", ", 1)[0]
        named = {"infobox": w("infobox"), "lead": w("introduction")}
        where = ", ".join(named.get(section.lower()) or f"{section} {_paragraphs(ps)}".strip()
                          for section, ps in seed_parts.items())
        labels = {(f"{head}, {where}" if k == "\0seed" else k): None for k in labels}
    return w("sources_line", list=w("list_sep").join(labels))


def frame_corrections(frame: Frame, meta: StoryMeta, w: Words = ENGLISH, detail: bool = True) -> list[str]:
    """A frame's corrections of its sources, one short line each ('Corrected: …'); without ``detail`` only
    what each is about (the smallest print: the pictures)."""
    by_id = {c.id: c for c in meta.corrections}
    if not detail:
        return [w("corrected", text=f"{by_id[i].about}.") for i in frame.corrections if i in by_id]
    return [w("corrected", text=correction_short(by_id[i].about, by_id[i].map_shows)) for i in frame.corrections
            if i in by_id]


CORRECTION_HEADINGS = ("The seed says", "The map shows", "Why")
"""The three parts of every correction in English, in the order every output gives them (see i18n)."""


def correction_title(c: Correction, w: Words = ENGLISH) -> str:
    """'Correction: Direction from which …', the heading every output gives a correction."""
    return w("correction", about=c.about)


def correction_says(c: Correction, meta: StoryMeta, w: Words = ENGLISH) -> str:
    """'The seed says (Seed, Harbin Incident ¶3)' or 'Livy, Ab urbe condita, 21.38 says': whose claim it is."""
    label = citation_label(c.cited, meta, w)
    return w("seed_says", source=label) if c.cited.source == "seed" else w("source_says", source=label)


def correction_rows(c: Correction, meta: StoryMeta, w: Words = ENGLISH) -> list[tuple[str, str]]:
    """A correction in full as (heading, text): the source's claim with its place, what the map shows, and why."""
    return [(correction_says(c, meta, w), c.claim), (w("map_shows"), c.map_shows), (w("why"), c.reason)]
