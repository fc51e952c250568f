package com.kapta.mailchimp.export;

import com.kapta.mailchimp.OnPostgres;

/** {@link ExportJobTests} on a real PostgreSQL server. */
@OnPostgres
class ExportJobOnPostgresTests extends ExportJobTests {

}
