/**
 * Java migrations of the database (Spring Batch's job repository schema).
 */
@NullMarked
package com.kapta.mailchimp.database.migration;

import org.jspecify.annotations.NullMarked;
