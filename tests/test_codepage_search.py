"""E007, the code-page search: UTF-8 read with each single-byte code page (and two in a row) is
restored; text in other scripts, symbols and box drawing are left alone."""

from __future__ import annotations

import pytest

from normalizer import clean, load_rules, propose
from normalizer.document import Document
from normalizer.fixes import Safety
from normalizer.kinds.codepage_search import damaged

RULES = load_rules(select=["encoding"], ignore=["E004", "E006"])
E007 = load_rules(select=["E007"])

SENTENCES = [
    "The mayor’s office said the “flood barrier” would open — Renée Dubois agreed.",
    "Ivan’s team won 3–1, said coach Jiří Novák: “We’re ready.”",
    "It’s the “last chance,” said Ana María Ruíz in Bogotá… and left.",
]
# Pages ftfy does not consider (E007 alone repairs them) and pages it does (E001 or E007).
OTHER_PAGES = ["cp850", "cp852", "cp866", "cp775", "koi8_r", "koi8_u", "cp1255", "cp1256", "cp1258",
               "iso8859_5", "iso8859_7", "iso8859_13"]
FTFY_PAGES = ["cp437", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1257", "mac_roman", "iso8859_2"]


def misread(text: str, codec: str) -> str:
    """``text`` as UTF-8 shown by a browser set to ``codec`` (an undefined byte as its C1 control)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize("codec", OTHER_PAGES + FTFY_PAGES)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_each_page_is_undone(codec: str, sentence: str) -> None:
    damaged_text = misread(sentence, codec) + "\n"
    assert damaged_text != sentence + "\n"
    assert clean(damaged_text, rules=RULES, apply="all").text == sentence + "\n"


@pytest.mark.parametrize(("first", "then"), [("cp1252", "cp850"), ("cp866", "cp1252"), ("mac_roman", "koi8_r"),
                                             ("cp1251", "cp437"), ("koi8_r", "cp866"), ("cp850", "mac_roman"),
                                             ("latin_1", "cp1251"), ("iso8859_5", "cp1252")])
def test_two_pages_in_a_row_are_undone(first: str, then: str) -> None:
    sentence = SENTENCES[0]
    twice = misread(misread(sentence, first), then)
    assert clean(twice, rules=RULES, apply="all").text == sentence


def test_message_names_the_page() -> None:
    fixes = propose(Document(misread(SENTENCES[0], "cp866")), rules=E007)
    assert fixes and all(f.message.startswith("UTF-8 read as cp866: ") for f in fixes)
    assert "'тАЩ' -> '’'" in fixes[0].message


def test_lone_run_is_for_review_and_agreeing_runs_are_safe() -> None:
    lone = propose(Document("The ministerтАЩs reply came late.\n"), rules=E007)
    assert [(f.replacement, f.safety) for f in lone] == [("’", Safety.REVIEW)]
    many = propose(Document("The ministerтАЩs reply, “fine,” came тАФ late.\nHe said ItтАЩs over.\n"), rules=E007)
    assert [f.replacement for f in many] == ["’", "—", "’"]
    assert {f.safety for f in many} == {Safety.SAFE}


def test_capital_inside_a_word_is_damage() -> None:
    # "тАФ" between spaces is no Russian word: a capital follows a small letter.
    fixes = propose(Document("The vote тАФ delayed.\n"), rules=E007)
    assert [(f.replacement, f.safety) for f in fixes] == [("—", Safety.REVIEW)]


def test_damage_signs() -> None:
    assert damaged("├⌐", "s", " ")          # box drawing
    assert damaged("тАЩ", "r", "s")         # Cyrillic glued to Latin letters
    assert not damaged("Путин", " ", " ")   # a word of one script
    assert not damaged("’”", "d", " ")      # punctuation after a word


@pytest.mark.parametrize("text", [
    "Вчера в Москве шёл дождь; раз, два, три.\n",
    "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας. ΓΆΜΟΣ\n",
    "İstanbul’da çarşamba günü yağmur yağdı; Gökçe Şahin konuştu.\n",
    "Łódź i Gdańsk: źródło wiadomości, żółć.\n",
    "שלום עולם, مرحبا بالعالم\n",
    "If x ≤ 5 and y ≥ ±2, then x×y ÷ 3 ≈ 1.7; it cost €12, £9, ¥1,500 or 5 m².\n",
    "┌────┐\n│ Box │\n└────┘\n╔══╗\n║OK║\n╚══╝\n░▒▓█\n",
    "Crème brûlée, naïve, Zoë’s “café” — Ærø, Øresund, Đặng Thị Ngọc Hân.\n",
    "He wrote „Guten Tag“ and «bonjour» — then “hello.”…\n",
])
def test_real_text_is_left_alone(text: str) -> None:
    assert propose(Document(text), rules=E007) == []
    assert clean(text, rules=RULES, apply="all").text == text


@pytest.mark.parametrize("text", ["Andrés Giménez scored for São Paulo.", "Mauricio Dubón and Gómez agreed."])
def test_a_single_byte_page_and_a_double_byte_page_in_a_row_take_two_passes(text: str) -> None:
    """Letters read as Windows-1252 and the result read again as GBK (`é` -> `Ã©` -> `脙漏`), or the
    other way round (`é` -> `茅` -> `èŒ…`): E005 and E001 undo one page each, on two passes."""
    once = text.encode("utf-8").decode("cp1252")
    gbk_last = once.encode("utf-8").decode("gbk")
    gbk_first = text.encode("utf-8").decode("gbk").encode("utf-8").decode("cp1252")
    for damaged_text in (gbk_last, gbk_first):
        assert clean(damaged_text + "\n", rules=load_rules(select=["encoding"]), apply="all").text == text + "\n"
