"""The web UI: ``storyline serve`` (server-rendered pages with JSON twins, an SVG timeline, the REST
API beside them). Needs the ``web`` extra: ``pip install 'storyline[web]'``."""
