package com.kapta.mailchimp.mailchimp;

/** A Mailchimp audience (list): its id and name. */
public record Audience(String id, String name) {
}
