-- Two indexes no query uses. HSQLDB indexes the columns of every foreign key on its own, so
-- audience_member_by_contact only doubled the index it already keeps on contact_id; and no query looks tags
-- up by name alone. Every index is one more tree each inserted row walks through HSQLDB's locked page cache:
-- an upload writes a membership and a tag row per new member, and that upkeep was most of its CPU.
DROP INDEX contact_tag_by_name;
DROP INDEX audience_member_by_contact;
