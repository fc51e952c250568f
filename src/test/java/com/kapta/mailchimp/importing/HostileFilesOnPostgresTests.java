package com.kapta.mailchimp.importing;

import com.kapta.mailchimp.OnPostgres;

/** {@link HostileFilesTests} on a real PostgreSQL server. */
@OnPostgres
class HostileFilesOnPostgresTests extends HostileFilesTests {

}
