"""Command-line interface: thin Typer commands over :mod:`storyline.library`, one module each."""
