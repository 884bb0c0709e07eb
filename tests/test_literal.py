"""ui.literal: text from a URL, a file name or a typed field reaches Markdown as literal text.

The real-browser check (no link, no image, no outside request) is tests/e2e/test_literal.py; here
the escaping itself, on the hostile corpus of tests/hostile.py.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import rendered
from hostile import INJECTIONS, hostile_strings

from cnnviz import i18n
from cnnviz.lessons import kernels
from cnnviz.nn import shapes
from ui.literal import MARKDOWN_SPECIALS, literal, literal_fields, message

UNESCAPED = re.compile(r"(?<!\\)[" + re.escape(MARKDOWN_SPECIALS.replace("\\", "")) + "]")
WORD_JOINER = "\u2060"


def _shown(value: str) -> str:
    """What the reader should see: the value, with line breaks and control characters as spaces."""
    return "".join(" " if unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" else c for c in value)


@pytest.mark.parametrize("value", INJECTIONS)
def test_injections_are_escaped_and_read_back_unchanged(value):
    source = literal(value)
    assert UNESCAPED.search(source.replace("\\\\", "")) is None, source
    assert "\n" not in source and "\r" not in source
    assert rendered(source) == _shown(value)
    # GFM autolinks and Streamlit's :icon: / :emoji: replacements need these runs unbroken
    plain = source.replace("\\", "")
    assert not re.search(r"(?i)https?:/|www\.|@[\w-]|:material/|:smile:", plain)


def test_corpus_of_hostile_strings_round_trips():
    values = list(hostile_strings(count=3000, seed=12))
    assert len(values) == 3000
    for value in values:
        source = literal(value)
        assert UNESCAPED.search(source.replace("\\\\", "")) is None, (value, source)
        assert rendered(source) == _shown(value), value


def test_shortening_happens_before_escaping():
    assert literal("[" * 50, max_chars=5) == "\\[\\[\\[\\[…"
    assert literal("abc", max_chars=5) == "abc"


def test_fields_and_messages():
    assert literal_fields({"name": "a_b", "n": 3}) == {"name": "a\\_b", "n": 3}
    with pytest.raises(kernels.GridParseError) as caught:
        kernels.parse_grid("1 [x](http://e.vil)")
    text = message(caught.value, "en")
    assert "[x]" not in text and "\\[x\\]" in text
    assert rendered(text) == i18n.message(caught.value, "en")
    problem = shapes.problem("shapes.not_int", name="stride", value="'*x*'")
    assert "\\*x\\*" in message(problem, "zh", "message")
    error = shapes.ShapeError(problem)
    assert rendered(message(error, "en")) == i18n.message(problem, "en")
    assert rendered(message(error, "zh", "fix")) == i18n.problem_fix(problem, "zh")
    assert message(ValueError("<b>x</b>"), "en") == "\\<b\\>x\\</b\\>"


def test_an_error_that_quotes_a_token_keeps_its_wording():
    from cnnviz.architectures import spec as netspec

    with pytest.raises(netspec.SpecError) as caught:
        netspec.parse_spec("1x28x28 conv6k3 [x](http://e.vil)")
    error = caught.value
    shown = message(error, "en", "message")
    from cnnviz.figures.architectures import spec_error_message

    assert rendered(shown) == spec_error_message(error, "en") and "\\[x\\]" in shown


def test_the_reason_inside_an_error_is_translated_and_its_file_names_stay_literal():
    from cnnviz.errors import CnnvizError

    inner = CnnvizError("nn.state_names", missing=[], unexpected=["[x](http://e.vil)"])  # entry names of a file
    outer = CnnvizError("training.load_err_mismatch", detail=inner)
    for lang in ("en", "zh"):
        text = message(outer, lang)
        assert "[x]" not in text and "\\[x\\]" in text
        assert rendered(text) == i18n.message(outer, lang)
        assert i18n.message(outer, lang) == i18n.t("training.load_err_mismatch", lang,
                                                  detail=i18n.t("nn.state_names", lang, missing=[],
                                                                unexpected=["[x](http://e.vil)"]))
    assert str(outer) == i18n.message(outer, "en")
    assert "缺少" in i18n.message(outer, "zh")
    assert message(CnnvizError("train.choice", name="model", allowed="a", value="b"), "en") == i18n.t(
        "train.choice", "en", name="model", allowed="a", value="b")  # plain fields unchanged
