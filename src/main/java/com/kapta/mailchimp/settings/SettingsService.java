package com.kapta.mailchimp.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.settings.SettingsRepository.StoredSettings;

/**
 * Kapta's integration settings: <em>Save</em> stores them after the checks that need no
 * network. {@code MAILCHIMP_API_KEY} in the environment overrides the stored key.
 */
@Service
public class SettingsService {

	static final String KEY_VARIABLE = "MAILCHIMP_API_KEY";

	private final SettingsRepository repository;

	private final ApiKeyStore keyStore;

	private final Environment environment;

	private final AuditTrail audit;

	SettingsService(SettingsRepository repository, ApiKeyStore keyStore, Environment environment, AuditTrail audit) {
		this.audit = audit;
		this.repository = repository;
		this.keyStore = keyStore;
		this.environment = environment;
	}

	/** The settings in effect. */
	@Transactional(readOnly = true)
	public Settings current() {
		StoredSettings stored = this.repository.load();
		Optional<ApiKey> environmentKey = environmentKey();
		Optional<ApiKey> key = environmentKey.isPresent() ? environmentKey : this.keyStore.load();
		return new Settings(stored.enabled(), stored.apiUrl(), key, environmentKey.isPresent(), stored.audienceName(),
				stored.audienceId(), NewMembers.of(stored.newMemberStatus()), stored.audienceDoubleOptin());
	}

	/** Stores the change without contacting Mailchimp, or refuses it whole. */
	@Transactional
	public Settings save(SettingsChange change) {
		Resolved resolved = resolve(change);
		StoredSettings before = this.repository.load();
		Optional<ApiKey> keyBefore = this.keyStore.load();
		this.repository.save(resolved.stored());
		if (!resolved.storedKey().equals(keyBefore)) {
			resolved.storedKey().ifPresentOrElse(this.keyStore::save, this.keyStore::delete);
		}
		this.audit.record(AuditEvent.SETTINGS_SAVED, "Mailchimp integration",
				changes(before, resolved.stored(), keyBefore, resolved.storedKey()));
		return current();
	}

	/**
	 * Which settings a save changed, in words; the key only as added, replaced or
	 * removed.
	 */
	private static String changes(StoredSettings before, StoredSettings after, Optional<ApiKey> keyBefore,
			Optional<ApiKey> keyAfter) {
		List<String> changed = new ArrayList<>();
		if (before.enabled() != after.enabled()) {
			changed.add("integration turned " + (after.enabled() ? "on" : "off"));
		}
		if (!Objects.equals(before.apiUrl(), after.apiUrl())) {
			changed.add("API URL " + before.apiUrl() + " → " + after.apiUrl());
		}
		if (!Objects.equals(before.audienceName(), after.audienceName())) {
			changed.add("audience " + before.audienceName() + " → " + after.audienceName());
		}
		if (!before.newMemberStatus().equals(after.newMemberStatus())) {
			changed.add("new members " + NewMembers.of(before.newMemberStatus()).label() + " → "
					+ NewMembers.of(after.newMemberStatus()).label());
		}
		if (!keyBefore.equals(keyAfter)) {
			changed.add("API key " + (keyBefore.isEmpty() ? "added" : keyAfter.isEmpty() ? "removed" : "replaced"));
		}
		return changed.isEmpty() ? "nothing changed" : String.join("; ", changed);
	}

	/**
	 * The settings this change would give, after the same checks as {@link #save},
	 * without storing anything: what Save and Synchronize verifies against Mailchimp
	 * before it saves.
	 */
	@Transactional(readOnly = true)
	public Settings preview(SettingsChange change) {
		Resolved resolved = resolve(change);
		Optional<ApiKey> environmentKey = environmentKey();
		StoredSettings stored = resolved.stored();
		return new Settings(stored.enabled(), stored.apiUrl(),
				environmentKey.isPresent() ? environmentKey : resolved.storedKey(), environmentKey.isPresent(),
				stored.audienceName(), stored.audienceId(), NewMembers.of(stored.newMemberStatus()),
				stored.audienceDoubleOptin());
	}

	/**
	 * A change applied to the stored settings: what would be stored, and the key file's
	 * content.
	 */
	private record Resolved(StoredSettings stored, Optional<ApiKey> storedKey) {
	}

