package com.kapta.mailchimp.mailchimp;

/** A tag to set on one member: {@code active} adds it, {@code inactive} removes it. */
public record TagStatus(String name, String status) {

	public static TagStatus active(String name) {
		return new TagStatus(name, "active");
	}

	public static TagStatus inactive(String name) {
		return new TagStatus(name, "inactive");
	}

}
