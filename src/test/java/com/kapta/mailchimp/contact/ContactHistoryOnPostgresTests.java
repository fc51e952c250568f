package com.kapta.mailchimp.contact;

import com.kapta.mailchimp.OnPostgres;

/** {@link ContactHistoryTests} on a real PostgreSQL server. */
@OnPostgres
class ContactHistoryOnPostgresTests extends ContactHistoryTests {

}
