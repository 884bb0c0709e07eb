"""The Chinese glossary: one accepted term per concept, as the course notes write it, and its rejected variants.

Every Chinese text in ``cnnviz/i18n/locales`` uses the accepted term; ``tests/test_glossary.py`` fails
when a text uses a rejected variant, or when a Chinese text contains an English word that is not in
:data:`ALLOWED_LATIN`.

What counts as an English word (:func:`latin_words`): a run of three or more Latin letters, after
removing format fields (``{name}``), HTML tags, LaTeX (``$…$``), code in backticks and titles of
cited works in 《》. So

- mathematics is fine: single letters and symbols (``K``, ``S``, ``D(K − 1)``, ``x′``, ``W1``, ``b1``);
- code is fine **in backticks only**, and only as the PyTorch name next to the Chinese term, e.g.
  ``尺寸向上取整（`ceil_mode`）``: students meet these names in PyTorch, so the page shows which
  argument it means, while the label itself is Chinese;
- names are fine when they are names (:data:`ALLOWED_LATIN`: networks, people, libraries, file
  formats, the activation functions the notes also write in Latin letters: ReLU, sigmoid, tanh,
  softmax);
- anything else (``shift(x)``, "with patch", "RF", "jump" as a column header) must be translated.

Streamlit's own widget texts (the file uploader's "Upload", "8MB per file") are not in the locales:
the shell's CSS shows the locales' ``common.uploader_*`` texts instead (``ui/style.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A concept's accepted Chinese term and the variants the app must not use for it."""

    english: str
    accepted: str
    rejected: tuple[str, ...] = ()
    note: str = ""


GLOSSARY = (
    Term("stride", "步长", ("步幅",), "课程讲义：“步长为2”、“滑动步长”"),
    Term("dilation (rate)", "膨胀率", ("空洞率", "扩张率"), "讲义：“膨胀卷积”“膨胀率”；空洞卷积可作为别名"),
    Term("test set (held-out data used only to evaluate)", "测试集", ("留出集",),
         "只用来评估、不参与选择设置的数据"),
    Term("validation set (held-out data used to choose settings)", "验证集", ("留出集",),
         "讲义：“Through validation set configuration parameters”"),
    Term("kernel element (tap)", "卷积核元素", ("抽头",)),
    Term("jump (cumulative stride)", "累积步长", ("跳跃步长", "jump")),
    Term("kernel", "卷积核", ("内核",)),
    Term("padding", "填充", ("补零填充",)),
    Term("pooling", "池化", ("汇合",)),
    Term("feature map", "特征图", ("特征映射",)),
    Term("receptive field", "感受野", ("接受野", "感受域", "RF")),
    Term("activation function", "激活函数", ("激励函数",)),
    Term("fully connected layer", "全连接层", ("密集层",)),
    Term("weight sharing", "权值共享", ()),
    Term("backpropagation", "反向传播", ()),
)
"""The terms, in the order of the course."""

ALLOWED_LATIN = frozenset({
    # activation functions and operations the notes themselves write in Latin letters
    "ReLU", "Leaky", "sigmoid", "Sigmoid", "tanh", "Tanh", "softmax", "Softmax", "GELU", "Maxout", "maxout",
    "max", "min", "exp", "log", "sum", "ceil", "floor", "argmax", "logit", "logits", "Logit",
    # networks, data sets, methods
    "CNN", "LeNet", "AlexNet", "VGG", "GoogLeNet", "Inception", "ResNet", "ImageNet", "MNIST", "Keras",
    "Sobel", "Grad", "CAM", "SmoothGrad", "SGD", "Adam", "AdamW", "Dropout", "BatchNorm", "RBF", "Transformer", "BP",
    "Xavier", "Kaiming", "Glorot",
    # people
    "LeCun", "Cortes", "Burges", "Hubel", "Wiesel", "Krizhevsky", "Simonyan", "Zisserman", "Szegedy",
    "Hinton", "Sutskever", "Fukushima", "He",
    # software, hardware, formats, licences
    "PyTorch", "TensorFlow", "NumPy", "numpy", "cnnviz", "torchvision", "scikit", "image", "Streamlit",
    "GPU", "CPU", "PNG", "JPEG", "GIF", "BMP", "WebP", "TIFF", "CSV", "npz", "CC0", "CC", "BY", "SA",
    "Ctrl", "Enter", "MB", "KB", "Pillow", "EXIF", "CMYK", "RGB", "NaN",
    "GAN", "WaveNet", "Xception", "MobileNet", "Distill",
    # credits and citations: names of people and of the photographed cat
    "Yann", "Corinna", "Christopher", "Lav", "Varshney", "Stefan", "van", "der", "Walt", "Chelsea",
    "Adebayo", "Koltun", "Odena", "Dumoulin", "Olah",
    # the language switch names English in English, for readers who cannot read the Chinese label
    "Language",
})
"""Latin words allowed in Chinese texts (names, not English prose)."""

_FIELD = re.compile(r"\{[^{}]*\}")
_TAG = re.compile(r"<[^<>]*>")
_LATEX = re.compile(r"\$[^$]*\$")
_CODE = re.compile(r"`[^`]*`")
_TITLE = re.compile(r"《[^《》]*》")  # the title of a cited work, quoted as published
_WORD = re.compile(r"[A-Za-z]{3,}")


def rejected_variants(text: str) -> list[tuple[str, str]]:
    """``(variant, accepted term)`` for every rejected variant that ``text`` uses (format fields aside)."""
    text = _FIELD.sub(" ", text)
    return [(variant, term.accepted) for term in GLOSSARY for variant in term.rejected if variant in text]


def latin_words(text: str) -> list[str]:
    """The Latin words of ``text`` outside format fields, HTML tags, LaTeX, backticked code and 《titles》."""
    for pattern in (_CODE, _TITLE, _LATEX, _FIELD, _TAG):
        text = pattern.sub(" ", text)
    return _WORD.findall(text)


def stray_english(text: str) -> list[str]:
    """The Latin words of ``text`` that are not allowed in a Chinese text."""
    return [word for word in latin_words(text) if word not in ALLOWED_LATIN]
