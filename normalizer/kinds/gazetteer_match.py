"""How two spellings of a known person's name compare: the same name in another house style or
romanization (left alone), a spelling through a German or French pivot, a Russian form of a
Ukrainian given name, a C/K swap, or a garble one or two letters off (flagged by N006/N007).
"""

from __future__ import annotations

import functools

import regex

from ..lexicon import zipf
from .name_mentions import fold, other_person, sound_alike

# Korean surnames in their romanizations (Revised, McCune-Reischauer and house forms): one name.
KOREAN_SURNAMES = (("lee", "yi", "rhee", "ri", "rhie", "i"), ("park", "pak", "bak"), ("choi", "choe"),
                   ("jung", "chung", "jeong", "chong"), ("kang", "gang"), ("kim", "gim"), ("shin", "sin"),
                   ("yoon", "yun", "youn"), ("cho", "jo"), ("lim", "im", "rim", "yim"), ("roh", "noh", "no"),
                   ("moon", "mun"), ("oh", "o"), ("ahn", "an"), ("ryu", "yoo", "yu"), ("jeon", "jun", "chun"))
KOREAN = {form: group[0] for group in KOREAN_SURNAMES for form in group}
# Russian forms given to Ukrainians by translation through Russian: Ukrainian form -> Russian forms.
RUSSIAN_FORMS = {
    "volodymyr": ("vladimir",), "oleksandr": ("aleksandr", "alexander", "alexandr"),
    "oleksii": ("alexei", "alexey", "aleksei", "aleksey"), "oleksiy": ("alexei", "alexey", "aleksei", "aleksey"),
    "andriy": ("andrei", "andrey"), "andrii": ("andrei", "andrey"), "serhiy": ("sergei", "sergey"),
    "serhii": ("sergei", "sergey"), "dmytro": ("dmitry", "dmitri", "dmitriy"), "mykola": ("nikolai", "nikolay"),
    "mykhailo": ("mikhail",), "pavlo": ("pavel",), "petro": ("pyotr", "petr"), "ihor": ("igor",),
    "oleh": ("oleg",), "olha": ("olga",), "olena": ("elena", "yelena"), "iryna": ("irina",),
    "tetiana": ("tatiana", "tatyana"), "vasyl": ("vasily", "vasiliy"), "yevhen": ("yevgeny", "evgeny"),
    "kyrylo": ("kirill",), "maksym": ("maxim",), "denys": ("denis",), "heorhiy": ("georgy", "georgiy"),
    "heorhii": ("georgy", "georgiy"), "valerii": ("valery",), "svitlana": ("svetlana",),
    "liudmyla": ("lyudmila", "ludmila"), "yuriy": ("yuri", "yury"), "yurii": ("yuri", "yury"),
}
# Given names machine translation replaces with their English counterparts ("Peter Sanchez" for Pedro
# Sánchez, "Joseph Conte" for Giuseppe Conte): the name as written in its language -> English forms.
ENGLISH_FORMS = {
    "giuseppe": ("joseph",), "giovanni": ("john",), "francesco": ("francis",), "pietro": ("peter",),
    "paolo": ("paul",), "matteo": ("matthew",), "giorgia": ("georgia",), "antonio": ("anthony",),
    "luigi": ("louis",), "carlo": ("charles",), "enrico": ("henry",), "pedro": ("peter",), "juan": ("john",),
    "jose": ("joseph",), "jorge": ("george",), "miguel": ("michael",), "francisco": ("francis",),
    "carlos": ("charles",), "felipe": ("philip",), "luis": ("louis",), "andres": ("andrew",), "joao": ("john",),
    "luiz": ("louis",), "paulo": ("paul",), "fernando": ("ferdinand",), "francois": ("francis",),
    "jean": ("john",), "pierre": ("peter",), "guillaume": ("william",), "jacques": ("james",),
    "michel": ("michael",), "henri": ("henry",), "etienne": ("stephen",), "wilhelm": ("william",),
    "friedrich": ("frederick",), "heinrich": ("henry",), "johann": ("john",), "johannes": ("john",),
    "karl": ("charles",), "ludwig": ("louis",), "andrzej": ("andrew",), "piotr": ("peter",), "pawel": ("paul",),
    "jan": ("john",), "jozef": ("joseph",), "krzysztof": ("christopher",), "michal": ("michael",),
    "mateusz": ("matthew",), "pyotr": ("peter",), "mikhail": ("michael",), "nikolai": ("nicholas",),
    "fyodor": ("theodore",), "georgios": ("george",), "konstantinos": ("constantine",), "viktor": ("victor",),
}
MUHAMMAD = regex.compile(r"^m[ou]h?a?m+[ae]d$")
# Arabic given names in their usual romanizations (English, French, Egyptian): one name each.
ARABIC = {form: group.split()[0] for group in (
    "ahmad ahmed", "khalid khaled", "hussein husain hussain husayn hossein", "hassan hasan", "omar umar",
    "yousef youssef yusuf yousuf youssouf yussef", "abdul abdel", "mahmoud mahmud", "mustafa mostafa moustafa",
    "faisal faysal fayçal", "tariq tarek tarik", "walid waleed", "jamal gamal", "osama usama oussama",
    "ashraf achraf", "abdullah abdallah", "ibrahim ebrahim", "ismail ismaïl esmail", "karim kareem",
    "nasser naser", "saud saoud", "suleiman sulaiman soliman", "zayed zayid", "isa issa eissa") for form in group.split()}
