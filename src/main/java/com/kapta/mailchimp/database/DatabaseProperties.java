package com.kapta.mailchimp.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the embedded database is shared between processes.
 *
 * @param port the port on 127.0.0.1 where the service serves the database; 0 picks a free
 * one
 * @param lockWait how long a one-shot command waits for another process to release the
 * database file
 */
@ConfigurationProperties("kapta.database")
public record DatabaseProperties(@DefaultValue("0") int port, @DefaultValue("10s") Duration lockWait) {
}
