package com.kapta.mailchimp.contact;

import com.kapta.mailchimp.OnPostgres;

/** {@link ContactCsvLoaderTests} on a real PostgreSQL server. */
@OnPostgres
class ContactCsvLoaderOnPostgresTests extends ContactCsvLoaderTests {

}