ROLE_STOP = frozenset("of the and for a an".split())
WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’-]*")


def plain_key(word: str) -> str:
    """``word`` folded, without diacritics, hyphens, apostrophes, spaces and dots ("Jae-myung" -> "jaemyung")."""
    return regex.sub(r"[-'’ .]", "", fold(word).replace("ı", "i").replace("ł", "l"))


@functools.lru_cache(maxsize=8192)
def house_key(word: str) -> str:
    """A key equal for spellings that are house styles or romanizations of one name: diacritics,
    hyphens and spaces, -iy/-yy/-y endings, Mohamed/Muhammad, Korean surname romanizations.

    >>> house_key("Zelenskyy") == house_key("Zelenskiy") == house_key("Zelensky")
    True
    >>> house_key("Jae-myung") == house_key("Jaemyung"), house_key("Mohamed") == house_key("Muhammad")
    (True, True)
    >>> house_key("Erdoğan") == house_key("Erdogan"), house_key("Rhee") == house_key("Lee")
    (True, True)
    >>> house_key("Jae-myeong") == house_key("Jae-myung"), house_key("Ohtani") == house_key("Ōtani")
    (True, True)
    >>> house_key("Khaled") == house_key("Khalid"), house_key("Achraf") == house_key("Ashraf")
    (True, True)
    >>> house_key("Araqchi") == house_key("Araghchi"), house_key("Pezeshkiyan") == house_key("Pezeshkian")
    (True, True)
    """
    f = plain_key(word)
    if " " in word:  # "bin Issa": each word's romanization, then joined as before
        f = "".join(ARABIC.get(k, k) for k in map(plain_key, word.split()))
    if f in KOREAN:
        return KOREAN[f]
    if MUHAMMAD.match(f):
        return "muhammad"
    if f in ARABIC:
        return ARABIC[f]
    if len(f) > 4:
        f = regex.sub(r"(?:iy|yy|ij|ii|yi|i)$", "y", f)
    # Romanization vowels: Korean eo/eu/oo ("Jae-myeong"/"Jae-myung", "Yoon"/"Yun"), Japanese long
    # vowels ("Ohtani"/"Otani", "Yuuki"/"Yuki"), Wade-Giles hs for pinyin x ("Hsiao"/"Xiao").
    f = regex.sub(r"oh(?![aeiou])", "o", f)
    # Persian and Arabic: gh or q for one letter ("Araghchi"/"Araqchi"), -iyan or -ian ("Pezeshkian").
    for a, b in (("eo", "u"), ("eu", "u"), ("oo", "u"), ("ou", "o"), ("uu", "u"), ("ee", "i"), ("hs", "x"),
                 ("gh", "q"), ("iya", "ia")):
        f = f.replace(a, b)
    return f


@functools.lru_cache(maxsize=8192)
def pivot_key(word: str) -> str:
    """A key equal for a name and its spelling through a German, Polish or French pivot
    (w for v, j for y, sch for sh, tsch for ch, ou for u) or with C and K swapped.

    >>> pivot_key("Stojanow") == pivot_key("Stoyanov"), pivot_key("Tschernow") == pivot_key("Chernov")
    (True, True)
    >>> pivot_key("Karoline") == pivot_key("Caroline")
    True
    """
    f = house_key(word)
    for a, b in (("tsch", "ch"), ("dsch", "j"), ("sch", "sh"), ("tch", "ch"), ("ck", "k"), ("ph", "f"),
                 ("w", "v"), ("ou", "u"), ("c", "k"), ("kh", "k"), ("ks", "x")):
        f = f.replace(a, b)
    f = regex.sub(r"(?<=[aeiou])j|^j(?=[aeiou])", "y", f)
    return regex.sub(r"(.)\1", r"\1", f)


