"""Measurements of the book against the design's budgets (``make bench``)."""
