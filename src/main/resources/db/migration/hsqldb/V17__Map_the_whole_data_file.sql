-- HSQLDB maps its .data file into memory only up to hsqldb.nio_max_size (256 MB by default) and reads it
-- with a system call per row beyond that. A million contacts make a file of 650 MB: past 256 MB every row
-- not in the row cache cost a read, and a tag-by-tag download of a million members took 23 s instead of
-- 20 s (docs/benchmarks.md). The map is outside the Java heap (the 256 MB heap promise is unchanged) and
-- the operating system pages it out when memory runs short; past 8 GB HSQLDB falls back to reads again.
SET FILES NIO SIZE 8192;
