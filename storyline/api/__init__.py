"""The REST API under ``/api``: JSON answers built by the same view functions as the web pages, and
the two write endpoints (token-guarded). Mounted by :func:`storyline.web.app.create_app`."""
