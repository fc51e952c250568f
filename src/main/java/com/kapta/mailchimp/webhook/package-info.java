/**
 * Mailchimp's audience webhooks: the endpoint that stores each event as it arrives
 * ({@link com.kapta.mailchimp.webhook.WebhookEndpoint}), the worker that applies stored
 * events once ({@link com.kapta.mailchimp.webhook.WebhookWorker}), and the registration
 * of Kapta's webhook on the audience
 * ({@link com.kapta.mailchimp.webhook.WebhookRegistration}).
 */
@NullMarked
package com.kapta.mailchimp.webhook;

import org.jspecify.annotations.NullMarked;
