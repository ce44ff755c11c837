"""Cypher templates: one query per file under ``queries/<subject>/<question>.cypher``.

A template starts with a header of ``//`` lines, then the query::

    // name: units/profile
    // summary: 单位画像 | a unit's profile: notices, inspections, measures, status shares
    // params: unit: str, limit: int = 50
    // mode: read

``name`` must equal the file's path under ``queries/`` (without ``.cypher``); ``summary`` is
Chinese, ``|``, English; ``params`` lists ``name: type`` with an optional ``= default`` (types
str, int, float, bool, and list in internal statements; a str default may be quoted, ``''`` is
the empty string); ``mode`` is
read or write. Other ``// key: value`` lines are kept as notes. Loading checks that the declared
params are exactly the ``$names`` the query uses, so a template cannot drift from its header.

``queries/_internal/`` holds the statements graphkit itself runs (``internal_query``), written
and checked the same way; they are no templates: ``load_templates`` leaves out every folder
whose name starts with ``_``.

Values given on the command line (``-p key=value``) are strings; ``bind`` turns them into the
declared types. Every mistake a person can make here is a ``QueryError`` with one clear line.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import QueryError
from graphkit.paths import queries_dir

TYPES = ("str", "int", "float", "bool")
# Internal statements (queries/_internal/) may also take lists: their values come from code.
INTERNAL_TYPES = (*TYPES, "list")
MODES = ("read", "write")
_REQUIRED = ("name", "summary", "mode")
_MISSING: Any = object()

_HEADER_LINE = re.compile(r"^//\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"""\s*(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>[A-Za-z]+)
        (?:\s*=\s*(?P<default>'[^']*'|"[^"]*"|[^,'"]*?))?\s*(?:,|$)""",
    re.VERBOSE,
)
# String literals and comments hide `$` signs that are not parameters.
_NOT_CODE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.DOTALL)
_DOLLAR = re.compile(r"\$(?:([A-Za-z_]\w*)|`([^`]+)`)")
_TRUE = {"true", "1", "yes", "y", "on"}
_FALSE = {"false", "0", "no", "n", "off"}


@dataclass(frozen=True)
class Param:
    """One declared parameter: its name, type and default (``required`` when it has none)."""

    name: str
    type: str
    default: Any = _MISSING

    @property
    def required(self) -> bool:
        """True when the parameter has no default: a value must be given."""
        return self.default is _MISSING

    def describe(self) -> str:
        """``unit: str`` or ``limit: int = 50``, as `graphkit query list` shows it."""
        if self.required:
            return f"{self.name}: {self.type}"
        d = self.default
        if d is None:
            return f"{self.name}: {self.type} = null"
        shown = repr(d) if isinstance(d, str) else str(d).lower() if isinstance(d, bool) else str(d)
        return f"{self.name}: {self.type} = {shown}"

    def coerce(self, raw: Any, template: str) -> Any:
        """The value of ``raw`` (a string from the command line, or already typed) as ``type``."""
        where = f"template {template}: parameter {self.name}"
        if raw is None and self.default is None:  # declared `= null`: null stays null
            return None
        if self.type == "str":
            return str(raw)
        if self.type == "list":  # given from code (internal statements), never from a command line
            if isinstance(raw, list | tuple):
                return list(raw)
            raise QueryError(f"{where}: expected a list, got {raw!r}")
        if self.type == "bool":
            if isinstance(raw, bool):
                return raw
            s = str(raw).strip().lower()
            if s in _TRUE:
                return True
            if s in _FALSE:
                return False
            raise QueryError(f"{where}: expected true or false, got {raw!r}")
        if self.type == "int":
            if isinstance(raw, bool):
                raise QueryError(f"{where}: expected an integer, got {raw!r}")
            if isinstance(raw, int):
                return raw
            try:
                return int(str(raw).strip().replace("_", ""))
            except ValueError:
                raise QueryError(f"{where}: expected an integer, got {raw!r}") from None
        # float
        try:
            v = float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else float(str(raw))
        except ValueError:
            raise QueryError(f"{where}: expected a number, got {raw!r}") from None
        if not math.isfinite(v):
            raise QueryError(f"{where}: expected a finite number, got {raw!r}")
        return v


