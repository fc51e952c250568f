package com.kapta.mailchimp.settings;

/**
 * What {@code settings save} was asked to change; {@code null} leaves a setting as it is,
 * an empty text clears it (an empty API URL is derived from the key's data center).
 */
public record SettingsChange(Boolean enabled, String apiUrl, String apiKey, String audienceName) {
}
