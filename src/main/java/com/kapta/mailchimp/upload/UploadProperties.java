package com.kapta.mailchimp.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the upload runs.
 *
 * @param partitions how many chunks are in flight at once; Mailchimp's connection limit
 * (10) is the sensible most
 */
@ConfigurationProperties("kapta.upload")
record UploadProperties(@DefaultValue("10") int partitions) {
}
