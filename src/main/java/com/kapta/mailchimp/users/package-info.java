/**
 * Who may use the web console and the API: users with a role, their password hashes and
 * API tokens, and the lock after repeated failed sign-ins. Managed from the command line.
 */
@NullMarked
package com.kapta.mailchimp.users;

import org.jspecify.annotations.NullMarked;
