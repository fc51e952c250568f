/**
 * What the jobs share: launching and restarting, typed parameters, sessions, sizes, the
 * chunk ledger, outcomes and reports.
 */
@NullMarked
package com.kapta.mailchimp.batch;

import org.jspecify.annotations.NullMarked;
