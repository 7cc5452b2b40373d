"""Packaged data files (read with importlib.resources or a path next to this file); no code."""
