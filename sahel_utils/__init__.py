"""Sahel cooperation press-analysis suite."""

__version__ = "0.1.0"
