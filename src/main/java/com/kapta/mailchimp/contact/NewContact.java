package com.kapta.mailchimp.contact;

import java.util.List;

/** A contact to create: a valid, trimmed email, optional names, and its tags. */
public record NewContact(String email, String firstName, String lastName, List<String> tags) {
}
