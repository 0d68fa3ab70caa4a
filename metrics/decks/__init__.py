"""Decks for the stage: a deck file's format, decks as a kind of data file checked against the figures, and what a
slide shows, ready for any renderer (the presentation page, PowerPoint)."""
