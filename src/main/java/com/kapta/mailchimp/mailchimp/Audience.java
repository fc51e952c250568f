package com.kapta.mailchimp.mailchimp;

/**
 * A Mailchimp audience (list): its id, its name, and whether it asks new subscribers to
 * confirm ({@code double_optin}).
 */
public record Audience(String id, String name, boolean doubleOptin) {
}