@dataclass(frozen=True)
class Template:
    """A parsed template: header fields and the query text."""

    name: str
    summary: str
    params: tuple[Param, ...]
    mode: str
    cypher: str
    path: Path
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def summary_zh(self) -> str:
        """The Chinese half of the summary (before ``|``)."""
        return self.summary.split("|", 1)[0].strip()

    @property
    def summary_en(self) -> str:
        """The English half of the summary (after ``|``; the whole summary when it has no ``|``)."""
        parts = self.summary.split("|", 1)
        return parts[1].strip() if len(parts) > 1 else parts[0].strip()

    def param(self, name: str) -> Param:
        """The declared parameter ``name``; an unknown name is a QueryError listing the known ones."""
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"template {self.name}: unknown parameter {name!r} (it takes: {known})")

    def bind(self, values: dict[str, Any] | None = None) -> dict[str, Any]:
        """Declared params filled from ``values`` (coerced) and defaults; unknown or missing → error."""
        values = dict(values or {})
        for k in values:
            self.param(k)
        out: dict[str, Any] = {}
        missing = []
        for p in self.params:
            if p.name in values:
                out[p.name] = p.coerce(values[p.name], self.name)
                # A required text is what the question is about; empty, it would match everything
                # in Neo4j and nothing in LadybugDB (`x CONTAINS ''`), so it is refused.
                if p.required and p.type == "str" and not out[p.name].strip():
                    raise QueryError(f"template {self.name}: parameter {p.name} must not be empty")
            elif p.required:
                missing.append(p.name)
            else:
                out[p.name] = p.default
        if missing:
            raise QueryError(
                f"template {self.name}: missing parameter {', '.join(missing)} (give -p {missing[0]}=…)"
            )
        return out

    def as_dict(self) -> dict[str, Any]:
        """Name, summary, mode, params (with defaults) and path, as `graphkit query list --format json`."""
        return {
            "name": self.name,
            "summary": self.summary,
            "mode": self.mode,
            "params": [
                {"name": p.name, "type": p.type, **({} if p.required else {"default": p.default})}
                for p in self.params
            ],
            "path": str(self.path),
        }


def parse_params(text: str, where: str = "template", types: tuple[str, ...] = TYPES) -> tuple[Param, ...]:
    """``"unit: str, limit: int = 50"`` → Params (empty text or ``none`` → no params); a
    default of ``null`` makes a parameter that is null unless given (and may be given null).

    ``types`` are the parameter types allowed (internal statements also allow ``list``).
    """
    text = text.strip()
    if text in ("", "none", "-"):
        return ()
    out: list[Param] = []
    pos = 0
    while pos < len(text):
        m = _PARAM.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"{where}: cannot read params at {text[pos:]!r} (write `name: type = default`)")
        name, typ, default = m.group("name"), m.group("type"), m.group("default")
        if typ not in types:
            raise QueryError(f"{where}: parameter {name}: unknown type {typ!r} (use {', '.join(types)})")
        if any(p.name == name for p in out):
            raise QueryError(f"{where}: parameter {name} declared twice")
        p = Param(name, typ)
        if default is not None and default.strip() == "null":  # optional, null unless given
            p = Param(name, typ, None)
        elif default is not None:
            default = default.strip()
            if len(default) >= 2 and default[0] == default[-1] and default[0] in "'\"":
                default = default[1:-1]
            elif typ == "str" and default == "":
                raise QueryError(f"{where}: parameter {name}: empty default (write '' for the empty string)")
            p = Param(name, typ, p.coerce(default, where))
        out.append(p)
        pos = m.end()
    return tuple(out)


def used_params(cypher: str) -> set[str]:
    """The ``$names`` a query uses (outside strings and comments)."""
    code = _NOT_CODE.sub(" ", cypher)
    return {a or b for a, b in _DOLLAR.findall(code)}


