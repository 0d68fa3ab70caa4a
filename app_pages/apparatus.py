"""Bộ máy: the merger of three provinces, the cuts in agencies and commune-level units, the district level ended."""

from ui.shell import view
from ui.theme_page import page

page(view("apparatus"))  # cards and charts as metrics/pages.LAYOUT["apparatus"] names them
