package com.kapta.mailchimp.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaSpringTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail's own rules: an action records the actor in hand (a thread's, else the
 * OS user of a command), long texts are cut rather than refused, a filter selects by who
 * (in any letter case), what and time, pages go by key, and only what is older than kept
 * is pruned.
 */
@KaptaSpringTest
class AuditTrailTests {

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void recordsTheActorInHandCutsLongTextsFiltersAndPagesByKeyAndPrunesOnlyTheOld() {
		String who = "auditor" + System.nanoTime();
		Actor.as(new Actor(who, Actor.Channel.API, "10.0.0.7"),
				() -> this.audit.record(AuditEvent.USER_ADDED, "x".repeat(400), "y".repeat(3000)));
		Actor.as(new Actor(who, Actor.Channel.CONSOLE, "10.0.0.8"),
				() -> this.audit.record(AuditEvent.USER_REMOVED, "someone", null));
		this.audit.record(AuditEvent.CONTACT_ADDED, "by-the-process@example.com", null);

		List<AuditEntry> mine = this.audit.find(new AuditFilter(who.toUpperCase(), null, null, null, null), 10);
		assertThat(mine).extracting(AuditEntry::event).containsExactly(AuditEvent.USER_REMOVED, AuditEvent.USER_ADDED);
		assertThat(mine.get(0).by()).isEqualTo(who + " (console, 10.0.0.8)");
		assertThat(mine.get(1).subject()).hasSize(300).endsWith("…");
		assertThat(mine.get(1).detail()).hasSize(2000);
		assertThat(this.audit.find(new AuditFilter(who, AuditEvent.USER_ADDED, null, null, null), 10)).hasSize(1);
		assertThat(this.audit.find(new AuditFilter(who, null, null, null, mine.get(0).id()), 10))
			.extracting(AuditEntry::event)
			.containsExactly(AuditEvent.USER_ADDED);
		assertThat(this.audit.find(new AuditFilter(who, null, null, Instant.now().minusSeconds(3600), null), 10))
			.isEmpty();
		assertThat(this.audit
			.find(new AuditFilter(Actor.commandLine().who(), AuditEvent.CONTACT_ADDED, null, null, null), 1))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.channel()).isEqualTo(Actor.Channel.CLI));

		this.jdbc.update("UPDATE audit_event SET occurred_at = ? WHERE actor = ? AND event = 'USER_ADDED'",
				Timestamp.from(Instant.now().minus(Duration.ofDays(401))), who);
		assertThat(this.audit.prune(Instant.now().minus(Duration.ofDays(400)))).isEqualTo(1);
		assertThat(this.audit.find(new AuditFilter(who, null, null, null, null), 10)).extracting(AuditEntry::event)
			.containsExactly(AuditEvent.USER_REMOVED);
	}

	@Test
	void aKeepOfNothingIsRefusedAtStart() {
		assertThatThrownBy(() -> new AuditProperties(Duration.ZERO)).hasMessageContaining("kapta.audit.keep");
		assertThat(AuditEvent.of("job-launched")).hasValue(AuditEvent.JOB_LAUNCHED);
		assertThat(AuditEvent.of("nonsense")).isEmpty();
	}

}
