"""CSS injected by the shell: a little polish always, and presentation mode on request.

Presentation mode is for a projector at the back of a lecture hall: larger text everywhere (the
theme sizes are in ``rem``, so raising the root font size scales text, widgets and spacing
together), pure black text on white, heavier headings and stronger borders.
"""

from __future__ import annotations

BASE_CSS = """
<style>
/* Page links inside the home-page cards read as headings. */
[data-testid="stMain"] [data-testid="stPageLink"] p { font-weight: 600; }
</style>
"""

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
[data-testid="stSidebar"] { border-right: 2px solid #505050; min-width: 330px; }
</style>
"""
