"""One-kanji country abbreviations in compounds: 日米, 米中, 中露, 米英露, 日米韓, 露側, 訪米, 対中.

Japanese news writes countries as one kanji inside compounds; Sudachi keeps
many of them whole (中露 is one word), so the glossary's forms never see
them. A country's abbreviations are listed in its ``ja_abbreviations``
column (米 on united-states, 露 and ロ on russia). A character counts as a
country only where the compound makes it one:

* in a run of two or more abbreviations (日米, 米英露) that does not begin
  inside a longer kanji word (毎日米… is no run) and is not one of the common
  words such runs spell (朝日, 台中, 中欧, 越中; 日中 "daytime" and 中日 count
  only before a word of relations such as 関係, 首脳 or 両国);
* alone, after a prefix of visits and stances (訪米, 対中, 駐日, 親露, 反米,
  来日) or, not inside a longer kanji word, before a word that makes a
  country of it (露側, 米政府, 露大統領, 英首相) or before a glossary term
  (米国務長官, 露外務省).

A character is never taken from an ordinary word it belongs to: the last
character of a run stays out when it begins a word with the next one (米中央軍
is 米 and 中央軍; 英語 is the language), and 米 in 米価 or 新米, 中 in 中心, 日 in
毎日 or 10日 never qualify. Each country found is its own match, at its own
column, and carries the whole compound and its English (日米韓 →
Japan-US-South Korea) so a reader can gloss the compound at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yakugo.aligner.core.spans import Spans
from yakugo.glossary.model import Concept, Form, Glossary

# Visits and stances: 訪米 (a visit to the US), 対中 (towards China), 駐日 (in Japan, of envoys).
PREFIXES = frozenset("訪対駐親反来離滞渡知嫌")
# Words after a single abbreviation that make it a country (露側, 米政府, 英首相).
SUFFIXES = (
    "当局者", "大統領", "大使館", "国務", "国防", "外務", "外相", "首相", "政府", "政権", "当局", "議会",
    "大使", "首脳", "高官", "側", "軍", "海軍", "空軍", "陸軍", "海兵隊", "艦", "紙", "メディア", "企業",
    "国民", "世論", "経済", "財務", "商務", "司法", "情報機関", "主導", "製", "産", "代表", "特使", "連邦",
    "本土", "国内", "社会", "両国", "関係", "ドル",
)
# Characters that are also everyday morphemes (中側部 of a shoe, 仏間, 台数) stand alone for a
# country only before these words of state.
STATE_SUFFIXES = (
    "当局者", "大統領", "大使館", "国務", "国防", "外務", "外相", "首相", "政府", "政権", "当局", "議会",
    "大使", "首脳", "高官", "軍",
)
EVERYDAY_CHARACTERS = frozenset("中仏印台加比伊欧豪独")
# Abbreviations that stand for their country even alone before punctuation or a line end.
STANDALONE = frozenset("露韓")
_CLOSING_MARKS = frozenset("。、，．・：；？！」』）)]】 　")
# After 日中/中日 (daytime, Chunichi) only these make a run of countries of them.
RELATION_WORDS = (
    "関係", "首脳", "両国", "間", "外相", "外務", "会談", "国交", "共同", "友好", "平和", "経済", "貿易",
    "対立", "摩擦", "戦争", "韓", "防衛", "安保", "協議", "対話", "合意", "政府",
)
# Two-character words the abbreviations spell that are not countries.
COMMON_WORDS = frozenset({"朝日", "台中", "中欧", "越中", "日比", "仏印"})
NEEDS_RELATION = frozenset({"日中", "中日"})
# A last character of a run that begins a word with the next character stays out of the run.
WORD_STARTS = frozenset(
    """中央 中心 中国 中東 中南 中部 中間 中継 中止 中断 中核 中長 中距 中級 中堅 中小 中期 中旬 中学
    中年 中身 中立 中毒 中古 中盤 英語 英雄 英文 英訳 英字 英和 英霊 日本 日系 日曜 日程 日時 日付 日常
    日刊 日銀 日経 日中 日夜 日々 米国 米価 米粉 米作 独立 独自 独占 独裁 独特 独身 独走 仏教 仏像 台湾
    台風 台頭 台所 台数 台本 韓国 朝鮮 朝刊 朝食 朝廷 印象 印刷 印鑑 欧州 露骨 露出 露呈 露天 伊勢 伊豆
    伊藤 加盟 加速 加入 加工 加害 加担 加藤 加算 加熱 比較 比率 比例 比重 越境 越年 豪雨 豪華 豪州 豪快""".split()
)
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万〇]")


_LONGEST_AFTER = max(len(word) for word in (*SUFFIXES, *STATE_SUFFIXES, *RELATION_WORDS))


# One character is tested at a time: compared by code point rather than with a regular
# expression, whose class of wide CJK ranges costs milliseconds to compile on every start.
def _ideograph(char: str) -> bool:
    return bool(char) and ("\u3400" <= char[0] <= "\u9fff" or "\uf900" <= char[0] <= "\ufaff" or char[0] in "々〆")


def _katakana(char: str) -> bool:
    return bool(char) and ("\u30a1" <= char[0] <= "\u30fa" or char[0] == "\u30fc")


@dataclass(frozen=True)
class Abbreviation:
    """One country abbreviation found: 0-based ``start``, the country's form, and the compound."""

    start: int
    form: Form
    compound: str
    compound_en: str


