"""Drill-downs: which chart element's signals to list, as a value that is also a URL parameter.

A drill-down is written ``kind|name|name…`` (the README's ``drill`` parameter):

- ``pair|A|B``: signals where outlets A and B are co-cited (at the page's level);
- ``outlet|A``: signals citing outlet A;
- ``set|A|B|C``: stories crediting exactly these of the top outlets (an intersection);
- ``cell|OUTLET|THEME``: signals citing OUTLET whose main theme is THEME;
- ``themes|T1|T2``: signals carrying both themes.

A name may itself hold ``|`` or ``\\``: inside a name, ``\\`` is written ``\\\\`` and ``|`` is
written ``\\|``, so every name survives the round trip. A link written by hand with names that
hold neither (every link made before this rule) reads exactly as it did.

Charts carry ``Drill.encode()`` as the customdata of each clickable element; pages decode the
value of a click or of a link and turn it into a heading and the arguments of
``queries.signals_list``. Nothing here knows about Streamlit or SQL.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

SEPARATOR, ESCAPE = "|", "\\"
# kind: what each part names ("outlet" or "theme"); "set" takes one outlet or more.
SHAPES: dict[str, tuple[str, ...]] = {
    "pair": ("outlet", "outlet"),
    "outlet": ("outlet",),
    "set": ("outlet",),
    "cell": ("outlet", "theme"),
    "themes": ("theme", "theme"),
}


def escape_part(name: str) -> str:
    """A name as written inside a drill-down value (``\\`` and ``|`` escaped)."""
    return name.replace(ESCAPE, ESCAPE * 2).replace(SEPARATOR, ESCAPE + SEPARATOR)


def split_parts(text: str) -> list[str]:
    """The parts of a drill-down value, split at unescaped ``|`` and unescaped. A lone ``\\`` at
    the end, or before any other character, stands for itself."""
    parts, current, i = [], [], 0
    while i < len(text):
        char = text[i]
        if char == ESCAPE and i + 1 < len(text) and text[i + 1] in (ESCAPE, SEPARATOR):
            current.append(text[i + 1])
            i += 2
            continue
        if char == SEPARATOR:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


@dataclass(frozen=True)
class Drill:
    """One chart element whose signals a page lists below the chart."""

    kind: str
    parts: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.well_formed(self.kind, self.parts):
            raise ValueError(f"not a drill-down: {self.kind!r} with {len(self.parts)} names")

    @staticmethod
    def well_formed(kind: str, parts: tuple[str, ...]) -> bool:
        shape = SHAPES.get(kind)
        if shape is None or not parts:
            return False
        return kind == "set" or len(parts) == len(shape)

    # --- the kinds ----------------------------------------------------------------------------

    @classmethod
    def pair(cls, a: str, b: str) -> Drill:
        return cls("pair", (a, b))

    @classmethod
    def outlet(cls, name: str) -> Drill:
        return cls("outlet", (name,))

    @classmethod
    def exact_set(cls, outlets: Collection[str]) -> Drill:
        return cls("set", tuple(outlets))

    @classmethod
    def cell(cls, outlet: str, theme: str) -> Drill:
        return cls("cell", (outlet, theme))

    @classmethod
    def themes(cls, a: str, b: str) -> Drill:
        return cls("themes", (a, b))

    # --- text ---------------------------------------------------------------------------------

    def encode(self) -> str:
        """The value for the URL's ``drill`` parameter and for a chart's customdata."""
        return SEPARATOR.join([self.kind, *(escape_part(p) for p in self.parts)])

    def __str__(self) -> str:
        return self.encode()

    @classmethod
    def decode(cls, text: object) -> Drill | None:
        """The drill-down a value names; None if it is not one (unknown kind, wrong number of
        names, not text)."""
        if not isinstance(text, str) or not text:
            return None
        kind, *parts = split_parts(text)
        if not cls.well_formed(kind, tuple(parts)):
            return None
        return cls(kind, tuple(parts))

    # --- meaning ------------------------------------------------------------------------------

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlet names it refers to."""
        return tuple(
            p for p, role in zip(self.parts, self._roles(), strict=True) if role == "outlet"
        )

    @property
    def theme_slugs(self) -> tuple[str, ...]:
        """The theme slugs it refers to."""
        return tuple(
            p for p, role in zip(self.parts, self._roles(), strict=True) if role == "theme"
        )

    def _roles(self) -> tuple[str, ...]:
        return SHAPES[self.kind] * len(self.parts) if self.kind == "set" else SHAPES[self.kind]

    def known(self, outlets: Collection[str], themes: Collection[str]) -> bool:
        """Whether every outlet and theme it names is among those given (a link can carry
        anything; an unknown name gets a notice rather than an empty list)."""
        return all(o in outlets for o in self.outlets) and all(
            t in themes for t in self.theme_slugs
        )

    def heading(self, theme_names: Mapping[str, str], level: str = "story") -> str:
        """What the list below the chart shows, in words (plain text: escape it to render)."""
        p = self.parts
        if self.kind == "pair":
            return f"Signals where {p[0]} and {p[1]} are co-cited ({level} level)"
        if self.kind == "outlet":
            return f"Signals citing {p[0]}"
        if self.kind == "cell":
            return f"Signals citing {p[0]} whose main theme is {theme_names.get(p[1], p[1])}"
        if self.kind == "themes":
            return "Signals carrying both " + " and ".join(theme_names.get(t, t) for t in p)
        return f"Stories crediting exactly {' + '.join(p)} (among the top outlets)"

    def signal_filter(self, level: str = "story") -> dict | None:
        """Keyword arguments of ``queries.signals_list`` that list its signals; None for a set,
        whose stories come from the intersections computed for the chart."""
        p = self.parts
        if self.kind == "pair":
            return {"all_outlets": p, "same_story": level == "story"}
        if self.kind == "outlet":
            return {"all_outlets": p}
        if self.kind == "cell":
            return {"all_outlets": (p[0],), "theme": p[1], "main_theme": True}
        if self.kind == "themes":
            return {"all_themes": p}
        return None
