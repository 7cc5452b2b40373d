"""Views: the shapes every front end shows (CLI ``--json``, exports, the REST API, web pages), built
in one place from typed records so the CLI, the API and the pages cannot drift apart.

``records`` turns one record into its JSON shape (the export keys of shared/EVAL.md are fixed: keys
are added, never renamed or dropped); ``pages`` assembles what one page or API answer shows, reading
through the ``Storyline`` facade only, one page at a time.
"""
