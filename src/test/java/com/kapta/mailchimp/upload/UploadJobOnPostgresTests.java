package com.kapta.mailchimp.upload;

import com.kapta.mailchimp.OnPostgres;

/** {@link UploadJobTests} on a real PostgreSQL server. */
@OnPostgres
class UploadJobOnPostgresTests extends UploadJobTests {

}
