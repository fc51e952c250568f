package com.kapta.mailchimp.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.audit.AuditProperties;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.contact.HistoryProperties;
import com.kapta.mailchimp.webhook.WebhookEvents;
import com.kapta.mailchimp.webhook.WebhookProperties;

/**
 * Deletes from the audit trail and the contacts' histories what is older than they keep
 * ({@code kapta.audit.keep}, {@code kapta.history.keep}), and the applied webhook events
 * older than {@code kapta.webhook.keep}: once when the service starts its upkeep, then
 * once a day. Two instances may both do it; the second deletes nothing.
 */
@Component
@Profile("service")
class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private static final Duration EVERY = Duration.ofDays(1);

	private final AuditTrail audit;

	private final ContactHistory history;

	private final AuditProperties auditProperties;

	private final HistoryProperties historyProperties;

	private final Clock clock;

	private final WebhookEvents webhookEvents;

	private final WebhookProperties webhookProperties;

	private @Nullable Instant lastPruned;

	Retention(AuditTrail audit, ContactHistory history, AuditProperties auditProperties,
			HistoryProperties historyProperties, WebhookEvents webhookEvents, WebhookProperties webhookProperties,
			Clock clock) {
		this.webhookEvents = webhookEvents;
		this.webhookProperties = webhookProperties;
		this.audit = audit;
		this.history = history;
		this.auditProperties = auditProperties;
		this.historyProperties = historyProperties;
		this.clock = clock;
	}

	/** Prunes, if it has not done so for a day. */
	synchronized void pruneIfDue() {
		Instant now = this.clock.instant();
		if (this.lastPruned != null && this.lastPruned.plus(EVERY).isAfter(now)) {
			return;
		}
		this.lastPruned = now;
		int actions = this.audit.prune(now.minus(this.auditProperties.keep()));
		int changes = this.history.prune(now.minus(this.historyProperties.keep()));
		int events = this.webhookEvents.prune(now.minus(this.webhookProperties.keep()));
		if (events > 0) {
			log.info("Deleted {} applied webhook events older than {}", events,
					this.webhookProperties.keep().toDays() + " days");
		}
		if (actions + changes > 0) {
			log.info(
					"Deleted {} actions older than {} from the audit trail and {} changes older than {} from the"
							+ " contacts' histories",
					actions, this.auditProperties.keep().toDays() + " days", changes,
					this.historyProperties.keep().toDays() + " days");
		}
	}

}
