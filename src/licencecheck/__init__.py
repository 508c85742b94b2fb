"""licencecheck: checks against a Chinese value-added telecom business licence."""

__version__ = "0.1.0"
