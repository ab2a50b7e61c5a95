"""The story schema, written once as types and validated where files are read.

Each GeoJSON layer has one properties model; ``story.json`` and ``frames.json`` have theirs. Anything the
types cannot say (references between files, seed paragraphs, geometry) is checked in ``loader``.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, cast

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .dates import Calendar, PartialDate, parse_date
from .i18n import catalogue
from .vocabulary import ExtraField, Kinds, is_language_name, kind_labels, kind_problem

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", description="lower-case words joined by '-'")]
Text = Annotated[str, Field(min_length=1)]
Certainty = Literal["exact", "approximate", "disputed"]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Citation(_Model):
    """Where a claim comes from: a seed section and paragraph, or a work listed in ``story.json``."""

    source: Text
    section: str | None = None
    paragraph: Annotated[int, Field(ge=1)] | None = None
    pages: str | None = None
    note: str | None = None


class Dated(_Model):
    """A start date, an optional end date, the calendar they are written in, and how sure we are of them.

    The calendar defaults to the story's (``calendar`` in story.json, given to validation as context); the
    parsed dates are kept so every output reads the same days.
    """

    calendar: Calendar | None = Field(None, exclude=True,
                                      description="the calendar of start and end, when not the story's")
    start: str
    end: str | None = None
    date_certainty: Certainty = "exact"
    date_note: str | None = None
    _first: PartialDate = PrivateAttr()
    _last: PartialDate = PrivateAttr()
    _dual: bool = PrivateAttr(False)

    @field_validator("start", "end")
    @classmethod
    def _iso(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            parse_date(value, _calendar(info.data.get("calendar"), info.context))
        return value

    @model_validator(mode="after")
    def _parse(self, info: ValidationInfo) -> Dated:
        cal = _calendar(self.calendar, info.context)
        self._first = parse_date(self.start, cal)
        self._last = parse_date(self.end or self.start, cal)
        self._dual = bool((info.context or {}).get("dual_dates")) and cal == "julian"
        return self

    def date_problems(self) -> list[tuple[str, str, str]]:
        """Rules across fields, as (field, expected, found); kept here beside the fields they join."""
        problems = []
        if self.end is not None and self.last.last < self.first.first:
            problems.append(("end", f"a date on or after start {self.start}", f'"{self.end}"'))

        if self.date_certainty != "exact" and not self.date_note:
            problems.append(("date_note", f"a note saying why the date is {self.date_certainty}", "nothing"))
        return problems

    @property
    def first(self) -> PartialDate:
        return cast("PartialDate", _private(self)["_first"])

    @property
    def last(self) -> PartialDate:
        return cast("PartialDate", _private(self)["_last"])

    @property
    def dual(self) -> bool:
        """Whether this date is shown in both calendars, '12/24 June 1812 (O.S./N.S.)' (story.json dual_dates)."""
        return cast("bool", _private(self)["_dual"])


def _private(model: BaseModel) -> dict[str, Any]:
    """A model's private attributes, where pydantic keeps them: ``self._first`` read without the detour through
    pydantic's ``__getattr__`` (every output reads a dated feature's days, tens of thousands of times)."""
    return cast("dict[str, Any]", model.__pydantic_private__)


def _calendar(own: Any, context: Any) -> Calendar:
    if own in ("gregorian", "julian"):
        return own  # type: ignore[no-any-return]
    story = (context or {}).get("calendar") if isinstance(context, dict) else None
    return story if story in ("gregorian", "julian") else "gregorian"


class FeatureProps(_Model):
    """Properties every feature carries: names, a narrative and its sources."""

    name_en: Text
    name_zh: str | None = Field(None, description="Chinese name, simplified characters")
    name_period: str | None = Field(
        None,
        validation_alias=AliasChoices("name_period", "name_1930s"),  # the first story's field name still reads
        description="the name in use at the time of the story (Tsitsihar, Mukden, Kirin for 1932)",
    )
    narrative: Text
    sources: Annotated[list[Citation], Field(min_length=1)]
    corrections: list[Slug] = Field(default_factory=list)  # a factory: a mutable default is deep-copied each time
    extra_fields: dict[str, str | int | float | bool | None] = Field(default_factory=dict, exclude=True)
    """Fields story.json declares under ``fields``, and names in other languages (``name_fr``), as written."""

    @model_validator(mode="before")
    @classmethod
    def _keep_extra(cls, data: Any, info: ValidationInfo) -> Any:
        """Move declared extra fields and language names aside; any other unknown field is still refused."""
        if not isinstance(data, dict):
            return data
        declared = (info.context or {}).get("fields", ()) if isinstance(info.context, dict) else ()
        known = _field_names(cls)
        if known.issuperset(data):  # no unknown field: the common case, in one call
            return data
        kept = {k: v for k, v in data.items() if k not in known and (is_language_name(k) or k in declared)}
        if not kept:
            return data
        return {**{k: v for k, v in data.items() if k not in kept}, "extra_fields": kept}


_FIELD_NAMES: dict[type[BaseModel], frozenset[str]] = {}


def _field_names(cls: type[BaseModel]) -> frozenset[str]:
    """Every name a model reads a field under (aliases included), computed once per model."""
    if cls not in _FIELD_NAMES:
        names: set[str] = set()
        for name, info in cls.model_fields.items():
            names.add(name)
            if info.alias:
                names.add(info.alias)
            if isinstance(info.validation_alias, AliasChoices):
                names.update(c for c in info.validation_alias.choices if isinstance(c, str))
        _FIELD_NAMES[cls] = frozenset(names - {"extra_fields"})
    return _FIELD_NAMES[cls]


def _kind_in(layer: str, value: str, info: ValidationInfo) -> str:
    known = info.context.get("known_kinds", {}).get(layer) if isinstance(info.context, dict) else None
    if known is not None and value in known:  # the common case, without building the kinds' labels again
        return value
    problem = kind_problem(layer, value, info.context)
    if problem:
        raise ValueError(problem)
    return value


class PlaceProps(FeatureProps):
    kind: str = "town"
    location_certainty: Literal["exact", "approximate"] = "exact"
    label_rank: Annotated[int, Field(ge=1, le=3)] = 2

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str, info: ValidationInfo) -> str:
        return _kind_in("places", value, info)


class RiverProps(FeatureProps):
    kind: Literal["river"] = "river"


class RailwayProps(FeatureProps):
    kind: Literal["railway"] = "railway"
    operator: Text = Field(validation_alias=AliasChoices("operator", "operator_1932"))
    route_certainty: Literal["known", "approximate", "schematic"] = "approximate"


class EventProps(FeatureProps, Dated):
    kind: str
    place: Slug | None = None
    side: Slug | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str, info: ValidationInfo) -> str:
        return _kind_in("events", value, info)


class MovementProps(FeatureProps, Dated):
    kind: str
    unit: Text
    commander: str | None = None
    side: Slug
    strength: str | None = Field(None, description="a figure with its source, or null when unknown")
    from_place: Slug = Field(alias="from")
    to_place: Slug = Field(alias="to")
    route_certainty: Literal["known", "approximate", "schematic"]
    curve: Annotated[float, Field(ge=-1, le=1)] = 0.0

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str, info: ValidationInfo) -> str:
        return _kind_in("movements", value, info)


DatedProps = EventProps | MovementProps
"""The dated layers' properties; narrow with ``isinstance(p, DatedProps)`` (mypy cannot intersect with Dated)."""


