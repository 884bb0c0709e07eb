"""cnnviz: a pure-NumPy CNN library that shows its work.

The library never imports streamlit; the app in ``app.py`` and ``pages/`` is a thin layer on top.
"""

__version__ = "0.1.0"
