"""argmap: map a contested legal question, its claims, evidence and rebuttals, and see which side stands."""

__version__ = "0.1.0"
"""The one place the version is written: pyproject.toml reads it from here (`dynamic`)."""
