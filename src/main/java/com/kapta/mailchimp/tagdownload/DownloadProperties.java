package com.kapta.mailchimp.tagdownload;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Download To Kapta reads Mailchimp.
 *
 * @param fullScanEvery how old the last completed download may be for a run to read tag
 * by tag; older (or none), the full scan runs: the safety net that reads every member
 */
@ConfigurationProperties("kapta.download")
record DownloadProperties(@DefaultValue("7d") Duration fullScanEvery) {
}
