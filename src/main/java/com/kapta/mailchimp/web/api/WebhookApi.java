package com.kapta.mailchimp.web.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.kapta.mailchimp.webhook.WebhookRegistration;
import com.kapta.mailchimp.webhook.WebhookRegistration.Status;

/**
 * The audience's webhook, admin only: its state (the address without its token, events
 * received today, waiting, the last event and the last failure); register or repair it;
 * remove it. Never its token or signing secret.
 */
@RestController
@RequestMapping("/api/webhook")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebhookApi {

	private final WebhookRegistration webhook;

	WebhookApi(WebhookRegistration webhook) {
		this.webhook = webhook;
	}

	@GetMapping
	Status status() {
		return this.webhook.status();
	}

	/** Registers the webhook, or repairs it; 400 with the reason when it cannot. */
	@PostMapping
	Status register() {
		return this.webhook.register();
	}

	@DeleteMapping
	Status remove() {
		return this.webhook.remove();
	}

}
