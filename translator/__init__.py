"""translator: offline, multilingual comparison of article versions."""

__version__ = "0.1.0"
