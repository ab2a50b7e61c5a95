"""The one Jinja environment for every template in ``geostory/templates`` (web map, QGIS styles, project).

Autoescaping is on for all of them: author text reaches HTML and XML only escaped.
"""
from __future__ import annotations

from functools import lru_cache

import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared environment, built once."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("geostory", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # Compact UTF-8 JSON; Jinja's tojson still escapes <, >, & and ' so it is safe inside a script element.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env
