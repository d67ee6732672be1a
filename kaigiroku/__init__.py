"""The stages of the archive other than redaction: load, render, index, publish."""

__version__ = "0.1.0"
