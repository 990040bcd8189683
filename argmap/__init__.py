"""argmap: map a contested legal question, its claims, evidence and rebuttals, and see which side stands."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("argmap")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
