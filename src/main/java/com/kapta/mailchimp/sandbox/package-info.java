/**
 * The sandbox: a stateful Mailchimp stand-in on 127.0.0.1 for tests, the demo and the
 * benchmarks, behaving as live Mailchimp is recorded to.
 */
@NullMarked
package com.kapta.mailchimp.sandbox;

import org.jspecify.annotations.NullMarked;
