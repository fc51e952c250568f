/**
 * Save and Synchronize: settings verified against Mailchimp before they are saved.
 */
@NullMarked
package com.kapta.mailchimp.synchronize;

import org.jspecify.annotations.NullMarked;
