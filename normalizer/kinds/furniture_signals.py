"""Signals of site furniture on one line, each with a family and a weight (see ``furniture.py``).

A signal looks at a line alone; where it sits on the page is weighed in ``furniture.py``.
Weights: 4 unambiguous furniture (safe), 3 furniture (review), 2 and 1 furniture only where
the page layout agrees (a top or bottom block, next to other furniture).

>>> [s.family for s in signals("Updated: 2024-03-05 10:12")]
['stamp']
>>> signals("The minister said the plan was updated on 5 March 2024.")
[]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import regex

from ..lexicon import FUNCTION_WORDS, zipf


@dataclass(frozen=True, slots=True)
class Signal:
    family: str   # navigation, breadcrumb, stamp, byline, caption, spam, cms, label
    weight: int
    reason: str
    safe: bool = False


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, list[str]]:
    """The word lists of ``furniture.toml`` shipped beside this module."""
    return tomllib.loads(files(__package__).joinpath("furniture.toml").read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


BULLET = regex.compile(r"^[ \t]*(?:[-–—•·*▪●○◦■□▶►▷▸◆◇▲△※]+|\d{1,2}[.)])?[ \t]*")
RELATED_BULLET = regex.compile(r"^[ \t]*[■□▶►▷▸◆◇▲△※]")
SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”’»)\]]*$")
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
TITLE_WORD = regex.compile(r"^\p{Lu}[\p{Ll}'’-]+$")
NAME = r"\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|da|del|der|bin|al|el)){0,3}"

MONTH = (r"(?:jan(?:uary|uari|vier|uar|eiro)?|feb(?:ruary|ruari|ruar)?|fév(?:rier)?|fev(?:ereiro)?|"
         r"feb|mar(?:ch|et|s|zo|ço|zo)?|märz|apr(?:il|ile)?|abr(?:il)?|avr(?:il)?|may|mei|mai|mayo|maio|"
         r"maggio|jun(?:e|i|io|ho)?|juin|giugno|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust|ustus)?|"
         r"agu(?:stus)?|ago(?:sto)?|août|sep(?:t(?:ember|iembre|embre)?)?|set(?:embro|tembre)?|"
         r"oct(?:ober|ubre|obre)?|okt(?:ober)?|out(?:ubro)?|ott(?:obre)?|nov(?:ember|iembre|embro|embre)?|"
         r"dec(?:ember)?|des(?:ember)?|dez(?:ember|embro)?|dic(?:iembre|embre)?|déc(?:embre)?)\.?")
WEEKDAY = (r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|senin|selasa|rabu|kamis|jumat|sabtu|"
           r"minggu|lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda-feira|terça-feira|"
           r"quarta-feira|quinta-feira|sexta-feira|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
           r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunedì|martedì|mercoledì|"
           r"giovedì|venerdì|sabato|domenica|pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar")
DATE = (rf"(?:\d{{4}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}|"
        rf"{MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}|"
        rf"\d{{1,2}}(?:st|nd|rd|th|er|º)?\.?[ \t]+(?:de[ \t]+)?{MONTH},?[ \t]+(?:de[ \t]+)?\d{{4}}|"
        rf"{MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?|{MONTH}[ \t]+\d{{4}})")
TIME = r"\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]*\(?(?:gmt|utc|[a-z]{2,4})(?:[+-]\d{1,2})?\)?)?"
STAMP_LABEL = (r"(?:last[ \t]+)?(?:updated?|published|publish(?:ed)?[ \t]+(?:time|date|on)|posted(?:[ \t]+on)?|date|"
               r"time|created|modified|release[ \t]+time|发布时间|发布日期|更新时间|日期|时间|actualizado|"
               r"publicado|atualizado|mis[ \t]+à[ \t]+jour|publié[ \t]+le|aktualisiert|veröffentlicht|"
               r"aggiornato|pubblicato|обновлено|опубликовано|diperbarui|dipublikasikan|cập[ \t]+nhật|"
               r"ngày[ \t]+đăng|güncelleme|yayınlanma)[ \t]*(?:on|at|am|le)?[ \t]*[:：]?")
FIELD_LABEL = r"(?:来源|编辑|责任编辑|作者|记者|source|editor|author|fuente|fonte|quelle|источник|kaynak|sumber)[ \t]*[:：]"
STAMP_PART = regex.compile(
    rf"(?i)^(?:{STAMP_LABEL}[ \t]*)?(?:(?:{WEEKDAY}),?[ \t]*)?(?:{DATE}(?:(?:,|[ \t]+-|[ \t]+at|[ \t]+à)?[ \t]*{TIME})?|{TIME})$"
    rf"|^(?:{WEEKDAY})$|^\d+[ \t]+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)[ \t]+ago$|^(?:yesterday|just now)$"
    rf"|^\d{{4}}-\d{{2}}-\d{{2}}T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?$")  # ISO 8601
META_PART = regex.compile(
    rf"(?i)^(?:\d+[ \t]*min(?:ute)?s?(?:[ \t]+read)?|\d[\d,.]*[ \t]+(?:words|views|reads|comments?)|"
    rf"(?:by|por|par|von|oleh)[ \t]+{NAME}|[\w-]++(?:\.[\w-]++)++|{FIELD_LABEL}[ \t]*[^ \t|]{{1,30}}(?:[ \t][^ \t|]{{1,30}}){{0,2}})$")
LABELLED = regex.compile(rf"(?i)^{STAMP_LABEL}")
SPLIT = regex.compile(r"[ \t]*[|｜•·][ \t]*|[ \t]{2,}")

BYLINE = regex.compile(
    rf"^(?i:(?:activity|content|topics?|replies|articles?)[ \t]+)?(?i:posted|written|published|submitted|reported|compiled|uploaded|diposting|ditulis|publicado|escrito|publié|"
    rf"geschrieben|scritto|опубликовал|yazan)[ \t]+(?i:by|oleh|por|par|von|da)[ \t]+\S+(?:[ \t]+\S+){{0,3}}$"
    rf"|^(?i:author|writer|reporter|correspondent|penulis|autor|auteur|автор|yazar|作者|记者)[ \t]*[:：][ \t]*{NAME}$"
    rf"|^(?i:(?:staff|special|senior|chief)[ \t]+)?(?i:reporters?|correspondents?|journalists?)[ \t]+(?i:of|from|for)[ \t]+"
    rf"(?i:this|our|the)[ \t]+(?i:newspaper|paper|website|station|agency|site|channel|magazine)\b[^\n]{{0,40}}$"
    rf"|^(?i:(?:this|our)[ \t]+(?:newspaper'?s?[ \t]+)?(?:reporters?|correspondents?))[ \t]+{NAME}$"
    rf"|^/[ \t]*(?i:translation|translated|reporting|reported|written|edited|photo|reporter|editor)(?:[ \t]+(?i:by))?[ \t]+{NAME}$"
    rf"|^(?i:(?:view[ \t]+|see[ \t]+)?all[ \t]+|more[ \t]+)?(?i:posts|articles|stories)[ \t]+(?i:by)[ \t]+{NAME}$")
EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ATTRS = r"(?:[ \t]+[a-z_-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\]]+))"
CMS = regex.compile(rf"^\[/?[a-z][a-z0-9]*(?:[_-][a-z0-9_-]*{ATTRS}*|{ATTRS}+)[ \t]*/?\]$|^<!--[^\n]*-->$|"
                    r"^[a-z]++(?:_[a-z0-9]++)++(?:[ \t]++[a-z]++(?:_[a-z0-9]++)++)*+$|^[a-z]++(?:\.[a-z_]++){2,}+(?:[ \t]{2,}.*)?$|"
                    r"^(?i:ad[ \t_-]?(?:slot|placeholder|space|unit)(?:[ \t_-]*\d+)?|\[ad\]|%ad%|ads by google)$|^[a-z]{2,6}-\d{1,3}$|"
                    r"^(?i:(?:posted|written|published)[ \t]+by[ \t]+(?:admin\w*|administrator|webmaster|editor)[ \t]*|"
                    r"by[ \t]+admin\w*|author[ \t]*:[ \t]*(?:admin\w*)?|posted[ \t]+by|\{\{[^}\n]+\}\}|%%[a-z_]+%%|lorem ipsum\b.*)$")
CREDITS = regex.compile(r"(?i)^(?:proudly[ \t]+)?(?:powered[ \t]+by|theme[ \t]+by|template[ \t]+by|designed[ \t]+by|"
                        r"design[ \t]+by|wordpress[ \t]+theme[ \t]+by|blogger[ \t]+template[ \t]+by|site[ \t]+by)[ \t]+\S+(?:[ \t]+\S+){0,3}$")
COPYRIGHT = re.compile(r"^(?:copyright|©|ⓒ|\(c\))|\ball rights reserved\b|\bhak cipta\b|derechos reservados|"
                          r"droits réservés|rechte vorbehalten|все права защищены|版权所有|무단전재|tüm hakları saklıdır|"
                          r"wszelkie prawa zastrzeżone|direitos reservados|diritti riservati")
PICTURE = r"(?:figure|fig\.?|photo|picture|image|pic|foto|gambar|ảnh|hình|bild|фото|рис\.?|图|圖|写真|사진)"
PICTURE_LABEL = regex.compile(rf"(?i)^{PICTURE}[ \t]*(?:\d{{1,2}}|[①-⑳⑴-⒇])[ \t]*[:：.)]|"
                              r"(?i)^(?:photo|foto|image|picture)[ \t]+(?:illustration|ilustrasi|ilustración|d'illustration|"
                              r"archive|file|arsip|de archivo|de arquivo)[ \t]*[:：]")
GLUED_PICTURE = regex.compile(r"(?i)\b(?:ảnh|photo|foto|image|图|사진)[ \t]?\d{1,2}(?=\p{Lu})")
CREDIT_LINE = regex.compile(
    rf"^(?i:photos?|photograph|picture|image|foto|video)[ \t]*(?:(?i:by|courtesy[ \t]+of|credit)[ \t]*[:：]?|[:：/=])[ \t]*\S+(?:[ \t]+\S+){{0,5}}$"
    rf"|^(?i:shot|photographed|pictured)[ \t]+(?i:by)[ \t]+{NAME}$"
    rf"|^(?:[\p{{L}}.-]+[ \t]+){{0,4}}(?i:reporters?|correspondents?|photographers?)[ \t]+{NAME}[ \t]+(?i:photo|photos|photographed|shot)$"
    rf"|^(?i:courtesy[ \t]+of)[ \t]+\S+(?:[ \t]+\S+){{0,4}}$")
# A teaser of another article: its first words cut off and a link label ("… Read more", "Continue reading »").
TEASER = "Teaser of another article ending in a link label."
TEASER_LABEL = "Link label after a teaser's cut-off text."
TEASER_END = regex.compile(r"(?:…|\.\.\.)[ \t]*(?:\[[ \t]*)?(?:(?i:read more|continue reading|read the full (?:story|article))|More)"
                           r"(?:[ \t]*(?:»|›|→|>>|\]))?[ \t]*$")
TOGGLE = regex.compile(r"(?i)^(?:hide|toggle|show|conceal|swap|cover|change|expand)[ \t]+caption$")
RELATIVE_ASK = regex.compile(r"(?i)^ask[ \t]+[\w .-]{1,30}[ \t]+about[ \t]+this[ \t]+(?:story|article)\W*$")
COUNTER = regex.compile(r"^[ \t]*\d[\d,. ]*[ \t]*(?:comments?|replies|views|shares|likes)?[ \t]*$", regex.I)
GOOGLE_NEWS = regex.compile(r"(?i)\bgoogle[ \t]+news\b")
FEED_HEADER = regex.compile(r"(?i)^(?:machine|automatic)[ \t]+translation[.:]|^please read the important (?:note|notice)|"
                            r"^(?:country|publisher|source)[ \t]*:[^\n]{1,120}[–-][ \t]*$")
SITE_TOKEN = regex.compile(r"^(?:\p{Lu}{0,2}\p{Ll}*\p{Lu}[\p{Ll}\p{Lu}]*\p{Ll}+(?:\p{Lu}\p{Ll}+)+|\p{Ll}{5,})$")
SITE_NAME = regex.compile(r"^(?:\p{Lu}[\p{L}'-]+[ \t]+){1,2}(?:News|Times|Post|Daily|Herald|Today|Tribune|Journal|Gazette|Wire|Press|Online)$")
BLURB = regex.compile(r"(?i)\b(?:brings you|follow us|never miss|stay (?:updated|informed|tuned)|all in one place|"
                      r"your (?:trusted |daily )?source for|from every corner of|latest news and|news and information)\b")


PICTURE_WORDS = ("ảnh", "photo", "foto", "image", "图", "사진")  # what GLUED_PICTURE needs, looked for first
BLURB_WORDS = ("brings you", "follow us", "never miss", "stay ", "all in one place", "source for", "every corner",
               "latest news", "news and information")
CORE_TAIL = regex.compile(r"(?<![ \t])[ \t]*(?:\(\d+\)|[:：»›>→]+)[ \t]*$")
TAIL_ENDS = frozenset("):：»›>→")
STOPS = regex.compile(r"[.!?](?:\s|$)")
PUNCT = regex.compile(r"[.,;:!?]")
HASHTAGS = regex.compile(r"(?:#[\p{L}\p{N}_-]+[ \t,]*){2,}")
LABEL_BAR = regex.compile(r"[\d.!?,;:\"“”]")
RUN_BAR = regex.compile(r"[.,;:!?\"“”()]")


def core(line: str) -> str:
    """The line without its bullet, surrounding blanks, trailing colon, count and arrows."""
    s = BULLET.sub("", line, count=1).strip()
    if s[-1:] in TAIL_ENDS:  # the tail pattern searches the whole line: only where it can match
        s = CORE_TAIL.sub("", s)
    return s.strip()


LONG_LINE = 400  # characters: more than 50 words of any script


def words(line: str) -> list[str]:
    if len(line) > LONG_LINE:  # a long line is prose whatever its count: split is ten times faster
        return line.split()
    return WORD.findall(line)


def is_sentence(line: str, n: int | None = None) -> bool:
    """A line that reads as running text: eight words ending as a sentence ends, or 25 words."""
    n = len(words(line)) if n is None else n
    return (n >= 8 and bool(SENTENCE_END.search(line.rstrip()))) or n >= 25


Words = frozenset[str]


@lru_cache(maxsize=1)
def _tables() -> tuple[Words, Words, Words, regex.Pattern, Words, regex.Pattern, regex.Pattern, regex.Pattern]:
    v = vocabulary()
    low = lambda key: frozenset(w.lower() for w in v[key])  # noqa: E731
    related = regex.compile(rf"(?i)^(?:{_alternation(v['related_labels'])})[ \t]*[:：]?[ \t]*(?=\S)")
    agencies = _alternation(v["agencies"])
    credit = regex.compile(rf"^(?:{NAME}|{agencies})[ \t]*[/|][ \t]*(?:{agencies})(?:[ \t]+Photo)?$"
                           rf"|^(?:{agencies})[ \t]*(?:Photo)?[ \t]*/[ \t]*{NAME}(?:[ \t]*/[ \t]*(?i:file photo|file|handout|pool))?$")
    trailing = regex.compile(
        rf"(?i)(?:[\[(（][ \t]*{PICTURE}[ \t]*(?:illustration|ilustrasi)?[ \t]*[/:：=][^\])）\n]{{1,60}}[\])）]"
        rf"|\b(?-i:{agencies})[ \t]*(?i:photo)?[ \t]*/[ \t]*(?-i:{NAME})(?:[ \t]*/[ \t]*(?:file photo|file|handout|pool))?|\b(?:photo|foto)[ \t]*:[ \t]*\S+(?:[ \t]\S+){{0,3}})[ \t]*$")
    tag = regex.compile(rf"^[(\[（][ \t]*(?:{agencies})[ \t]*[)\]）]$")
    return low("strong"), low("navigation"), low("weak"), related, low("home"), credit, trailing, tag


@lru_cache(maxsize=1)
def _spam() -> re.Pattern:
    # and the names of betting sites, which favour a lucky 88 ("fb88", "ae888")
    return re.compile(rf"(?<!\w)(?:{_alternation(vocabulary()['spam'])}|[a-z]{{1,8}}8{{2,}}[a-z0-9]{{0,4}}|8{{2,}}[a-z]{{2,6}})(?!\w)")


def spam_hits(line: str) -> int:
    """How many different spam keywords the line holds."""
    return len(set(_spam().findall(line.lower())))


def name_like(line: str) -> bool:
    """Two to four capitalized words that read as a person's name, not as ordinary words."""
    ws = line.split()
    if not 2 <= len(ws) <= 4 or not all(TITLE_WORD.match(w) and w.lower() not in FUNCTION_WORDS for w in ws):
        return False
    return sum(zipf(w.lower()) for w in ws) / len(ws) < 4.6


