/**
 * The service's triggers: the nightly download, the import folder poll, the push.
 */
@NullMarked
package com.kapta.mailchimp.schedule;

import org.jspecify.annotations.NullMarked;