class Frame(Dated):
    """One step of the story: a dated view with its narrative."""

    id: Slug
    title: Text
    narrative: Text
    features: Annotated[list[Slug], Field(min_length=1)]
    focus: list[Slug] | None = None
    sources: Annotated[list[Citation], Field(min_length=1)]
    corrections: list[Slug] = Field(default_factory=list)
    questions: list[Text] = Field(default_factory=list,
                                  description="questions for students, printed with the frame in the handout")


class Source(_Model):
    title: Text
    author: str | None = None
    year: int | str | None = Field(None, description="AD as a number; before AD 1 as text, like 'c. 150 BC'")
    publisher: str | None = None
    url: str | None = None
    licence: str | None = None
    note: str | None = None


    @field_validator("year")
    @classmethod
    def _year(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, int) and value <= 0:
            raise ValueError(f'a year AD as a number, or the words readers use as text, like "c. {1 - value} BC"')
        return value


class Seed(Source):
    file: Text


class Side(_Model):
    label: Text
    label_zh: str | None = None
    colour: Colour


class SeedRef(_Model):
    section: Text
    paragraph: Annotated[int, Field(ge=1)]


class Correction(_Model):
    """A place where the map departs from a source: the source's claim, what the map shows, and why.

    The source is any cited one (``source``, a citation like any other); ``seed`` with ``seed_claim`` is the
    older form for the seed and still reads.
    """

    id: Slug
    about: Text
    source: Citation | None = None
    seed: SeedRef | None = None
    claim: Text = Field(validation_alias=AliasChoices("claim", "seed_claim"))
    map_shows: Text
    reason: Text
    sources: Annotated[list[Citation], Field(min_length=1)]

    @model_validator(mode="after")
    def _one_source(self) -> Correction:
        if (self.source is None) == (self.seed is None):
            raise ValueError('the source whose claim this corrects, once: "source": {"source": "seed", "section": '
                             '"…", "paragraph": 1} or a work of story.json sources, like {"source": "livy", '
                             '"pages": "21.38"}')
        return self

    @property
    def cited(self) -> Citation:
        """Where the corrected claim is, as a citation."""
        if self.source is not None:
            return self.source
        assert self.seed is not None
        return Citation(source="seed", section=self.seed.section, paragraph=self.seed.paragraph)

    @property
    def seed_claim(self) -> str:
        """The claim, under its older name."""
        return self.claim


