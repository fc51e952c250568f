package com.kapta.mailchimp.health;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code mailchimp} part: always UP (a Mailchimp outage or a
 * failed night is no reason to take the service out of a load balancer), with the glance
 * as its details, which only admins see.
 */
@Component("mailchimp")
@ConditionalOnWebApplication
class SyncHealthIndicator extends AbstractHealthIndicator {

	private final SyncHealth health;

	SyncHealthIndicator(SyncHealth health) {
		super("The integration's health could not be read");
		this.health = health;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SyncHealth.Glance glance = this.health.glance();
		builder.up()
			.withDetail("lastDownload",
					(glance.lastDownload() != null) ? glance.lastDownload().status().name() + " (run "
							+ glance.lastDownload().executionId() + ", started " + glance.lastDownload().started() + ")"
							: "none yet")
			.withDetail("lastCompletedDownload",
					(glance.lastGoodDownload() != null) ? glance.lastGoodDownload().toString() : "none yet")
			.withDetail("changesWaiting", glance.waiting())
			.withDetail("changesFailed", glance.failed())
			.withDetail("mailchimp", (glance.mailchimp() == null) ? "not called yet by this instance"
					: (glance.mailchimp().answered() ? "answered" : "did not answer: " + glance.mailchimp().problem())
							+ " at " + glance.mailchimp().at())
			.withDetail("attention", glance.worrying());
	}

}
