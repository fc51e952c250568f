package com.kapta.mailchimp.contact;

import com.kapta.mailchimp.OnPostgres;

/** {@link ContactServiceTests} on a real PostgreSQL server. */
@OnPostgres
class ContactServiceOnPostgresTests extends ContactServiceTests {

}
