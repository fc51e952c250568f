package com.kapta.mailchimp.mailchimp;

/**
 * A segment of an audience; the static ones are Mailchimp's tags (same id, same name).
 */
public record Segment(long id, String name, String type, Integer memberCount) {
}