class StoryMeta(_Model):
    id: Slug
    title: Text
    title_zh: str | None = None
    subtitle: str | None = None
    summary: Text
    seed: Seed | None = None
    sources: dict[str, Source] = {}
    sides: Annotated[dict[str, Side], Field(min_length=1)]
    corrections: list[Correction] = []
    credits: str | None = None
    calendar: Calendar = Field("gregorian", description="the calendar dates are written in, unless a date says")
    dual_dates: bool = Field(False,
                             description="show Julian dates with their Gregorian day: 12/24 June 1812 (O.S./N.S.)")
    language: Literal["en", "zh"] = Field("en", description="the language of the interface and of the story's text")
    words: dict[Literal["en", "zh"], dict[str, str]] = Field(
        {}, description="the story's own wording of interface messages, by language: 'seed_says', 'seed', 'sources' …")
    @field_validator("words")
    @classmethod
    def _known_words(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        known = catalogue("en")
        for lang, messages in value.items():
            for key in messages:
                if key not in known or not isinstance(known[key], str):
                    names = ", ".join(k for k, v in known.items() if isinstance(v, str))
                    raise ValueError(f"words.{lang}.{key}: a message of the catalogue ({names})")
        return value

    kinds: Kinds = Kinds()
    """The story's own place, event and movement kinds, beside the built-in ones."""
    fields: dict[str, ExtraField] = {}
    """Extra feature properties the story keeps (written to the GeoPackage, shown in popups)."""

    def validation_context(self) -> dict[str, Any]:
        """What validating the story's other files needs from story.json."""
        return {"calendar": self.calendar, "dual_dates": self.dual_dates, "kinds": self.kinds,
                "known_kinds": {layer: frozenset(kind_labels(self.kinds, layer)) for layer in KIND_LAYERS},
                "fields": frozenset(self.fields)}


LAYERS: dict[str, tuple[type[FeatureProps], tuple[str, ...], bool]] = {
    # layer name: (properties model, allowed geometry types, required)
    "places": (PlaceProps, ("Point",), True),
    "rivers": (RiverProps, ("LineString", "MultiLineString"), False),
    "railways": (RailwayProps, ("LineString", "MultiLineString"), False),
    "events": (EventProps, ("Point",), False),
    "movements": (MovementProps, ("LineString",), False),
}
DATED_LAYERS = ("events", "movements")
KIND_LAYERS = ("places", "events", "movements")
"""The layers whose features have a kind from a vocabulary (built in, or declared in story.json)."""
