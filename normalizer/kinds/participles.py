"""Other family (O): a bare verb where a passive needs its participle ("were arrest after")."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..registry import rule
from ..triggers import Trigger

# Regular news verbs whose bare form cannot stand after a form of "be" in English news, each
# checked against its uses as a noun or adjective: "were present", "was home", "were part of",
# "was subject to", "was murder", "the aim was rescue", "was fire", "were free", "was complete"
# are English, so present, home, part, subject, murder, rescue, fire, free, complete, open,
# close, fine, base, test, target, attack, damage, record, film, award, delay, block, sign,
# transfer, train and loot ("it was loot from the war") are left out, and so are the verbs of
# "storm after storm" and "defeat after defeat", a "lead" that may be a role ("was lead on the
# project") and "shut", whose participle is itself. tests/test_participles.py checks the list.
REGULAR = """
    abduct accuse acquit adopt announce appoint approve arrest ask assassinate assault behead bury
    cancel charge condemn confirm confiscate convict criticise criticize demolish deploy deport
    destroy detain discover dismiss displace elect evacuate execute expel extradite force hospitalise
    hospitalize identify imprison include inform injure interrogate investigate involve invite jail kidnap
    kill launch locate nominate notify oust postpone prosecute publish punish ratify reject release relocate
    remove replace report require rescind sentence seize slaughter strangle suspend summon torture
    evict expect prevent deny stab ambush mistreat threaten warn urge allow oblige
    compel permit""".split()
IRREGULAR = {
    "bring": "brought", "build": "built", "catch": "caught", "choose": "chosen", "find": "found",
    "give": "given", "hold": "held", "sell": "sold", "send": "sent", "shoot": "shot",
    "steal": "stolen", "take": "taken", "write": "written", "seek": "sought", "teach": "taught",
    "throw": "thrown", "tell": "told",
}
# a final consonant doubled before -ed (in US and UK spelling alike)
DOUBLED = frozenset("acquit compel expel kidnap permit stab".split())
# bare forms that are also nouns: only before a preposition other than "of" ("the demand was release
# of", "the answer was force."), and never after "get"/"got" ("got arrest warrants")
NOUNISH = frozenset("""arrest assault charge force launch release report sentence ambush jail slaughter
    torture permit catch find hold take sell build""".split())
ADVERBS = "also not still later then already never all both now just soon once ever too even".split()
ADVERB = rf"(?:\p{{Ll}}+ly|{'|'.join(ADVERBS)})"
FOLLOWERS = """by after before in on at for during from with near outside inside into to over under amid
    following since as without until when while because of across along against last this yesterday today
    that about""".split()
FOLLOW = rf"(?:{'|'.join(FOLLOWERS)})"
VERBS = sorted({*REGULAR, *IRREGULAR}, key=lambda w: (-len(w), w))
# a form of "be" or "get" (found first: the standard engine's fast scan), then the listed verb read where it ends
FORMS = r"([Ww]ere|[Ww]as|[Ii]s|[Aa]re|[Bb]e(?:en|ing)?|am|[Gg]et(?:s|ting)?|[Gg]ot(?:ten)?)(?=[ \t])"
# after a space (a literal start the standard engine skips to quickly), or after a line break,
# a quote or a bracket (rare characters: a second quick pass)
BE_FORMS = (re.compile(" " + FORMS), re.compile("[\t\n\r\"“(]" + FORMS))
TAIL = regex.compile(
    rf"[ \t]+(?:{ADVERB}[ \t]+)?(?P<verb>{'|'.join(VERBS)})"
    rf"(?:(?=[ \t]+(?P<next>{FOLLOW})[^\p{{L}}'’-])|(?=[ \t]*[,.;:!?)\n]))",
    regex.VERSION1,
)
# what every finding holds, without lookarounds, anchors or case folding (Hyperscan refuses the
# pattern folded): a space or a quote, a form of "be", maybe an adverb, a listed verb, a space or
# punctuation. It joins the shared byte pass, so the rule runs only where a listed verb follows
# a form of "be" or "get".
TRIGGER = (r"[\s\"“(](?:[Ww]ere|[Ww]as|[Ii]s|[Aa]re|[Bb]e|[Bb]een|[Bb]eing|am|[Gg]ets?|[Gg]ot|[Gg]otten|[Gg]etting)[ \t]+"
           rf"(?:(?:[a-z]+ly|{'|'.join(ADVERBS)})[ \t]+)?"
           rf"(?:{'|'.join(VERBS)})[ \t,.;:!?)\n]")
NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")
VERB_SET, ADVERB_SET = frozenset(VERBS), frozenset(ADVERBS)
GET = frozenset({"get", "gets", "got", "gotten", "getting"})


def participle(verb: str) -> str:
    """The past participle of a listed verb.

    >>> [participle(v) for v in ("arrest", "release", "identify", "kidnap", "shoot")]
    ['arrested', 'released', 'identified', 'kidnapped', 'shot']
    """
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb in DOUBLED:
        return verb + verb[-1] + "ed"
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


@rule("O002", "bare-verb-after-be", "other", Safety.REVIEW,
      example="Three reporters were arrest after the march and later release on bail.",
      trigger=Trigger(pattern=TRIGGER))
def bare_verb_after_be(doc: Document) -> Iterator[Proposal]:
    """A bare verb after a form of "be" or "get" in a passive ("were arrest after the protests").

    Machine translation from Korean, Turkish or Arabic can drop the participle ending. Only
    listed news verbs whose bare form is not also an adjective or a predicate noun ("were
    present", "was murder"), followed by a preposition, punctuation or the end of the line;
    a verb that is also a noun is left alone before "of" and after "get". The verb is read in lower
    case (a Title Case headline is C004's). Review.
    """
    text = doc.text
    for b in heapq.merge(*(p.finditer(text) for p in BE_FORMS), key=lambda b: b.start()):
        w = NEXT_WORD.match(text, b.end())
        if w is None or not (w.group(1) in VERB_SET or w.group(1) in ADVERB_SET or w.group(1).endswith("ly")):
            continue  # most forms of "be": a quick look at the next word first
        m = TAIL.match(text, b.end())
        if m is None:
            continue
        verb = m.group("verb")
        low, be, nxt = verb.lower(), b.group(1).lower(), (m.group("next") or "").lower()
        if low in NOUNISH and (be in GET or nxt in ("", "of", "that")):
            continue
        new = participle(low)
        yield Proposal(m.start("verb"), m.end("verb"), new,
                       f"{verb!r} after {b.group(1)!r} reads as the passive {new!r}: the participle ending was lost.")
