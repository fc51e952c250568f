/**
 * Who did what: the actor of the action in hand ({@link com.kapta.mailchimp.audit.Actor})
 * and the audit trail that records every action that changes something
 * ({@link com.kapta.mailchimp.audit.AuditTrail}), written only by appending.
 */
@NullMarked
package com.kapta.mailchimp.audit;

import org.jspecify.annotations.NullMarked;