def short_english(concept: Concept) -> str:
    """The English a compound gloss uses: the initials of a name of several words when the
    glossary lists them (United States → US, European Union → EU), else the name (South Korea)."""
    initials = "".join(word[0] for word in concept.en.split() if word[:1].isupper())
    if len(initials) >= 2 and initials in concept.en_variants:
        return initials
    return concept.en


class AbbreviationFinder:
    """The abbreviations of a glossary (``ja_abbreviations``) and where a line uses them."""

    def __init__(self, glossary: Glossary):
        self.forms: dict[str, Form] = {}
        for concept in glossary:
            for text in concept.ja_abbreviations:
                if len(text) == 1:
                    self.forms.setdefault(text, Form(text, concept, "abbreviation"))
        self._run = re.compile("[" + re.escape("".join(self.forms)) + "]+") if self.forms else None

    def find(self, line: str, term_starts: frozenset[int] = frozenset(), covered: list[tuple[int, int]] | None = None) -> list[Abbreviation]:
        """The country abbreviations of ``line``; ``term_starts`` are the 0-based starts of the
        glossary terms found in it, ``covered`` their spans (nothing inside a term is taken)."""
        if self._run is None:
            return []
        found: list[Abbreviation] = []
        terms: Spans | None = None  # made at the first run: most lines have none
        for match in self._run.finditer(line):
            start, end = match.span()
            run = line[start:end]
            # ロ is Russia only beside kanji countries and never before katakana (ロシア, ローマ).
            while run.endswith("ロ") and end < len(line) and _katakana(line[end]):
                run, end = run[:-1], end - 1
            if run and end < len(line) and run[-1] + line[end] in WORD_STARTS:
                run, end = run[:-1], end - 1
            if not run or (run == "ロ"):
                continue
            if terms is None:
                terms = Spans(covered or ())
            if terms and terms.overlap(start, end):
                continue
            if self._is_country_compound(line, start, end, run, term_starts):
                concepts = [self.forms[char].concept for char in run]
                compound_en = "-".join(short_english(concept) for concept in concepts)
                found.extend(
                    Abbreviation(start + offset, self.forms[char], run, compound_en) for offset, char in enumerate(run)
                )
        return found

    def _is_country_compound(self, line: str, start: int, end: int, run: str, term_starts: frozenset[int]) -> bool:
        before = line[start - 1] if start > 0 else ""
        after = line[end : end + _LONGEST_AFTER]  # all a test below reads: not the rest of a long line
        prefixed = before in PREFIXES and not _ideograph(line[start - 2] if start > 1 else "")
        if _ideograph(before) and not prefixed:
            return False  # inside a longer word: 毎日, 新米, 年中
        if len(run) >= 2:
            if run in COMMON_WORDS:
                return False
            if run in NEEDS_RELATION and not prefixed:
                return after.startswith(RELATION_WORDS)
            return True
        if run == "日" and (prefixed is False) and before and _NUMERAL.match(before):
            return False  # 10日政府は: a date
        if prefixed:
            return run not in "中" or before != "在"  # 在中 is "enclosed", not "in China"
        if run in "朝":
            return False  # 朝 alone is the morning; North Korea only in runs or after a prefix
        if run in STANDALONE and (not after or after[0] in _CLOSING_MARKS):
            return True  # a headline's 破った露: 露 and 韓 name nothing else on their own
        if _NUMERAL.match(before or " "):
            return False
        suffixes = STATE_SUFFIXES if run in EVERYDAY_CHARACTERS else SUFFIXES
        return after.startswith(suffixes) or end in term_starts
