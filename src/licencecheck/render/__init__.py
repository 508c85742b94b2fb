"""Renderers: each turns a report into a string; none decides the exit code."""