	private Resolved resolve(SettingsChange change) {
		StoredSettings stored = this.repository.load();
		Optional<ApiKey> storedKey = this.keyStore.load();
		Optional<ApiKey> newStoredKey = (change.apiKey() == null) ? storedKey
				: Texts.blankToNull(change.apiKey()) == null ? Optional.empty()
						: Optional.of(ApiKey.parse(change.apiKey()));
		Optional<ApiKey> environmentKey = environmentKey();
		Optional<ApiKey> effectiveKey = environmentKey.isPresent() ? environmentKey : newStoredKey;

		String apiUrl = (change.apiUrl() == null) ? stored.apiUrl() : Texts.blankToNull(change.apiUrl());
		if (apiUrl != null) {
			apiUrl = ApiUrls.normalize(apiUrl);
		}
		else if (effectiveKey.isPresent()) {
			apiUrl = ApiUrls.forDataCenter(effectiveKey.get().dataCenter());
		}
		checkDataCenters(apiUrl, effectiveKey);
		requireKeyForNewHost(stored, storedKey, change, apiUrl);

		String audienceName = (change.audienceName() == null) ? stored.audienceName()
				: Texts.blankToNull(change.audienceName());
		// an id found for another audience name would point the jobs at the wrong
		// audience, and its double opt-in is that audience's
		boolean sameAudience = Objects.equals(audienceName, stored.audienceName());
		String audienceId = sameAudience ? stored.audienceId() : null;
		Boolean doubleOptIn = sameAudience ? stored.audienceDoubleOptin() : null;
		String newMembers = (change.newMemberStatus() == null) ? stored.newMemberStatus()
				: NewMembers.of(change.newMemberStatus()).word();

		boolean enabled = (change.enabled() == null) ? stored.enabled() : change.enabled();
		if (enabled && effectiveKey.isEmpty()) {
			throw new InvalidInputException(
					"Cannot enable the integration without an API key: give --api-key or set " + KEY_VARIABLE);
		}
		if (enabled && audienceName == null) {
			throw new InvalidInputException("Cannot enable the integration without an audience: give --audience");
		}

		return new Resolved(new StoredSettings(enabled, apiUrl, audienceName, audienceId, newMembers, doubleOptIn),
				newStoredKey);
	}

	/**
	 * The settings, if the integration is on and complete enough for a job; otherwise a
	 * refusal.
	 */
	@Transactional(readOnly = true)
	public Settings requireUsable() {
		Settings current = current();
		if (!current.enabled()) {
			throw new InvalidInputException(
					"The Mailchimp integration is disabled; turn it on with 'settings save --enabled true'");
		}
		return current.requireComplete();
	}

	/**
	 * Remembers the audience once a job or Save and Synchronize found it by its name: its
	 * id, and whether it asks new subscribers to confirm.
	 */
	@Transactional
	public void recordAudience(String audienceId, boolean doubleOptIn) {
		StoredSettings stored = this.repository.load();
		this.repository.save(new StoredSettings(stored.enabled(), stored.apiUrl(), stored.audienceName(), audienceId,
				stored.newMemberStatus(), doubleOptIn));
	}

	/**
	 * A stored key never follows the URL to another host by itself: whoever points the
	 * URL elsewhere types the key again (or clears it), in every door alike.
	 */
	private static void requireKeyForNewHost(StoredSettings stored, Optional<ApiKey> storedKey, SettingsChange change,
			String apiUrl) {
		if (change.apiKey() != null || storedKey.isEmpty() || apiUrl == null) {
			return;
		}
		String before = (stored.apiUrl() != null) ? stored.apiUrl()
				: ApiUrls.forDataCenter(storedKey.get().dataCenter());
		if (!ApiUrls.sameHost(before, apiUrl)) {
			throw new InvalidInputException("The API URL now points at " + ApiUrls.host(apiUrl) + " instead of "
					+ ApiUrls.host(before) + ": type the API key again for it (the stored key never follows the URL"
					+ " to another host by itself)");
		}
	}

	private static void checkDataCenters(String apiUrl, Optional<ApiKey> key) {
		if (apiUrl == null || key.isEmpty()) {
			return;
		}
		ApiUrls.dataCenter(apiUrl).ifPresent((urlDataCenter) -> {
			if (!urlDataCenter.equals(key.get().dataCenter())) {
				throw new InvalidInputException(
						"The API URL's data center " + urlDataCenter + " does not match the API key's data center "
								+ key.get().dataCenter() + "; give --api-url \"\" to derive the URL from the key");
			}
		});
	}

	private Optional<ApiKey> environmentKey() {
		String value = this.environment.getProperty(KEY_VARIABLE);
		if (Texts.blankToNull(value) == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(ApiKey.parse(value));
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(KEY_VARIABLE + " is set but is not an API key: " + ex.getMessage());
		}
	}

}
