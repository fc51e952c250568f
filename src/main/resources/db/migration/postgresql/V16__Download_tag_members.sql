-- what a tag-by-tag download read of each tag's members, kept until its run ends (a restart reads on from
-- where each tag's reading stopped, so what was read before the kill must still be here): a Kapta contact and
-- one of its member's tags, or a member Kapta does not know (its email, reported once)
CREATE TABLE download_tag_member (
    job_instance_id BIGINT NOT NULL,
    contact_id      BIGINT,
    tag_id          BIGINT,
    email           VARCHAR(254)
);
CREATE INDEX download_tag_member_by_contact ON download_tag_member (job_instance_id, contact_id);
