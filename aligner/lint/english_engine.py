"""The English side of ``yakugo lint``: which documents are English, and the English rules run on them.

``yakugo lint --lang en`` (or ``lang = "en"`` in the configuration) lints
every file as English; ``--lang ja`` as Japanese; ``--lang auto``, the
default, decides per file: a document whose prose (Markdown code and markup
masked) is mostly Latin script is English (``yakugo.aligner.core.script``: a
kana or kanji weighs three letters) when it has an English function word (the,
of, is…): a Japanese text of product names in Latin letters (Qiita Team) has none. The ``Linter`` of ``engine`` keeps one
``EnglishLinter`` for its English rules; suppressions, severities and
``--fix`` are the engine's, the same for both languages.
"""

from __future__ import annotations

import re
from functools import partial

from yakugo.aligner.core.english import EnglishMatcher
from yakugo.aligner.core.findings import Rule
from yakugo.aligner.core.script import is_latin_text
from yakugo.glossary.cache import compiled_part
from yakugo.aligner.lint.english_model import EnglishDocument, english_matcher
from yakugo.glossary.errors import InputError
from yakugo.glossary.model import Glossary

LANGUAGES = ("auto", "en", "ja")
# Suppression directives are Latin letters in a Japanese file too: not prose to weigh.
_DIRECTIVE = re.compile(r"yakugo-(?:disable-next-line|disable|enable)\b[^\n]*")
_FUNCTION_WORD = re.compile(
    r"\b(?:the|of|and|to|in|is|are|was|were|be|for|on|with|that|by|as|at|from|it|this|has|have|had|an)\b", re.IGNORECASE
)


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InputError(f"yakugo lint: unknown language '{lang}' (use {', '.join(LANGUAGES)})")
    return lang


def is_english(lines: list[str], lang: str) -> bool:
    """Whether a document (its masked lines) is linted as English under ``lang``."""
    if lang != "auto":
        return lang == "en"
    prose = _DIRECTIVE.sub("", "\n".join(lines))
    return is_latin_text(prose) and _FUNCTION_WORD.search(prose) is not None


class EnglishLinter:
    """The English rules of one ``Linter``; the English matcher is built on the first English document."""

    def __init__(self, glossary: Glossary, rules: list[Rule], lang: str = "auto"):
        self.glossary = glossary
        self.rules = rules
        self.lang = check_language(lang)
        self._matcher: EnglishMatcher | None = None
        self._rule_state: dict[str, object] = {}

    def reads(self, lines: list[str]) -> bool:
        return is_english(lines, self.lang)

    def document(self, path: str, lines: list[str]) -> EnglishDocument:
        if self._matcher is None:
            # Building it lemmatises every English form (half a second with the bundled glossary).
            self._matcher = compiled_part(self.glossary, "english-matcher", partial(english_matcher, self.glossary), apart=True)
        return EnglishDocument(path, lines, self.glossary, self._matcher, self._rule_state)
