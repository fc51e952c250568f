package com.kapta.mailchimp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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

}
