"""Data, checks and charts for the open data book *Ten Years of Jing-Jin-Ji*."""

from jingjinji.chapter import setup
from jingjinji.data import DataError, DataPackage, load
from jingjinji.draw import Charts
from jingjinji.figures import Figures

__all__ = ["Charts", "DataError", "DataPackage", "Figures", "load", "setup"]
