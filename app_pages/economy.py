"""Kinh tế: the growth rate, by period."""

from ui.shell import view
from ui.theme_page import page

page(view("economy"))  # cards and charts as metrics/pages.LAYOUT["economy"] names them
