/**
 * The doors for browsers and programs: the web console ({@code console/}) and the JSON
 * API ({@code api/}, under {@code /api}), served by {@code run.sh service}, and what both
 * share. Thin: they call the same launchers and services as the command line; security
 * (sign-in, roles, tokens) beside them.
 */
@NullMarked
package com.kapta.mailchimp.web;

import org.jspecify.annotations.NullMarked;
