package com.kapta.mailchimp.push;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How contact edits reach Mailchimp.
 *
 * @param editWait how long a console or API edit waits for the push that carries it
 * before it answers that the change waits (the push goes on; the change is saved either
 * way)
 * @param busyRetry how long the pushes after edits keep trying while a push of another
 * process holds the push's lock (a command line push, the other instance)
 */
@ConfigurationProperties("kapta.push")
public record PushProperties(@DefaultValue("500ms") Duration editWait, @DefaultValue("2m") Duration busyRetry) {

	public PushProperties {
		if (editWait.isNegative() || busyRetry.isNegative()) {
			throw new IllegalArgumentException("kapta.push.edit-wait and kapta.push.busy-retry must not be negative");
		}
	}

}
