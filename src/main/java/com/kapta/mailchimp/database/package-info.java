/**
 * The embedded database: where it lives, its checks, and sharing it with other processes
 * through the service.
 */
@NullMarked
package com.kapta.mailchimp.database;

import org.jspecify.annotations.NullMarked;
