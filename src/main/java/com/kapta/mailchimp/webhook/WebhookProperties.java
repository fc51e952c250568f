package com.kapta.mailchimp.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Mailchimp's webhook events.
 *
 * @param poll how often the worker looks for events another instance stored (those this
 * instance receives it applies at once)
 * @param tolerance how far a delivery's signed time may be from now: older ones are
 * refused as replays
 * @param maxBody the largest delivery accepted (Mailchimp's are a few hundred bytes); at
 * most 15 KB, what an event's row holds
 * @param keep how long applied events are kept (a delivery of one still kept is
 * recognised and not applied again)
 * @param readers how many members the worker reads back from Mailchimp side by side
 */
@ConfigurationProperties("kapta.webhook")
public record WebhookProperties(@DefaultValue("2s") Duration poll, @DefaultValue("5m") Duration tolerance,
		@DefaultValue("15KB") DataSize maxBody, @DefaultValue("30d") Duration keep, @DefaultValue("4") int readers) {

	/** What an event's row holds of its body (16 000 characters), in bytes. */
	static final DataSize MAX_BODY = DataSize.ofKilobytes(15);

	public WebhookProperties {
		if (poll.isNegative() || poll.isZero()) {
			throw new IllegalArgumentException("kapta.webhook.poll must be longer than nothing, e.g. 2s");
		}
		if (keep.isNegative() || keep.isZero()) {
			throw new IllegalArgumentException("kapta.webhook.keep must be longer than nothing, e.g. 30d");
		}
		if (maxBody.toBytes() < 1 || maxBody.toBytes() > MAX_BODY.toBytes()) {
			throw new IllegalArgumentException("kapta.webhook.max-body must be between 1B and 15KB");
		}
		if (readers < 1 || readers > 10) {
			throw new IllegalArgumentException("kapta.webhook.readers must be between 1 and 10");
		}
	}

}
