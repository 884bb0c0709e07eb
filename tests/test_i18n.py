"""Every string exists in English and Chinese with the same fields; every key used exists."""

from __future__ import annotations

import ast
import string
import sys
from pathlib import Path

import pytest

from cnnviz import i18n

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCALES_DIR = REPO_ROOT / "cnnviz" / "i18n" / "locales"



def format_fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_languages_present_and_non_empty():
    problems = []
    for key, texts in sorted(i18n.STRINGS.items()):
        if set(texts) != set(i18n.LANGUAGES):
            problems.append(f"{key}: languages {sorted(texts)}")
            continue
        problems += [f"{key}: empty {lang} text" for lang in i18n.LANGUAGES
                     if not isinstance(texts[lang], str) or not texts[lang].strip()]
    assert not problems, "\n".join(problems)


def test_same_format_fields_in_both_languages():
    problems = [
        f"{key}: en {sorted(format_fields(texts['en']))} vs zh {sorted(format_fields(texts['zh']))}"
        for key, texts in sorted(i18n.STRINGS.items())
        if format_fields(texts["en"]) != format_fields(texts["zh"])
    ]
    assert not problems, "\n".join(problems)


def test_t_substitutes_fields_and_falls_back_to_english():
    assert i18n.t("nav.pooling", "zh") == "池化"
    assert i18n.t("nav.pooling", "zh-CN") == "池化"
    assert i18n.t("nav.pooling", "fr") == "Pooling"
    assert i18n.t("common.url_notice_item", "en", name="conv.stride", value="abc") == (
        "conv.stride = “abc”"
    )
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")


@pytest.mark.parametrize("module", sorted(p.name for p in LOCALES_DIR.glob("*.py")
                                           if p.name != "__init__.py"))
def test_no_key_is_written_twice_in_one_module(module):
    """A repeated key in a dict literal silently keeps only the last text; catch it in the source."""
    tree = ast.parse((LOCALES_DIR / module).read_text(encoding="utf-8"))
    tables = [node.value for node in tree.body if isinstance(node, ast.Assign)
              and any(isinstance(target, ast.Name) and target.id == "STRINGS"
                      for target in node.targets)]
    assert len(tables) == 1 and isinstance(tables[0], ast.Dict), f"{module}: one STRINGS = {{...}}"
    keys = [k.value for k in tables[0].keys if isinstance(k, ast.Constant)]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, f"{module} defines {duplicates} more than once"


def test_a_key_defined_in_two_modules_is_refused(tmp_path, monkeypatch):
    package = tmp_path / "fake_locales"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text('STRINGS = {"x.title": {"en": "A", "zh": "甲"}}\n')
    (package / "b.py").write_text('STRINGS = {"x.title": {"en": "B", "zh": "乙"}}\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    import fake_locales

    monkeypatch.setattr(i18n, "locales", fake_locales)
    try:
        with pytest.raises(ValueError, match="'x.title' is defined twice"):
            i18n._load_strings()
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "fake_locales"]:
            monkeypatch.delitem(sys.modules, name)


def scanned_sources() -> list[Path]:
    files = [REPO_ROOT / "app.py"]
    files += sorted((REPO_ROOT / "pages").glob("*.py"))
    files += sorted((REPO_ROOT / "ui").glob("*.py"))
    files += sorted(p for p in (REPO_ROOT / "cnnviz").rglob("*.py") if "locales" not in p.parts)
    return [p for p in files if p.exists()]


def literal_keys(path: Path) -> list[tuple[int, str]]:
    """``(line, key)`` of every ``t("key", ...)``, ``ctx.t("key")``, ``i18n.t("key", lang)`` call
    with a literal key (docstrings and comments are not calls, so examples there don't count)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        first = node.args[0]
        if name == "t" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((node.lineno, first.value))
    return found


def test_every_literal_key_used_in_the_code_exists():
    missing = [
        f"{path.relative_to(REPO_ROOT)}:{line}: {key}"
        for path in scanned_sources()
        for line, key in literal_keys(path)
        if key not in i18n.STRINGS
    ]
    assert not missing, "keys used but not defined in cnnviz/locales:\n" + "\n".join(missing)


def test_the_scan_finds_keys():
    """Guard the scanner: the shell's own files do use literal keys."""
    used = {key for path in scanned_sources() for _, key in literal_keys(path)}
    assert {"app.title", "app.present", "home.title", "common.url_notice"} <= used
