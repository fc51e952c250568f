/**
 * The demo command, and the secret scan it shares with the tests.
 */
@NullMarked
package com.kapta.mailchimp.demo;

import org.jspecify.annotations.NullMarked;
