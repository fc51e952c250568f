/**
 * The push: Kapta's contact and tag edits sent to Mailchimp from the outbox.
 */
@NullMarked
package com.kapta.mailchimp.push;

import org.jspecify.annotations.NullMarked;
