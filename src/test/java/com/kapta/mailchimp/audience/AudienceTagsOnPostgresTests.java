package com.kapta.mailchimp.audience;

import com.kapta.mailchimp.OnPostgres;

/** {@link AudienceTagsTests} on a real PostgreSQL server. */
@OnPostgres
class AudienceTagsOnPostgresTests extends AudienceTagsTests {

}
