"""One loading pipeline for every kind of data file: safe reading, validation into rows and problems, checks
across files, and a cache around it."""
