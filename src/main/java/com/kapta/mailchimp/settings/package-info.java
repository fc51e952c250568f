/**
 * The integration settings and the API key, which never reaches the database or a log.
 */
@NullMarked
package com.kapta.mailchimp.settings;

import org.jspecify.annotations.NullMarked;
