"""Thi đua khen thưởng: awards by level and by recipient type, and who received what."""

from ui.shell import view
from ui.theme_page import page

page(view("recognition"))  # cards and charts as metrics/pages.LAYOUT["recognition"] names them
