"""Chỉ đạo điều hành: meetings, conclusion notices, tasks completed, targets met (counts of unlike things are
cards, not bars on one axis)."""

from ui.shell import view
from ui.theme_page import page

page(view("direction"))  # cards and charts as metrics/pages.LAYOUT["direction"] names them
