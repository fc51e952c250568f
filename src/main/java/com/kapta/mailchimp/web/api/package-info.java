/**
 * The JSON API under {@code /api} for Kapta's own application: the same actions as the
 * console and the command line, errors as RFC 9457 problem documents in the command
 * line's words. Described at {@code /v3/api-docs}.
 */
@NullMarked
package com.kapta.mailchimp.web.api;

import org.jspecify.annotations.NullMarked;
