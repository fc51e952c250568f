/**
 * Kapta's database: the embedded file (where it lives, its checks, sharing it with other
 * processes through the service) or a PostgreSQL server, and what differs between the
 * two.
 */
@NullMarked
package com.kapta.mailchimp.database;

import org.jspecify.annotations.NullMarked;
