package com.kapta.mailchimp.webhook;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.ServiceBusyException;
import com.kapta.mailchimp.mailchimp.WebhookSignature;

/**
 * Where Mailchimp delivers the audience's events: {@code /webhooks/mailchimp/{token}}. No
 * session and no CSRF token (a server calls it); instead the raw body is read before
 * anything parses it, the token must be Kapta's, and once Mailchimp gave a signing secret
 * the signature must match it in constant time, signed within
 * {@code kapta.webhook.tolerance} of now. Anything else is 401 and nothing is stored. An
 * event is stored, not applied, here ({@link WebhookInbox}): the answer comes as soon as
 * it is committed, and the worker applies it.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebhookEndpoint {

	static final String PATH = "/webhooks/mailchimp/";

	private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

	private final WebhookSecrets secrets;

	private final WebhookInbox inbox;

	private final WebhookProperties properties;

	private final Clock clock;

	WebhookEndpoint(WebhookSecrets secrets, WebhookInbox inbox, WebhookProperties properties, Clock clock) {
		this.secrets = secrets;
		this.inbox = inbox;
		this.properties = properties;
		this.clock = clock;
	}

	/** Mailchimp's check, when the webhook is created: any answer but 200 refuses it. */
	@GetMapping(PATH + "{token}")
	ResponseEntity<String> check(@PathVariable String token) {
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("Kapta receives Mailchimp's events here");
	}

	@PostMapping(PATH + "{token}")
	ResponseEntity<String> receive(@PathVariable String token, HttpServletRequest request)
			throws IOException, InterruptedException {
		long max = this.properties.maxBody().toBytes();
		if (request.getContentLengthLong() > max) {
			return refuse(HttpStatus.CONTENT_TOO_LARGE, "larger than kapta.webhook.max-body");
		}
		// the raw bytes, before anything parses them: they are what Mailchimp signed
		byte[] body = request.getInputStream().readNBytes((int) max + 1);
		if (body.length > max) {
			return refuse(HttpStatus.CONTENT_TOO_LARGE, "larger than kapta.webhook.max-body");
		}
		var known = this.secrets.load();
		if (known.isEmpty() || !known.get().tokenIs(token)) {
			return refuse(HttpStatus.UNAUTHORIZED, "not Kapta's webhook token");
		}
		String signingSecret = known.get().signingSecret();
		if (signingSecret != null && !WebhookSignature.valid(request.getHeader(WebhookSignature.HEADER), body,
				signingSecret, this.clock.instant(), this.properties.tolerance())) {
			return refuse(HttpStatus.UNAUTHORIZED, "no valid signature of the last " + this.properties.tolerance());
		}
		WebhookEvent event;
		try {
			event = WebhookEvent.parse(body);
		}
		catch (InvalidInputException ex) {
			return refuse(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		if (!event.aboutAMember()) {
			return ResponseEntity.noContent().build();
		}
		try {
			return switch (this.inbox.store(body, event)) {
				case NEW, AGAIN -> ResponseEntity.ok().build();
				// another audience's: not Kapta's business
				case NOT_OURS -> ResponseEntity.noContent().build();
			};
		}
		catch (ServiceBusyException ex) {
			// answered here: the busy filter would log the address, which holds the token
			log.warn("Answered 503 to a webhook delivery: {}", ex.getMessage());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(ServiceBusyException.RETRY_AFTER_SECONDS))
				.build();
		}
	}

	private ResponseEntity<String> refuse(HttpStatus status, String why) {
		// the path is not logged: it holds the token
		log.debug("Refused a webhook delivery ({}): {}", status.value(), why);
		// a stranger learns nothing of why a token or signature failed
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_PLAIN)
			.body((status == HttpStatus.UNAUTHORIZED) ? status.getReasonPhrase() : why);
	}

}
