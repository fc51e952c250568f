/**
 * Kapta's Mailchimp integration: the application and what every feature shares (its
 * properties, errors, the email key, small text rules). Everything in these packages is
 * non-null unless marked {@code @Nullable}.
 */
@NullMarked
package com.kapta.mailchimp;

import org.jspecify.annotations.NullMarked;
