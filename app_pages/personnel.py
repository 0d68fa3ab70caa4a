"""Cán bộ: secondment against plan, severance cases and funding (and the derived cost per case), the national database."""

from ui.shell import view
from ui.theme_page import page

page(view("personnel"))  # cards and charts as metrics/pages.LAYOUT["personnel"] names them
