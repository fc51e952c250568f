package com.kapta.mailchimp.push;

import java.util.List;

import com.kapta.mailchimp.contact.Outbox.Pending;

/** A contact with changes waiting to be sent, in the order they happened. */
record PendingContact(long contactId, String email, String firstName, String lastName, List<Pending> changes) {
}