@functools.lru_cache(maxsize=8192)
def transliteration_key(word: str) -> str:
    """:func:`pivot_key`, and a Russian initial vowel letter in either spelling: Е as "Ye" or "E"
    (a Turkish "Yerlikaya" read back from Russian as "Erlikaya", "Yevgeny"/"Evgeny"), Я and Ю as
    "Ya"/"Ia", "Yu"/"Iu". Equal keys are one name in two transliterations; the name rules use it only
    inside one article, where the other spelling is attested.

    >>> transliteration_key("Erlikaya") == transliteration_key("Yerlikaya"), transliteration_key("Iulia") == transliteration_key("Yulia")
    (True, True)
    """
    return regex.sub(r"^i(?=[aou])", "y", regex.sub(r"^ye", "e", pivot_key(word)))


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import DamerauLevenshtein

    return DamerauLevenshtein.distance(a, b)


def russian_form(written: str, given: str) -> bool:
    """True if ``written`` is the Russian form of the Ukrainian given name ``given``.

    >>> russian_form("Vladimir", "Volodymyr"), russian_form("Vladimir", "Vladimir")
    (True, False)
    """
    return fold(written) in RUSSIAN_FORMS.get(fold(given), ())


def mechanism(written: str, known: str) -> str | None:
    """Why ``written`` may be a mangled ``known`` (a phrase for the message), or None if it is not a
    near miss, or is the same name in another accepted style.

    >>> mechanism("Stojanow", "Stoyanov"), mechanism("Racmhat", "Rachmat"), mechanism("Ji-yeom", "Ji-yeon")
    ('a German or Polish spelling', 'letters swapped or dropped', 'one letter off')
    >>> mechanism("Zelenskiy", "Zelenskyy"), mechanism("Jong-il", "Jong-un"), mechanism("Kowalska", "Kowalski")
    (None, None, None)
    >>> mechanism("Karoline", "Caroline"), mechanism("Sholz", "Scholz")
    ('C and K swapped', 'letters swapped or dropped')
    >>> mechanism("Peter", "Pedro"), mechanism("Joseph", "Giuseppe")
    ('the given name translated into English', 'the given name translated into English')
    """
    if house_key(written) == house_key(known):
        return None  # another accepted style of the same name
    if not written.isascii() and fold(written) != fold(known):
        return None  # names with diacritics are compared with them: another name
    if russian_form(written, known):
        return "the Russian form of a Ukrainian given name"
    if fold(written) in ENGLISH_FORMS.get(plain_key(known), ()):
        return "the given name translated into English"
    if other_person(written, known):
        return None
    if pivot_key(written) == pivot_key(known):
        if regex.sub("[ck]", "", fold(written)) == regex.sub("[ck]", "", fold(known)):
            # "Sholz" for "Scholz" drops a letter; "Karoline" for "Caroline" swaps one
            return "C and K swapped" if len(written) == len(known) else "letters swapped or dropped"
        return "a German or Polish spelling"
    a, b = plain_key(written), plain_key(known)
    d = _distance(a, b)
    if d == 0 or d > (1 if len(b) <= 6 else 2) or min(len(a), len(b)) < 4:
        return None
    if not sound_alike(written, known):
        return None
    if sorted(a) == sorted(b):
        return "letters swapped or dropped"
    if d == 1 and len(a) < len(b) and all(c in b for c in a):
        return "letters swapped or dropped"
    return "one letter off" if d == 1 else "two letters off"


def real_word(word: str) -> bool:
    """True if ``word`` is itself a word or a name wordfreq knows (so a different real name is likely)."""
    return zipf(regex.sub(r"[-'’]", "", word).lower()) >= 2.0


def role_cue(text: str, start: int, end: int, role: str) -> str | None:
    """A word of ``role`` in the four words before a name or the few after it (", trade minister").

    >>> role_cue("said Racmhat Gobel, trade minister", 5, 18, "trade minister")
    'trade'
    >>> role_cue("the singer Ana Ruiz", 11, 19, "president") is None
    True
    """
    wanted = {w for w in regex.split(r"[ ,]+", role) if w and w not in ROLE_STOP}
    before = [w.lower() for w in WORD.findall(text[max(0, start - 60):start])][-4:]
    after_text = text[end:end + 40]
    after = [w.lower() for w in WORD.findall(after_text)][:3] if after_text[:2] in (", ", " (") else []
    for w in before[::-1] + after:
        if w in wanted:
            return w
    return None
