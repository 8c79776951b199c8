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

# No lazy group followed by optional space: that retries every split of a long run of
# spaces (quadratic). The comment's end is found with str.find and its inside matched
# greedily, which is linear on every input.
_DIRECTIVE = re.compile(r"yakugo-(disable-next-line|disable|enable)\b([^\n]*)")
_HASH_LINE_START = re.compile(r"\s*#\s*")
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"


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
    # PATH:LINE: an unknown rule id in a directive (a typo), which was left out
    warnings: list[str] = field(default_factory=list)

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


def read_directives(text: str, markdown: bool, known_rules: Iterable[str], path: str = "-", strict: bool = False) -> Suppressions:
    """The directives of a file's original text.

    An unknown rule id (a typo: ``deprecatd-variant``) is left out and warned about in
    ``warnings``, as ruff does, so the file's other findings still show; a directive
    naming only unknown rules does nothing (it must not silence every rule). ``strict``
    makes an unknown id an ``InputError`` instead."""
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
            problem = located(path, first_line, f"unknown rule {', '.join(unknown)} in yakugo-{kind} (known: {', '.join(sorted(known))})")
            if strict:
                raise InputError(problem)
            rules -= set(unknown)
            suppressions.warnings.append(f"{problem}; {'directive ignored' if not rules else 'left out'}")
            if not rules:
                continue
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
        for start, end, kind, names in _comment_directives(text):
            if outside_code[start] != "<":
                continue  # shown in code, not meant
            first = text.count("\n", 0, start) + 1
            yield kind, names, first, first + text.count("\n", start, end)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        found = _directive_on_hash_line(line)
        if found:
            yield found[0], found[1], number, number


def _comment_directives(text: str) -> Iterable[tuple[int, int, str, str]]:
    """``(start, end, kind, rule list)`` of each ``<!-- yakugo-… -->`` comment."""
    start = text.find(_COMMENT_OPEN)
    close = -1  # the first "-->" after the last opening looked at
    while start != -1:
        if close < start + len(_COMMENT_OPEN):
            close = text.find(_COMMENT_CLOSE, start + len(_COMMENT_OPEN))
            if close == -1:
                return  # nothing later can close either
        match = _DIRECTIVE.fullmatch(text[start + len(_COMMENT_OPEN):close].strip())
        if match is None:
            start = text.find(_COMMENT_OPEN, start + 1)
            continue
        end = close + len(_COMMENT_CLOSE)
        yield start, end, match.group(1), match.group(2).rstrip()
        start = text.find(_COMMENT_OPEN, end)


def _directive_on_hash_line(line: str) -> tuple[str, str] | None:
    """``(kind, rule list)`` when ``line`` is ``# yakugo-…`` alone on its line."""
    lead = _HASH_LINE_START.match(line)
    if lead is None:
        return None
    match = _DIRECTIVE.fullmatch(line[lead.end():].rstrip())
    return (match.group(1), match.group(2)) if match else None