def stamp_signal(text: str) -> Signal | None:
    parts = [p for p in SPLIT.split(text.strip(" \t|")) if p]
    if not parts or len(parts) > 6 or not all(STAMP_PART.match(p) or META_PART.match(p) for p in parts):
        return None
    if not any(STAMP_PART.match(p) for p in parts):
        return None
    safe = any(LABELLED.match(p) and STAMP_PART.match(p) for p in parts) and len(parts) == 1
    return Signal("stamp", 4 if safe else 3, "Publication or update stamp.", safe)


def signals(line: str) -> list[Signal]:
    """Every furniture signal of one line (empty for a line of ordinary text)."""
    return list(_signals(line)[1])


def line_info(line: str) -> tuple[int, tuple[Signal, ...]]:
    """The number of words of a line and its signals."""
    return _signals(line)


def _prose_signals(text: str, n: int) -> tuple[Signal, ...]:
    """The signals a line of running text can carry: a caption's marks, a copyright, a blurb."""
    out = []
    c = core(text)
    trailing = _tables()[6]
    low = c.lower()
    if PICTURE_LABEL.match(c) or any(k in low for k in PICTURE_WORDS) and GLUED_PICTURE.search(c):
        out.append(Signal("caption", 3, "Picture caption."))
    elif (n <= 70 and (text[-1] in ")]）" or "/" in text[-80:] or ":" in text[-80:])
          and len(STOPS.findall(text)) <= 4 and trailing.search(text)):
        out.append(Signal("caption", 3, "Picture caption with its credit."))
    if n <= 25 and COPYRIGHT.search(c.lower()):
        out.append(Signal("byline", 3, "Copyright notice."))
    if FEED_HEADER.match(c):
        out.append(Signal("label", 3, "Header of a translated feed."))
    if sum(k in low for k in BLURB_WORDS) >= 2 and len(BLURB.findall(c)) >= 2:
        out.append(Signal("label", 3, "The site's description of itself."))
    if not out and n >= 20 and not RUN_BAR.search(c):
        out.append(Signal("caption", 1, "Unpunctuated run of captions."))
    return tuple(out)




