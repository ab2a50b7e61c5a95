"""The one Jinja environment for every template, each kept beside its output (webmap/templates, qgis/templates).

Autoescaping is on for all of them: author text reaches HTML and XML only escaped.
"""
from __future__ import annotations

from functools import lru_cache

import jinja2

# Each output keeps its templates in its own ``templates`` folder; an output with templates adds its package here.
TEMPLATE_PACKAGES = ("geostory.webmap", "geostory.qgis")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared environment, built once."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader(package, "templates") for package in TEMPLATE_PACKAGES]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # Compact UTF-8 JSON; Jinja's tojson still escapes <, >, & and ' so it is safe inside a script element.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env
