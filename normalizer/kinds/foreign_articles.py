"""Fragment family (Z), pivot articles: a Romance article left before a name from another language.

A Korean or Japanese text translated to English through Spanish, French, Italian or Portuguese
keeps the pivot's article before a newspaper's name: "El Hankook Ilbo", "Le Asahi Shimbun",
"Il Washington Post". The same shape is a real name far more often (El Salvador, El Paso, Le
Monde, La Liga, Il Sole 24 Ore, O Globo, El-Sisi, Le Pen, Los Angeles Times, El Nuevo Herald), so
the evidence is the name itself: it must hold a word of a language that has no such article (a
Korean, Japanese or Chinese outlet word such as Ilbo or Shimbun, or an English outlet word such
as Times or Post after another English name word), and no word of the article's own language.

>>> [f.replacement for f in foreign_article(Document("El Hankook Ilbo reported the talks."))]
['The']
>>> list(foreign_article(Document("Le Monde and El País reported the talks.")))
[]
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
import re

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import zipf
from ..registry import rule
from ..triggers import Trigger

ARTICLES = {"el": "es", "los": "es", "las": "es", "la": "es fr it", "le": "fr", "les": "fr", "il": "it",
            "lo": "it", "gli": "it", "o": "pt", "os": "pt"}
LANGUAGE_NAMES = {"es": "Spanish", "fr": "French", "it": "Italian", "pt": "Portuguese"}
# Words of newspaper and agency names in languages without a Romance article: any one is evidence.
ASIAN = frozenset({"ilbo", "shinmun", "sinmun", "shimbun", "hankook", "chosun", "joongang", "hankyoreh",
                   "kyunghyang", "yonhap", "asahi", "yomiuri", "mainichi", "nikkei", "sankei", "kyodo", "jiji",
                   "xinhua", "dong-a", "munhwa", "segye", "maeil"})
# English outlet words: evidence only after another name word ("El Washington Post", not "Il Post").
ENGLISH = frozenset({"times", "post", "herald", "daily", "guardian", "telegraph", "chronicle", "economist",
                     "independent", "mirror", "inquirer", "examiner", "bulletin"})
# Places with a Romance article that English keeps, whose newspapers carry English outlet words.
PLACES = frozenset({"los angeles", "las vegas", "el paso", "el salvador", "la paz", "las cruces", "los alamos",
                    "la jolla", "le mars", "la crosse", "el dorado", "la porte", "la grange", "el centro",
                    "la salle", "le havre", "le mans", "la plata", "las palmas", "los cabos", "la habra",
                    "la mesa", "la verne", "el cajon", "los gatos", "la quinta", "el reno", "la junta"})
# The article and the capitalized words between it and an evidence word (looked for first).
ARTICLE = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’.-])(El|Los|Las|La|Le|Les|Il|Lo|Gli|O|Os|el|los|las|la|le|les|il)[ \t]+"
                        r"((?:\p{Lu}[\p{L}\p{M}'’-]*[ \t]+){0,3})\Z")
EVIDENCE_WORDS = tuple(sorted(w.capitalize() for w in ASIAN | ENGLISH)) + ("JoongAng", "Dong-A")
EVIDENCE = re.compile(r"\b(?:" + "|".join(EVIDENCE_WORDS) + r")\b")
SENTENCE_START = regex.compile(r"(?:\A|[.!?:]\s|\n)[\s\"“‘«(]*\Z")


@lru_cache(maxsize=2048)
def _own_word(word: str, langs: str) -> bool:
    """A word of the article's language, not of English ("Nuevo", "Monde", "Sole")."""
    from wordfreq import zipf_frequency

    w = word.lower()
    return any(zipf_frequency(w, lang) >= 3.0 and zipf_frequency(w, lang) > zipf(w) + 0.5 for lang in langs.split())


def _evidence(name: list[str], article: str) -> int:
    """How many words of ``name`` make the evidence (0: none); the name ends with the last of them."""
    langs = ARTICLES[article.lower()]
    if f"{article} {name[0]}".lower() in PLACES or any(_own_word(w, langs) for w in name):
        return 0
    last = 0
    for i, w in enumerate(name):
        low = w.lower()
        if low in ASIAN or (low in ENGLISH and i > 0):
            last = i + 1
    return last


@rule("Z008", "pivot-article-before-name", "fragment", Safety.REVIEW,
      example="El Hankook Ilbo reported the talks on Monday.",
      trigger=Trigger(exact=EVIDENCE_WORDS))
def foreign_article(doc: Document) -> Iterator[Proposal]:
    """A Spanish, French, Italian or Portuguese article before a Korean, Japanese or English name.

    Translation through a pivot language leaves its article before a newspaper's name ("El
    Hankook Ilbo", "Le Asahi Shimbun", "Il New York Times"). The article counts only when the
    name holds a Korean, Japanese or Chinese outlet word (Ilbo, Shimbun, Xinhua), or an English
    outlet word (Times, Post, Herald) after another name word, and no word of the article's own
    language; real names keep theirs (Le Monde, El Nuevo Herald, Il Post, Los Angeles Times,
    El Salvador, Le Pen). The fix writes "The" ("the" inside a sentence). Review.
    """
    text = doc.text
    done = -1
    for hit in EVIDENCE.finditer(text):
        m = ARTICLE.search(text, max(0, hit.start() - 60), hit.start())
        if m is None or m.start() <= done:
            continue  # no article, or one already proposed for an earlier word of the same name
        article, name = m.group(1), m.group(2).split() + [hit.group()]
        if article.islower() and article in ("o", "os"):
            continue
        n = _evidence(name, article)
        if not n:
            continue
        at_start = bool(SENTENCE_START.search(text, max(0, m.start() - 8), m.start()))
        the = "The" if at_start else "the"
        lang = "/".join(LANGUAGE_NAMES[x] for x in ARTICLES[article.lower()].split())
        done = m.start()
        yield Proposal(m.start(1), m.end(1), the,
                       f"{lang} article {article!r} before {' '.join(name[:n])!r}, a name from a language without it: "
                       f"left by translation through {lang}.", alternatives=("",) if not at_start else ())
