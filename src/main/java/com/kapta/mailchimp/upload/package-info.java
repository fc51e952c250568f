/**
 * Upload To Mailchimp: the contacts not yet members, with launch tags, in partitions.
 */
@NullMarked
package com.kapta.mailchimp.upload;

import org.jspecify.annotations.NullMarked;
