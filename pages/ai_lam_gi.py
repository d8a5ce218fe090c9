"""Ai làm gì: who does what, by when, across the documents."""

from ui.common import load_engine, settings, sidebar_overview
from ui.tasks import page

searcher = load_engine(settings())
if searcher is not None:
    sidebar_overview(searcher.store)
    page(searcher.store)
