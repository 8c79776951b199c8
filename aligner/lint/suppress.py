"""Suppression directives: silencing lint findings where a writer means what they wrote.

Markdown (and HTML) files put them in comments, anywhere::

    <!-- yakugo-disable-next-line mixed-variants -->
    <!-- yakugo-disable deprecated-variant, context-confusable -->
    …
    <!-- yakugo-enable -->

Plain-text files put the same directives on a line of their own starting with
``#``: ``# yakugo-disable-next-line``. Without rule ids a directive applies
to every rule. ``disable-next-line`` covers the line after the one the
directive ends on; ``disable`` covers every line from its own up to the
matching ``enable``. After the rule ids, `` -- `` starts a free reason
(``<!-- yakugo-disable-next-line mixed-variants -- 引用のまま -->``). A comment
inside a Markdown code span or block is an example being shown, not a
directive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from yakugo.aligner.core.markdown_mask import mask_markdown
from yakugo.glossary.errors import InputError, located

_DIRECTIVE = r"yakugo-(disable-next-line|disable|enable)\b([^\n]*?)"
_IN_COMMENT = re.compile(r"<!--\s*" + _DIRECTIVE + r"\s*-->", re.DOTALL)
_ON_HASH_LINE = re.compile(r"^\s*#\s*" + _DIRECTIVE + r"\s*$")


@dataclass(frozen=True)
class _State:
    all_off: bool = False
    off: frozenset[str] = frozenset()
    back_on: frozenset[str] = frozenset()  # rules re-enabled inside an all-rules region

    def silences(self, rule: str) -> bool:
        return rule in self.off or (self.all_off and rule not in self.back_on)

    def apply(self, kind: str, rules: frozenset[str]) -> "_State":
        if kind == "disable":
            if not rules:
                return _State(all_off=True)
            return _State(self.all_off, self.off | rules, self.back_on - rules)
        if not rules:
            return _State()
        return _State(self.all_off, self.off - rules, self.back_on | rules if self.all_off else self.back_on)


@dataclass
class Suppressions:
    """Which rules are silenced on which line (1-based)."""

    # (first line, state from that line on), in line order
    regions: list[tuple[int, _State]] = field(default_factory=list)
    next_line: dict[int, _State] = field(default_factory=dict)

    def silences(self, line: int, rule: str) -> bool:
        single = self.next_line.get(line)
        if single is not None and single.silences(rule):
            return True
        state = _State()
        for start, region in self.regions:
            if start > line:
                break
            state = region
        return state.silences(rule)


def read_directives(text: str, markdown: bool, known_rules: Iterable[str], path: str = "-") -> Suppressions:
    """The directives of a file's original text; an unknown rule id is an ``InputError``."""
    suppressions = Suppressions()
    if "yakugo-" not in text:  # most files: no directive to look for
        return suppressions
    known = set(known_rules)
    state = _State()
    for kind, names, first_line, last_line in _directives(text, markdown):
        rule_list = names.split("--", 1)[0]  # what follows -- is the writer's reason
        rules = frozenset(name for name in re.split(r"[\s,]+", rule_list.strip()) if name)
        unknown = sorted(rules - known)
        if unknown:
            raise InputError(
                located(path, first_line, f"unknown rule {', '.join(unknown)} in yakugo-{kind} (known: {', '.join(sorted(known))})")
            )
        if kind == "disable-next-line":
            # Two directives may aim at one line (two comments on a line): both count.
            target = last_line + 1
            suppressions.next_line[target] = suppressions.next_line.get(target, _State()).apply("disable", rules)
        else:
            state = state.apply(kind, rules)
            suppressions.regions.append((first_line, state))
    return suppressions


def _directives(text: str, markdown: bool) -> Iterable[tuple[str, str, int, int]]:
    """``(kind, rule list, first line, last line)`` of each directive."""
    if markdown:
        outside_code = mask_markdown(text, comments=False)
        for match in _IN_COMMENT.finditer(text):
            if outside_code[match.start()] != "<":
                continue  # shown in code, not meant
            first = text.count("\n", 0, match.start()) + 1
            yield match.group(1), match.group(2), first, first + match.group().count("\n")
        return
    for number, line in enumerate(text.split("\n"), start=1):
        line_match = _ON_HASH_LINE.match(line.rstrip("\r"))
        if line_match:
            yield line_match.group(1), line_match.group(2), number, number
