-- What an admin chose for the service's schedule (the Schedule page, the API, ./run.sh schedule), kept
-- here so that it survives a restart and reaches every instance: a trigger paused, the nightly cron
-- changed, a Run now asked by a process without the schedule (a command). The service applies it to
-- Quartz (ScheduleKeeper) and writes back when each trigger last fired and fires next.
CREATE TABLE schedule_trigger (
    name              VARCHAR(40) NOT NULL PRIMARY KEY,
    paused            BOOLEAN DEFAULT FALSE NOT NULL,
    cron              VARCHAR(200),
    run_requested_at  TIMESTAMP WITH TIME ZONE,
    last_fired_at     TIMESTAMP WITH TIME ZONE,
    next_fire_at      TIMESTAMP WITH TIME ZONE,
    changed_by        VARCHAR(100),
    changed_at        TIMESTAMP WITH TIME ZONE
);
INSERT INTO schedule_trigger (name) VALUES ('download-tags'), ('import-folder'), ('push'), ('recovery-check');
