package com.kapta.mailchimp.push;

import com.kapta.mailchimp.OnPostgres;

/** {@link PushJobTests} on a real PostgreSQL server. */
@OnPostgres
class PushJobOnPostgresTests extends PushJobTests {

}
