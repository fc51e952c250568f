/**
 * Download To Kapta: every contact gets exactly its member's tags; nothing is sent.
 */
@NullMarked
package com.kapta.mailchimp.tagdownload;

import org.jspecify.annotations.NullMarked;
