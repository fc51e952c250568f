package com.kapta.mailchimp.audience;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.mailchimp.Audience;
import com.kapta.mailchimp.mailchimp.InvalidResourceException;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.Segment;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;

/** Finds the configured audience on Mailchimp and keeps Kapta's copy of its tags current. */
@Service
public class AudienceResolver {

	private static final Logger log = LoggerFactory.getLogger(AudienceResolver.class);

	private final SettingsService settings;

	private final AudienceTags tags;

	AudienceResolver(SettingsService settings, AudienceTags tags) {
		this.settings = settings;
		this.tags = tags;
	}

	/**
	 * The id of the audience named in the settings, looked up on Mailchimp at every run (one call): the
	 * name is what the admin chose, and an audience deleted and made again gets a new id.
	 */
	public String audienceId(MailchimpClient client) {
		Settings current = this.settings.current();
		List<Audience> audiences = client.audiences();
		String id = audiences.stream()
			.filter((audience) -> audience.name().equals(current.audienceName()))
			.map(Audience::id)
			.findFirst()
			.orElseThrow(() -> new KaptaException("Mailchimp has no audience named '" + current.audienceName()
					+ "'; its audiences are: " + names(audiences)));
		if (!id.equals(current.audienceId())) {
			this.settings.recordAudienceId(id);
		}
		return id;
	}

	/** Refreshes Kapta's copy of the audience's tags from Mailchimp; returns them by name. */
	public Map<String, Long> refreshTags(MailchimpClient client, String audienceId) {
		List<Segment> segments = client.tags(audienceId);
		this.tags.replace(audienceId, segments);
		return this.tags.all(audienceId);
	}

	/**
	 * The segment ids of these tags, creating on Mailchimp those the audience does not have yet (once: the
	 * copy is refreshed first, and a tag another run created meanwhile is found by reading again).
	 */
	public Map<String, Long> ensureTags(MailchimpClient client, String audienceId, Collection<String> names) {
		Map<String, Long> known = refreshTags(client, audienceId);
		Map<String, Long> ids = new LinkedHashMap<>();
		for (String name : names) {
			Long id = known.get(name);
			if (id == null) {
				id = create(client, audienceId, name);
			}
			ids.put(name, id);
		}
		return ids;
	}

	private long create(MailchimpClient client, String audienceId, String name) {
		try {
			Segment created = client.createTag(audienceId, name);
			this.tags.add(audienceId, created);
			log.info("Created tag '{}' on the audience", name);
			return created.id();
		}
		catch (InvalidResourceException ex) {
			// created meanwhile (or by an attempt whose answer was lost): read it back
			Long id = refreshTags(client, audienceId).get(name);
			if (id == null) {
				throw ex;
			}
			return id;
		}
	}

	private static String names(List<Audience> audiences) {
		return audiences.isEmpty() ? "(none)"
				: audiences.stream().map((a) -> "'" + a.name() + "'").collect(Collectors.joining(", "));
	}

}
