"""Per-area string tables merged by :mod:`cnnviz.i18n`. One module per page or area."""
