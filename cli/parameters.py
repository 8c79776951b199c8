"""Command-line values that need no conversion skip typer's pydantic validators.

typer (0.29) turns every parameter value but a boolean flag into its Python type
through a pydantic ``TypeAdapter``, so the first value of any command imports
pydantic: about a third of a one-line ``yakugo lint``, for values that are already
what the command takes (the ``text`` default of ``--format``, the paths of a
``list[str]`` argument, an absent option). No typer setting avoids it. ``install``
wraps ``process_value`` of typer's parameters: a value typer's own coercion would
return unchanged (None, a string for ``str``, strings for ``list[str]``, one of a
``Literal``'s values, an ``int`` within its bounds) is taken as it is, and a path
for a ``Path`` becomes ``Path(value)`` as typer's adapter makes it; any other value
(a wrong choice, a number out of range) goes through typer as before, with typer's
messages.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

_CONVERT = object()  # "typer must convert this value"


def _inner(annotation: Any) -> Any:
    """``X`` for ``X | None``."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = [member for member in get_args(annotation) if member is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def unchanged_value(parameter: Any, ctx: Any, value: Any) -> Any:
    """``value`` as typer's coercion would return it when that needs no conversion,
    else ``_CONVERT``."""
    descriptor = getattr(parameter, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    if descriptor is None or info is None or getattr(info, "parser", None) is not None or descriptor.file_annotation is not None:
        return _CONVERT
    multiple = parameter.multiple or parameter.nargs == -1
    if value is None:
        return () if multiple else None
    annotation = _inner(descriptor.annotation)
    if multiple:
        if get_origin(annotation) is list and get_args(annotation) == (str,) and isinstance(value, (list, tuple)):
            if all(type(item) is str for item in value):
                return list(value)
        return _CONVERT
    if annotation is str:
        return value if type(value) is str else _CONVERT
    if annotation is Path and isinstance(value, (str, Path)):
        return Path(value)  # what typer's adapter makes of a path (checks, if any, are click's, done before)
    if get_origin(annotation) is Literal:
        normalizes = getattr(ctx, "token_normalize_func", None) is not None or not info.case_sensitive
        return value if type(value) is str and value in get_args(annotation) and not normalizes else _CONVERT
    if annotation is int and type(value) is int and not info.clamp:
        if (info.min is None or value >= info.min) and (info.max is None or value <= info.max):
            return value
    return _CONVERT


def install() -> None:
    """Wrap typer's ``process_value`` (when this typer has the method the wrapper expects)."""
    import typer.core

    parameter_class = getattr(typer.core, "_TyperParameter", None)
    if parameter_class is None or not hasattr(parameter_class, "get_runtime_param") or getattr(parameter_class, "_yakugo_fast", False):
        return
    typer_process_value = parameter_class.process_value

    def process_value(self, ctx, value):
        if type(value) is bool and self.type_descriptor.annotation is bool:
            return typer_process_value(self, ctx, value)  # typer passes these by itself
        unchanged = unchanged_value(self, ctx, value)
        if unchanged is _CONVERT:
            return typer_process_value(self, ctx, value)
        # What typer's process_value does after its coercion.
        if self.required and self.value_is_missing(unchanged):
            from typer._click.exceptions import MissingParameter

            raise MissingParameter(ctx=ctx, param=self)
        if self.callback is not None:
            unchanged = self.callback(ctx, self, unchanged)
        return unchanged

    parameter_class.process_value = process_value
    parameter_class._yakugo_fast = True
