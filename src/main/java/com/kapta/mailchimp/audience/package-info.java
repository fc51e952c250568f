/**
 * Kapta's knowledge of the audience: memberships, tags, and the do-not-subscribe memory.
 */
@NullMarked
package com.kapta.mailchimp.audience;

import org.jspecify.annotations.NullMarked;
