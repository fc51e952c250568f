package com.kapta.mailchimp.importing;

import com.kapta.mailchimp.OnPostgres;

/** {@link ImportJobTests} on a real PostgreSQL server. */
@OnPostgres
class ImportJobOnPostgresTests extends ImportJobTests {

}
