/**
 * Export Mailchimp Contacts and Tags: every contact into the workbook that is also the
 * import's template.
 */
@NullMarked
package com.kapta.mailchimp.export;

import org.jspecify.annotations.NullMarked;
