package com.kapta.mailchimp.audience;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.mailchimp.Audience;
import com.kapta.mailchimp.mailchimp.InvalidResourceException;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.NotFoundException;
import com.kapta.mailchimp.mailchimp.Segment;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Finds the configured audience on Mailchimp and keeps Kapta's copy of its tags current.
 */
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
	 * Runs a job's first call on the audience: on the id remembered from an earlier run
	 * (no call to find it), or, when none is remembered or Mailchimp no longer has it (an
	 * audience deleted and made again gets a new id), on the audience found by its name
	 * (one call), whose id is then remembered.
	 * @param firstCall the call to make with the audience's id, e.g. reading its tags
	 * @return what the first call answered; the id is
	 * {@code settings.current().audienceId()} afterwards
	 */
	public <T> T withAudience(MailchimpClient client, Function<String, T> firstCall) {
		String remembered = this.settings.current().audienceId();
		if (remembered != null) {
			try {
				return firstCall.apply(remembered);
			}
			catch (NotFoundException ex) {
				log.info("The remembered audience id is unknown to Mailchimp; looking the audience up by its name");
			}
		}
		return firstCall.apply(lookUp(client));
	}

	/**
	 * The id of the audience named in the settings, looked up on Mailchimp (one call) and
	 * remembered.
	 */
	private String lookUp(MailchimpClient client) {
		Settings current = this.settings.current();
		List<Audience> audiences = client.audiences();
		Audience found = audiences.stream()
			.filter((audience) -> audience.name().equals(current.audienceName()))
			.findFirst()
			.orElseThrow(() -> new KaptaException("Mailchimp has no audience named '" + current.audienceName()
					+ "'; its audiences are: " + names(audiences)));
		if (!found.id().equals(current.audienceId())
				|| !Boolean.valueOf(found.doubleOptin()).equals(current.audienceDoubleOptIn())) {
			this.settings.recordAudience(found.id(), found.doubleOptin());
		}
		return found.id();
	}

	/**
	 * Refreshes Kapta's copy of the audience's tags from Mailchimp; returns them by name.
	 */
	public Map<String, Long> refreshTags(MailchimpClient client, String audienceId) {
		refreshSegments(client, audienceId);
		return this.tags.all(audienceId);
	}

	/**
	 * Refreshes Kapta's copy of the audience's tags from Mailchimp; returns them as
	 * Mailchimp lists them, with their member counts.
	 */
	public List<Segment> refreshSegments(MailchimpClient client, String audienceId) {
		List<Segment> segments = client.tags(audienceId);
		this.tags.replace(audienceId, segments);
		return segments;
	}

	/**
	 * The segment ids of these tags, creating on Mailchimp those the audience does not
	 * have yet (once: the copy is refreshed first, and a tag another run created
	 * meanwhile is found by reading again).
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
