"""From a report's text to candidate figures that a person reviews and saves as a metric file.

source      reading a report: .txt, .md, pasted text, .docx (paragraphs and table cells in order)
words       the Vietnamese words a figure's meaning is read from (units, directions, plans, themes)
skips       the numbers that are not figures (dates, years, document numbers, ordinals, names...) and why
quotes      the clause around a number, verbatim, short enough for a card
candidates  the candidates and the numbers passed over
write       the candidate metric file, placeholders where only a person can answer
review      checking a reviewed file with the loader's models and quote check; saving under data/
marks       the text with its candidates and skipped numbers marked, for the review page
quality     recall and precision against annotated texts (bench/extraction_quality.py)
command     python -m metrics extract
"""

from metrics.extraction.candidates import Candidate, Extraction, extract, promote
from metrics.extraction.skips import Skipped

__all__ = ["Candidate", "Extraction", "Skipped", "extract", "promote"]
