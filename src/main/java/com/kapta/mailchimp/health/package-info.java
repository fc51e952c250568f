/**
 * The integration's health at a glance: the last nightly download, the changes waiting
 * for Mailchimp, and whether Mailchimp answered the last call; on the console's Mailchimp
 * page and under {@code /actuator/health}.
 */
@NullMarked
package com.kapta.mailchimp.health;

import org.jspecify.annotations.NullMarked;
