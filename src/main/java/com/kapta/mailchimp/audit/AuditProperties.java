package com.kapta.mailchimp.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail.
 *
 * @param keep how long an action stays in the audit trail; the service deletes older ones
 * once a day
 */
@ConfigurationProperties("kapta.audit")
public record AuditProperties(@DefaultValue("400d") Duration keep) {

	public AuditProperties {
		if (keep.isNegative() || keep.isZero()) {
			throw new IllegalArgumentException("kapta.audit.keep must be longer than nothing, e.g. 400d");
		}
	}

}
