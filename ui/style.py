"""CSS injected by the shell: a little polish always, and presentation mode on request.

Presentation mode is for a projector at the back of a lecture hall: larger text everywhere (the
theme sizes are in ``rem``, so raising the root font size scales text, widgets and spacing
together), pure black text on white, heavier headings and stronger borders. Embed mode (the page
in a course site's iframe) and presentation mode start the page right at the top.
:func:`uploader_css` puts the file uploader's texts in the reader's language.
"""

from __future__ import annotations

from cnnviz import i18n
from cnnviz.figures._common import NARROWEST_CHART_PX

BASE_CSS = """
<style>
/* Page links inside the home-page cards read as headings. */
[data-testid="stMain"] [data-testid="stPageLink"] p { font-weight: 600; }
/* Less empty space above the title: the first screen shows more of the page. */
[data-testid="stMainBlockContainer"] { padding-top: 3.2rem; }
/* Charts never push the page sideways; wide ones scroll inside their own box. */
[data-testid="stPlotlyChart"] { max-width: 100%; overflow-x: auto; }
/* A phone: a chart keeps the width its labels were laid out for and scrolls sideways in its box. */
@media (max-width: 640px) {
  [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) { overflow-x: auto; }
  [data-testid="stElementContainer"] > [data-testid="stFullScreenFrame"]:has([data-testid="stPlotlyChart"]) {
    min-width: PHONE_CHART_PX; }
}
/* Touch screens cannot hover: the drawing canvas keeps its undo / clear toolbar visible. */
@media (hover: none) { [data-testid="stMain"] iframe + div, .canvas-toolbar,
  [data-testid="stElementToolbar"] { opacity: 1 !important; visibility: visible !important; } }
</style>
""".replace("PHONE_CHART_PX", f"{NARROWEST_CHART_PX[False]}px")  # the width phone figures are laid out for

PRESENTATION_CSS = """
<style>
html { font-size: 21px; }
.stApp [data-testid="stMarkdownContainer"], .stApp [data-testid="stWidgetLabel"],
.stApp [data-testid="stCaptionContainer"], [data-testid="stSidebarNav"] span { color: #000000; }
.stApp [data-testid="stCaptionContainer"] { opacity: 1; }
.stApp button [data-testid="stMarkdownContainer"] { color: inherit; }
.stApp h1, .stApp h2, .stApp h3 { color: #000000; font-weight: 800; }
.stApp [data-testid="stMarkdownContainer"] p { line-height: 1.55; }
/* Borders of bordered containers (unbordered blocks have no border to colour). */
[data-testid="stVerticalBlock"], [data-testid="stHorizontalBlock"] { border-color: #505050; }
[data-testid="stSidebar"] { border-right: 2px solid #505050; }
/* The projected page starts right under the bar, with a compact title. */
[data-testid="stMainBlockContainer"] { padding-top: 3.4rem; padding-left: 2rem; padding-right: 2rem; }
.stApp h1 { font-size: 2.1rem; padding-top: 0.2rem; padding-bottom: 0.2rem; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.7rem; }
[data-testid="stMain"] [data-testid="stExpander"] summary { padding-top: 0.35rem; padding-bottom: 0.35rem; }
.stApp h2 { font-size: 1.6rem; padding-top: 0.5rem; padding-bottom: 0.2rem; }
</style>
"""

EMBED_CSS = """
<style>
/* Inside a course site's frame: the page alone, edge to edge. */
[data-testid="stMainBlockContainer"] { padding-top: 3.6rem; padding-left: 1.2rem; padding-right: 1.2rem; }
.stApp h1 { font-size: 2rem; padding-top: 0; }
.stApp h2 { font-size: 1.6rem; padding-top: 0.5rem; padding-bottom: 0.2rem; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.7rem; }
[data-testid="stMain"] [data-testid="stExpander"] summary { padding-top: 0.35rem; padding-bottom: 0.35rem; }
</style>
"""


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:``), safe inside an HTML ``<style>`` block."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return f'"{escaped}"'


# Streamlit's file uploader writes English into the page ("Upload", "8MB per file", "Drag and drop a
# file here", "File must be 8.0MB or smaller.") and has no option to change it. Each of those texts is
# hidden (visibility: hidden, so it is neither drawn nor read out, and font-size 0, so it takes no room)
# and its ::after shows the translation instead. The selectors follow Streamlit's test ids; the e2e
# test tests/e2e/test_uploader.py fails if a Streamlit upgrade moves them.
_HIDE = "visibility: hidden; font-size: 0;"
_SHOW = "visibility: visible; font-size: 0.875rem; line-height: 1.6;"
_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_REFUSED_CHIP = '[data-testid="stFileChip"][aria-invalid="true"]'


def uploader_css(lang: str, mb: int) -> str:
    """CSS that makes every file uploader speak ``lang`` and state the limit of ``mb`` MB."""
    def text(key: str) -> str:
        return css_string(i18n.t(key, lang, mb=mb))

    button = f'{_DROPZONE} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p'
    limit = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    drop = '[data-testid="stFileUploaderDropzoneInput"] + div > span:only-child'  # shown while dragging
    # the refused file's tooltip (a portal at the end of the page): typed uploaders can refuse a type too
    refused = f'body:has({_REFUSED_CHIP}) [data-testid="stTooltipErrorContent"]'
    refused_typed = (f'body:has(input[accept] ~ div {_REFUSED_CHIP}) '
                     '[role="tooltip"] [data-testid="stTooltipErrorContent"]')
    rules = [f"{button}, {limit}, {drop} {{ {_HIDE} }}",
             # the tooltip's box (background, padding, shadow) is the hidden element's: ::after draws it
             f"{refused} {{ {_HIDE} padding: 0; }}",
             f"{button}::after {{ content: {text('common.uploader_button')}; {_SHOW} }}",
             f"{limit}::after {{ content: {text('common.uploader_limit')}; {_SHOW} }}",
             f"{drop}::after {{ content: {text('common.uploader_drop')}; {_SHOW} }}",
             f"{refused}::after {{ content: {text('common.uploader_refused')}; {_SHOW} display: block; "
             "padding: 0.375rem 0.75rem; background-color: inherit; border-radius: inherit; box-shadow: inherit; }",
             f"{refused_typed}::after {{ content: {text('common.uploader_refused_typed')}; }}"]
    return "<style>\n" + "\n".join(rules) + "\n</style>"
