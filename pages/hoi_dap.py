"""Hỏi đáp: the chat page."""

from ui.ask import page
from ui.common import load_engine, settings, sidebar_overview

searcher = load_engine(settings())
if searcher is not None:
    sidebar_overview(searcher.store)
    page(searcher)