def parse_template(text: str, path: Path, name: str | None = None, *, internal: bool = False) -> Template:
    """Parse one template file's text; ``name`` is what its path says it must be called.

    ``internal``: an internal statement (queries/_internal/), whose params may also be lists.
    """
    where = str(path)
    header: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines) and (lines[i].startswith("//") or not lines[i].strip()):
        line = lines[i]
        i += 1
        if not line.strip():
            if header:
                break
            continue
        m = _HEADER_LINE.match(line)
        if m:
            key = m.group(1).lower()
            if key in header:
                raise QueryError(f"{where}: header field {key!r} given twice")
            header[key] = m.group(2)
    cypher = "\n".join(lines[i:]).strip()
    for key in _REQUIRED:
        if not header.get(key):
            raise QueryError(f"{where}: header lacks `// {key}: …`")
    if name is not None and header["name"] != name:
        raise QueryError(f"{where}: header name {header['name']!r} does not match its path ({name!r})")
    if header["mode"] not in MODES:
        raise QueryError(f"{where}: mode must be read or write, not {header['mode']!r}")
    if not cypher:
        raise QueryError(f"{where}: no query after the header")
    params = parse_params(header.get("params", ""), where, INTERNAL_TYPES if internal else TYPES)
    declared, used = {p.name for p in params}, used_params(cypher)
    if declared != used:
        parts = []
        if used - declared:
            parts.append(f"uses undeclared {', '.join('$' + n for n in sorted(used - declared))}")
        if declared - used:
            parts.append(f"declares unused {', '.join(sorted(declared - used))}")
        raise QueryError(f"{where}: params do not match the query: {'; '.join(parts)}")
    notes = {k: v for k, v in header.items() if k not in (*_REQUIRED, "params")}
    return Template(header["name"], header["summary"], params, header["mode"], cypher, path, notes)


def load_templates(folder: Path | None = None) -> dict[str, Template]:
    """Every template under ``folder`` (default: the project's queries/), by name, sorted."""
    root = Path(folder) if folder is not None else queries_dir()
    out: dict[str, Template] = {}
    for path in sorted(root.rglob("*.cypher")):
        rel = path.relative_to(root)
        if any(part.startswith("_") for part in rel.parts[:-1]):
            continue  # queries/_internal/: statements graphkit runs itself, not questions
        name = rel.with_suffix("").as_posix()
        out[name] = parse_template(path.read_text(encoding="utf-8"), path, name)
    return out


@functools.cache
def internal_query(name: str) -> Template:
    """A statement graphkit runs itself, from ``queries/_internal/<name>.cypher``.

    Written like a template (header, ``$params`` only) and checked the same way when read, so
    no Cypher lives in the Python modules that run it.

    Raises:
        QueryError: no such file, or its header does not match its query.
    """
    path = queries_dir() / "_internal" / f"{name}.cypher"
    if not path.is_file():
        raise QueryError(f"no internal query {name!r} ({path})")
    return parse_template(path.read_text(encoding="utf-8"), path, f"_internal/{name}", internal=True)


def get_template(name: str, folder: Path | None = None) -> Template:
    """One template by name; an unknown name is a QueryError that suggests close names."""
    templates = load_templates(folder)
    name = name.strip().removesuffix(".cypher")
    if name in templates:
        return templates[name]
    import difflib

    close = difflib.get_close_matches(name, list(templates), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `graphkit query list`"
    raise QueryError(f"unknown template {name!r}{hint}")


def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """``["unit=东河县委", "limit=5"]`` → dict; a malformed or repeated item is a QueryError."""
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise QueryError(f"bad parameter {item!r}: write -p name=value")
        if key in out:
            raise QueryError(f"parameter {key!r} given twice")
        out[key] = value
    return out


def guess_value(raw: str) -> Any:
    """The value of an ad-hoc ``-p key=value`` (no declared type): int, float, bool, null or str.

    Quote a value to keep it a string: ``-p code='"0042"'``.
    """
    s = raw.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        return s[1:-1]
    if s.lower() in ("true", "false"):
        return s.lower() == "true"
    if s.lower() == "null":
        return None
    if re.fullmatch(r"[-+]?\d+", s):
        return int(s)
    if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?", s):
        return float(s)
    return raw


def parse_values(items: list[str] | None) -> dict[str, Any]:
    """Ad-hoc ``-p name=value`` items → parameters, each value read by `guess_value`."""
    return {k: guess_value(v) for k, v in parse_assignments(items).items()}
