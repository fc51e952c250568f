package com.kapta.mailchimp.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an action in the audit trail did, in the words the Activity page shows. */
public enum AuditEvent {

	JOB_LAUNCHED("job launched"), JOB_RESTARTED("job restarted"), JOB_STOPPED("job stopped"),
	SETTINGS_SAVED("settings saved"), SETTINGS_SYNCHRONIZED("settings synchronized"), USER_ADDED("user added"),
	USER_REMOVED("user removed"), PASSWORD_CHANGED("password changed"), ROLE_CHANGED("role changed"),
	USER_LOCKED("user locked"), USER_UNLOCKED("user unlocked"), TOKEN_ISSUED("token issued"),
	FILE_IMPORTED("file imported"), CONTACT_ADDED("contact added"), CONTACTS_LOADED("contacts loaded"),
	CONTACT_TAGGED("contact tags edited"), SCHEDULE_CHANGED("schedule changed"), SIGN_IN_REFUSED("sign-in refused"),
	WEBHOOK_REGISTERED("webhook registered"), WEBHOOK_REMOVED("webhook removed"),
	WEBHOOK_APPLIED("Mailchimp change applied");

	private final String words;

	AuditEvent(String words) {
		this.words = words;
	}

	public String words() {
		return this.words;
	}

	/** Whether it is done to a run (launched, restarted, stopped): its page says who. */
	public boolean controlsARun() {
		return this == JOB_LAUNCHED || this == JOB_RESTARTED || this == JOB_STOPPED;
	}

	/** The name used in a filter: {@code job-launched}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The event a filter names, by its id ({@code job-launched}) or its name. */
	public static Optional<AuditEvent> of(String name) {
		String wanted = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
		return Arrays.stream(values()).filter((event) -> event.name().equals(wanted)).findFirst();
	}

}
