package com.kapta.mailchimp.mailchimp;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mailchimp's JSON: snake_case names, unknown fields ignored, absent values left out of
 * requests.
 */
public final class MailchimpJson {

	private MailchimpJson() {
	}

	public static JsonMapper mapper() {
		return JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			// Jackson 3 fails on a missing number or flag; Mailchimp leaves fields out
			// when they are empty
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build();
	}

}
