"""The one Jinja environment for every template, each kept beside its output (webmap/, qgis/, serve/templates).

Autoescaping is on for all of them: author text reaches HTML and XML only escaped.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.filters
from markupsafe import Markup, escape

# Each output keeps its templates in its own ``templates`` folder; an output with templates adds its package here.
TEMPLATE_PACKAGES = ("geostory.webmap", "geostory.qgis", "geostory.serve")


XML_TEMPLATES = (".qgs.j2", ".qml.j2", ".xml.j2", ".sld.j2")
_BREAKS = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


@jinja2.pass_context
def _keep_line_breaks_in_xml(context: jinja2.runtime.Context, value: object) -> object:
    """In XML, author text keeps its line breaks and tabs as character references.

    An XML parser turns a raw line break inside an attribute into a space, so a two-line side label
    would reach QGIS as one line; ``&#10;`` survives. Markup (already escaped) is left as it is.
    """
    if isinstance(value, str) and not isinstance(value, Markup) and (context.name or "").endswith(XML_TEMPLATES):
        text = str(escape(value))
        for raw, ref in _BREAKS.items():
            text = text.replace(raw, ref)
        return Markup(text)
    return value


def _folder(package: str) -> str:
    """The package's ``templates`` folder, found without importing the package: jinja2.PackageLoader would
    import it, and importing geostory.webmap (folium) cost every QGIS export about a second."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"geostory is installed without its package {package}")
    return str(Path(next(iter(spec.submodule_search_locations))) / "templates")


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    """Jinja's ``indent`` filter worked on plain text, then marked safe again if it was: the same output,
    without Markup re-escaping every line on the way (which made the QGIS styles cost about a second)."""
    out = jinja2.filters.do_indent(str(s), width, first, blank)
    return Markup(out) if isinstance(s, Markup) else out


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared environment, built once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([_folder(package) for package in TEMPLATE_PACKAGES]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_keep_line_breaks_in_xml,
    )
    env.filters["indent"] = _indent
    # Compact UTF-8 JSON; Jinja's tojson still escapes <, >, & and ' so it is safe inside a script element.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env
