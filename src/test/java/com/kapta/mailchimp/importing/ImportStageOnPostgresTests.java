package com.kapta.mailchimp.importing;

import com.kapta.mailchimp.OnPostgres;

/** {@link ImportStageTests} on a real PostgreSQL server. */
@OnPostgres
class ImportStageOnPostgresTests extends ImportStageTests {

}
