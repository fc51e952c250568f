package com.kapta.mailchimp.web;

import java.net.InetAddress;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the service serves the console and the API.
 *
 * @param address the address it listens on; this machine only unless set otherwise
 * @param port the port; 0 picks a free one
 * @param maxUpload the largest workbook an import upload may send
 * @param maxJson the largest JSON body an API call may send
 * @param sessionMax how long a console session lasts after its sign-in, however busy (the
 * idle timeout is {@code server.servlet.session.timeout})
 */
@ConfigurationProperties("kapta.web")
public record WebProperties(@DefaultValue("127.0.0.1") InetAddress address, @DefaultValue("8080") int port,
		@DefaultValue("100MB") DataSize maxUpload, @DefaultValue("1MB") DataSize maxJson,
		@DefaultValue("12h") Duration sessionMax) {

	public WebProperties {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("kapta.web.port must be between 0 and 65535");
		}
	}

	/** The upload limit as a user reads it: {@code 100 MB}, {@code 64 KB}. */
	public String maxUploadText() {
		long bytes = this.maxUpload.toBytes();
		return (bytes >= 1 << 20) ? (bytes >> 20) + " MB" : Math.max(1, bytes >> 10) + " KB";
	}

}
