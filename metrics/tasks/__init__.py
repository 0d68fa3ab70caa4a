"""The tasks the sources assign for the year ahead, tracked by the "6 rõ" (clear person, task, time, responsibility,
product, authority): the task file format, task files as a kind of data file checked against their sources, and
the register's figures (how far each task is from the six, overdue computed from deadlines and today)."""
