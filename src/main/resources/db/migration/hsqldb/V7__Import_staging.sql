-- The import stages the sheet before it sends anything (issue 19): its rows are read once into import_row,
-- the first row of each email wins there, and the tag changes the rows ask for go to import_change, so the
-- tag calls can be packed across the whole file (500 to a call) instead of per chunk of rows. Both tables
-- are a run's scratch data: emptied in key ranges once the run completed; a failed or stopped run keeps
-- them for its restart. A run staged by an earlier version had no such tables: its restart stages again.
DROP TABLE import_row;

-- one per email a run took, with the sheet row that first had it; the names and the subscribe mark only for
-- a row whose contact is still to join the audience, rejected once Mailchimp refused it
CREATE CACHED TABLE import_row (
    job_instance_id  BIGINT NOT NULL,
    email            VARCHAR_IGNORECASE(254) NOT NULL,
    sheet_row        INT NOT NULL,
    first_name       VARCHAR(255),
    last_name        VARCHAR(255),
    to_subscribe     BOOLEAN DEFAULT FALSE NOT NULL,
    rejected         BOOLEAN DEFAULT FALSE NOT NULL,
    PRIMARY KEY (job_instance_id, email)
);

-- one per tag change a staged row asks for (its contact on Mailchimp, or about to be); in key order a tag's
-- additions, then its removals, so each call's members are one range of the key
CREATE CACHED TABLE import_change (
    job_instance_id  BIGINT NOT NULL,
    tag_name         VARCHAR_IGNORECASE(100) NOT NULL,
    is_add           BOOLEAN NOT NULL,
    email            VARCHAR_IGNORECASE(254) NOT NULL,
    PRIMARY KEY (job_instance_id, tag_name, is_add, email)
);