@lru_cache(maxsize=4096)
def _signals(line: str) -> tuple[int, tuple[Signal, ...]]:
    text = line.strip()
    n_all = len(words(text))
    if text[-1:] in "egy»›→>]" and TEASER_END.search(text):
        return n_all, (Signal("navigation", 3, TEASER),)
    if n_all > 25 or (n_all > 10 and SENTENCE_END.search(text)):
        return n_all, _prose_signals(text, n_all)  # a sentence of text: most signals cannot apply
    return n_all, _short_signals(line, text)


def _short_signals(line: str, text: str) -> tuple[Signal, ...]:
    c = core(line)
    low = c.lower()
    strong, nav, weak, related, home, credit, trailing, tag = _tables()
    out: list[Signal] = []
    add = out.append
    n = len(words(c))
    sentence = is_sentence(text)
    if CMS.match(c) or CMS.match(text):
        add(Signal("cms", 4, "Unfilled template field or plugin shortcode.", True))
    if low in strong or TOGGLE.match(c):
        add(Signal("caption" if TOGGLE.match(c) else "navigation", 4, "Page navigation or UI label.", True))
    elif low in nav or RELATIVE_ASK.match(c) or (GOOGLE_NEWS.search(c) and n <= 8):
        add(Signal("navigation", 3, "Page navigation or UI label."))
    elif low in weak:
        add(Signal("navigation", 2, "Page UI word."))
    if not sentence and n <= 25 and related.match(c):
        add(Signal("navigation", 3, "Link to another article."))
    if (s := stamp_signal(c)) is not None:
        add(s)
    if n <= 10 and BYLINE.match(c) and not SENTENCE_END.search(c):
        add(Signal("byline", 3, "Byline or credit line."))
    if tag.match(c):
        add(Signal("byline", 3, "Agency tag on its own line."))
    if n <= 8 and EMAIL.search(c) and not sentence:
        add(Signal("byline", 3, "Contact address of the writer."))
    if CREDITS.match(c):
        add(Signal("byline", 4 if not low.startswith(("designed", "design ", "site ")) else 3, "Theme or platform credit.",
                   not low.startswith(("designed", "design ", "site "))))
    if n <= 25 and COPYRIGHT.search(c.lower()):
        add(Signal("byline", 3, "Copyright notice."))
    if n <= 8 and (CREDIT_LINE.match(c) or credit.match(c)):
        add(Signal("caption", 3, "Picture credit."))
    low = c.lower()
    if PICTURE_LABEL.match(c) or any(k in low for k in PICTURE_WORDS) and GLUED_PICTURE.search(c):
        add(Signal("caption", 3, "Picture caption."))
    elif n <= 70 and len(STOPS.findall(text)) <= 4 and trailing.search(text):
        add(Signal("caption", 3, "Picture caption with its credit."))
    if FEED_HEADER.match(c):
        add(Signal("label", 3, "Header of a translated feed."))
    hits = spam_hits(c) if n <= 12 and not sentence else 0
    if hits >= 2 or (hits and c == c.lower() and not PUNCT.search(c)):
        add(Signal("spam", 4 if hits >= 2 else 3, "Spam keywords injected into the page.", hits >= 2))
    if HASHTAGS.fullmatch(c):
        add(Signal("spam", 3, "Row of hashtags."))
    if BLURB.search(c) and len(BLURB.findall(c)) >= 2:
        add(Signal("label", 3, "The site's description of itself."))
    if out:
        return tuple(out)
    if n == 1 and (SITE_TOKEN.match(c) and zipf(c.lower()) < 3.0):
        add(Signal("label", 2, "Site name."))
    elif SITE_NAME.match(c):
        add(Signal("label", 2, "Site name."))
    elif COUNTER.match(c) and c:
        add(Signal("navigation", 2, "Counter."))
    elif name_like(c):
        add(Signal("byline", 2, "Writer's name on its own line."))
    elif RELATED_BULLET.match(line) and not sentence:
        add(Signal("navigation", 2, "Link in a list of other articles."))
    elif 1 <= n <= 3 and not LABEL_BAR.search(c) and all(w[:1].isupper() for w in c.split()):
        add(Signal("label", 1, "Short label."))
    elif n >= 20 and not RUN_BAR.search(c):
        add(Signal("caption", 1, "Unpunctuated run of captions."))
    return tuple(out)


@lru_cache(maxsize=1)
def agency_tag_at_end() -> regex.Pattern:
    """An agency's name in brackets after the last sentence of a paragraph ("... on Monday. (Bernama)")."""
    return regex.compile(rf"(?m)(?<=[.!?”\"])[ \t]*[(\[][ \t]*(?:{_alternation(vocabulary()['agencies'])})[ \t]*[)\]][ \t]*$")


def home_word(line: str) -> bool:
    return core(line).lower() in _tables()[4]
