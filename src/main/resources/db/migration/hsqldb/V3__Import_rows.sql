-- The import's memory of the emails a run has taken, by the sheet row that first had them: a later row
-- with the same email is skipped, also after a restart. Emptied when the run's report is written.
CREATE CACHED TABLE import_row (
    job_instance_id  BIGINT NOT NULL,
    email            VARCHAR_IGNORECASE(254) NOT NULL,
    sheet_row        INT NOT NULL,
    PRIMARY KEY (job_instance_id, email)
);

-- an import's outcomes name the sheet row (as Excel numbers it) they concern
ALTER TABLE run_outcome ADD COLUMN sheet_row INT;
