package com.kapta.mailchimp.reliability;

import com.kapta.mailchimp.OnPostgres;

/**
 * {@link CrashAndFaultTests} with each home's database on a real PostgreSQL server: the
 * seed's database copied for every run (CREATE DATABASE … TEMPLATE), the killed JVM's
 * connections dropped by the server.
 */
@OnPostgres
class CrashAndFaultOnPostgresTests extends CrashAndFaultTests {

}
