/**
 * Import Mailchimp Contacts and Tags: xlsx workbooks from the drop folder, read as a
 * stream.
 */
@NullMarked
package com.kapta.mailchimp.importing;

import org.jspecify.annotations.NullMarked;
