"""``[[value NAME.key:spec]]`` anywhere in a page, caption, alt text or notebook Markdown becomes the number the
build computed (:mod:`tfnotes.values`), formatted for the page's language. An unknown name or key, or a spec that
does not fit, fails the build and names the page."""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from tfnotes.site import state
from tfnotes.values import PageValueError, format_value

VALUE = re.compile(r"\[\[value ([a-z0-9-]+)(?:\.([A-Za-z0-9_]+))?(?::([^\]\s]+))?\]\]")


def expand(text: str, lang: str, where: str) -> str:
    values = state["values"]

    def one(match: re.Match) -> str:
        name, key, spec = match.group(1), match.group(2), match.group(3) or ""
        if name not in values:
            raise PluginError(f"{where}: unknown value {name!r} in {match.group(0)}; known: {sorted(values)}")
        v = values[name]
        if key is not None:
            if not isinstance(v, dict) or key not in v:
                keys = sorted(v) if isinstance(v, dict) else "none (a single value)"
                raise PluginError(f"{where}: value {name!r} has no key {key!r} in {match.group(0)}; keys: {keys}")
            v = v[key]
        elif isinstance(v, dict):
            raise PluginError(f"{where}: {match.group(0)} needs a key; keys of {name!r}: {sorted(v)}")
        try:
            return format_value(v, spec, lang)
        except PageValueError as exc:
            raise PluginError(f"{where}: {match.group(0)}: {exc}") from None

    return VALUE.sub(one, text)
