"""What every chapter does first: load the data package and draw its charts offline."""

from __future__ import annotations

from jingjinji.data import DataPackage, load
from jingjinji.offline import enable_offline


def setup() -> DataPackage:
    """Set up a chapter: charts drawn with no network, and the checked data package."""
    enable_offline()
    return load()
