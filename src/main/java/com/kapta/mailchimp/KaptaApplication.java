package com.kapta.mailchimp;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import com.kapta.mailchimp.cli.KaptaCli;

/**
 * Kapta ⇄ Mailchimp sync. {@link #main} hands the command line to {@link KaptaCli}, which
 * parses it before any Spring context exists and starts one only for commands that need
 * it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KaptaApplication {

	public static void main(String[] args) {
		System.exit(KaptaCli.execute(args));
	}

	/**
	 * What "now" is where a rule depends on it (the nightly run's date, sign-in locks);
	 * tests give one of their own.
	 */
	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

}
