"""Checks: each takes the licence and a subject and returns findings; none prints or exits."""
