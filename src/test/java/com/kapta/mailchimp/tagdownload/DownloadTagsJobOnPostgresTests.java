package com.kapta.mailchimp.tagdownload;

import com.kapta.mailchimp.OnPostgres;

/** {@link DownloadTagsJobTests} on a real PostgreSQL server. */
@OnPostgres
class DownloadTagsJobOnPostgresTests extends DownloadTagsJobTests {

}
