-- V3 says the import's email memory is emptied when the run's report is written. It no longer is: it is
-- dropped once the run has completed, after its last transaction and in key ranges (HSQLDB keeps deleted rows
-- in memory while an older transaction is open, which ran a million-row import out of heap), and a run that
-- failed or stopped keeps it for its restart. Said here because an applied migration cannot change.
COMMENT ON TABLE import_row IS 'The import''s memory of the emails a run took, by the sheet row that first had them: dropped once the run completed; a failed or stopped run keeps it for its restart';
