/**
 * Kapta's contacts and their tags, the CSV load, and the outbox of changes for the push.
 */
@NullMarked
package com.kapta.mailchimp.contact;

import org.jspecify.annotations.NullMarked;
