package com.kapta.mailchimp.settings;

import com.kapta.mailchimp.OnPostgres;

/** {@link SettingsServiceTests} on a real PostgreSQL server. */
@OnPostgres
class SettingsServiceOnPostgresTests extends SettingsServiceTests {

}
