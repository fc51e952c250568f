package com.kapta.mailchimp.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.bench.ApiLoad.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the web bench counts on: its edits are distinct (so each can be found once on
 * Mailchimp), and its percentiles are the nearest-rank ones.
 */
@Tag("fast")
class ApiLoadTests {

	@Test
	void everyEditIsAContactAndTagNoOtherEditHas() {
		Set<ApiLoad.Edit> seen = new HashSet<>();
		for (long n = 0; n < 3L * WebBenchmark.EDIT_TAGS.size(); n++) {
			assertThat(seen.add(WebBenchmark.edit(n, 3))).as("edit %d", n).isTrue();
		}
		assertThat(WebBenchmark.edit(0, 3)).isEqualTo(new ApiLoad.Edit("kept0@example.com", "Edit 1"));
		assertThat(WebBenchmark.edit(4, 3)).isEqualTo(new ApiLoad.Edit("kept1@example.com", "Edit 2"));
		assertThatThrownBy(() -> WebBenchmark.edit(3L * WebBenchmark.EDIT_TAGS.size(), 3))
			.isInstanceOf(KaptaException.class)
			.hasMessageContaining("more --contacts");
	}

	@Test
	void percentilesAreNearestRankOverTheKindsAsked() {
		var figures = new ApiLoad.Figures();
		for (int ms = 1; ms <= 100; ms++) {
			figures.record(Kind.SEARCH, 200, ms, false);
		}
		figures.record(Kind.EDIT, 503, 5000, false);
		figures.record(Kind.EDIT, 200, 10, true);

		assertThat(figures.percentile(List.of(Kind.SEARCH), 50)).isEqualTo(50);
		assertThat(figures.percentile(List.of(Kind.SEARCH), 99)).isEqualTo(99);
		assertThat(figures.percentile(List.of(Kind.SEARCH), 100)).isEqualTo(100);
		assertThat(figures.percentile(List.of(Kind.RUN), 99)).as("none answered").isZero();
		assertThat(figures.percentile(List.of(Kind.SEARCH, Kind.EDIT), 100)).isEqualTo(5000);
		assertThat(figures.serverErrors()).isEqualTo(1);
		assertThat(figures.failedEdits.sum()).isEqualTo(1);
		assertThat(figures.editsSent.sum()).isEqualTo(1);
		assertThat(figures.statuses()).containsEntry(200, 101L).containsEntry(503, 1L);
	}

}
