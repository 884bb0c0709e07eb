"""One Chinese glossary (cnnviz/i18n/glossary.py): the course's terms on every page, no stray English."""

from __future__ import annotations

import pytest

from cnnviz import i18n
from cnnviz.i18n import glossary as G


def test_no_chinese_text_uses_a_rejected_variant():
    problems = [f"{key}: {variant} → {accepted}" for key, texts in sorted(i18n.STRINGS.items())
                for variant, accepted in G.rejected_variants(texts["zh"])]
    assert not problems, "\n".join(problems)


def test_no_chinese_text_contains_stray_english():
    problems = [f"{key}: {words}" for key, texts in sorted(i18n.STRINGS.items())
                if (words := G.stray_english(texts["zh"]))]
    assert not problems, "\n".join(problems)


def test_the_course_terms_are_the_ones_the_pages_use():
    every_zh = "\n".join(texts["zh"] for texts in i18n.STRINGS.values())
    for term in G.GLOSSARY:
        assert term.accepted not in term.rejected
        if term.accepted in ("步长", "膨胀率", "测试集", "卷积核元素", "累积步长", "卷积核", "填充", "池化", "特征图",
                             "感受野"):
            assert term.accepted in every_zh, term.accepted


@pytest.mark.parametrize(("text", "expected"), [
    ("窗口大小 K（`kernel_size`）", []),                      # code in backticks: allowed
    ("平移后 x′ = shift(x)", ["shift"]),                      # prose in code form: not allowed
    ("{rf} / {jump}", []),                                    # format fields are not text
    ("Leaky ReLU 与 sigmoid", []),                            # names the notes also use
    ("《Deconvolution and Checkerboard Artifacts》", []),      # a cited title
    ("感受野 RF", []),                                        # two letters: not a word, but "RF" is a rejected variant
    ("with patch 的输出", ["with", "patch"]),
])
def test_what_counts_as_stray_english(text, expected):
    assert G.stray_english(text) == expected


def test_rejected_variants_are_found_but_not_in_format_fields():
    assert G.rejected_variants("步幅为 2") == [("步幅", "步长")]
    assert G.rejected_variants("{jump}") == []
    assert ("留出集", "测试集") in G.rejected_variants("留出集准确率")
    assert G.rejected_variants("感受野 RF") == [("RF", "感受野")]
