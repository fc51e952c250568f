-- the status the members Kapta creates get: 'audience' (pending when the audience asks for double opt-in,
-- subscribed otherwise), 'subscribed' or 'pending'; and the audience's double opt-in as Save And Synchronize
-- (or a job that looked the audience up by its name) last read it: NULL until then
ALTER TABLE integration_settings ADD COLUMN new_member_status VARCHAR(12) DEFAULT 'audience' NOT NULL;
ALTER TABLE integration_settings ADD COLUMN audience_double_optin BOOLEAN;
