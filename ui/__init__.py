"""The dashboard's Streamlit helpers, one module per job; the pages in ``pages/`` use them.

- ``ui.data``: the database (built from the bundled sample on first start) and typed, cached
  loaders, one per query of ``signals_data`` (``data.kpis(f)``).
- ``ui.filters``: the sidebar filters and their URL parameters; page choices kept in the URL.
- ``ui.drill``: clickable charts and the signals listed below them (``?drill=``).
- ``ui.render``: escaping page text, notices, the run-time report.
- ``ui.story``: one story in full (the Stories page with ``?story=ID``).

This package lives beside ``pages/`` rather than inside it: Streamlit gives a folder named
``pages`` a meaning of its own (its old multipage mode scans it), while a plain package is
imported like any other module once ``app.py``'s folder is on the path, as Streamlit puts it.
Analysis and data shaping stay in ``signals_data``, which never imports Streamlit.
"""

from streamlit.runtime.pages_manager import PagesManager

# Streamlit treats a folder named pages/ beside the entrypoint as an old-style multipage app
# until st.navigation first runs in the process. A first visitor arriving on a deep link
# (/overlap) would then get the page script alone, without app.py. Switch that mode off as
# soon as any of our scripts is imported; ``filters.current_filters`` repairs the first run.
PagesManager.uses_pages_directory = False
