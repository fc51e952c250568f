package com.kapta.mailchimp.batch;

import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.Texts;

/**
 * What each run did to each item, kept in the database in the chunk's transaction: the
 * report and the summary of a restarted run count every chunk once, whichever execution
 * wrote it.
 */
@Repository
public class RunOutcomes {

	/**
	 * One thing a run did.
	 *
	 * @param item what it concerns: an email, a sheet row, a tag
	 * @param outcome what happened: the name of one of the job's outcome codes, e.g.
	 * {@code ADDED}
	 * @param detail why, in Mailchimp's or Kapta's words
	 * @param quantity how many (1 for an item; a count for totals such as tags applied)
	 * @param sheetRow the spreadsheet row it comes from (as Excel numbers rows)
	 */
	public record Outcome(String item, String outcome, @Nullable String detail, int quantity,
			@Nullable Integer sheetRow) {

		/** One item's outcome. */
		public static Outcome of(String item, Enum<?> outcome, @Nullable String detail) {
			return new Outcome(item, outcome.name(), detail, 1, null);
		}

		/** One item's outcome, from this spreadsheet row. */
		public static Outcome of(String item, Enum<?> outcome, @Nullable String detail, int sheetRow) {
			return new Outcome(item, outcome.name(), detail, 1, sheetRow);
		}

		/**
		 * A total, e.g. {@code ("contacts", ADDED, 500)} or
		 * {@code ("VIP", TAG_ADDED, 3)}.
		 */
		public static Outcome count(String item, Enum<?> outcome, int quantity) {
			return new Outcome(item, outcome.name(), null, quantity, null);
		}

		/** Whether this is one of {@code outcomes}. */
		public boolean isAny(Collection<? extends Enum<?>> outcomes) {
			return outcomes.stream().anyMatch((code) -> code.name().equals(this.outcome));
		}

	}

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	RunOutcomes(JdbcTemplate jdbc, JdbcClient client) {
		this.jdbc = jdbc;
		this.client = client;
	}

	public void record(long jobInstanceId, Collection<Outcome> outcomes) {
		this.jdbc.batchUpdate(
				"INSERT INTO run_outcome (job_instance_id, item, outcome, detail, quantity, sheet_row) VALUES (?, ?, ?, ?, ?, ?)",
				outcomes, 1000, (ps, outcome) -> {
					ps.setLong(1, jobInstanceId);
					ps.setString(2, Texts.truncate(outcome.item(), 1000));
					ps.setString(3, outcome.outcome());
					ps.setString(4, Texts.truncate(outcome.detail(), 2000));
					ps.setInt(5, outcome.quantity());
					ps.setObject(6, outcome.sheetRow(), Types.INTEGER);
				});
	}

	/** Totals per outcome. */
	Map<String, Long> totals(long jobInstanceId) {
		Map<String, Long> totals = new TreeMap<>();
		this.jdbc.query(
				"SELECT outcome, SUM(quantity) AS total FROM run_outcome WHERE job_instance_id = ? GROUP BY outcome",
				(rs) -> {
					totals.put(rs.getString("outcome"), rs.getLong("total"));
				}, jobInstanceId);
		return totals;
	}

	/** How many items have these outcomes. */
	public long count(long jobInstanceId, Collection<? extends Enum<?>> outcomes) {
		return this.client
			.sql("""
					SELECT COALESCE(SUM(quantity), 0) FROM run_outcome WHERE job_instance_id = :run AND outcome IN (:outcomes)""")
			.param("run", jobInstanceId)
			.param("outcomes", names(outcomes))
			.query(Long.class)
			.single();
	}

	/** Totals per item of one outcome, e.g. tags applied per tag. */
	Map<String, Long> totalsByItem(long jobInstanceId, Enum<?> outcome) {
		Map<String, Long> totals = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		this.jdbc.query("""
				SELECT item, SUM(quantity) AS total FROM run_outcome WHERE job_instance_id = ? AND outcome = ?
				GROUP BY item""", (rs) -> {
			totals.put(rs.getString("item"), rs.getLong("total"));
		}, jobInstanceId, outcome.name());
		return totals;
	}

	/** The outcomes of these kinds, in the order they were recorded, streamed. */
	void forEach(long jobInstanceId, Collection<? extends Enum<?>> outcomes, Consumer<Outcome> action) {
		try (var rows = this.client.sql("""
				SELECT item, outcome, detail, quantity, sheet_row FROM run_outcome
				WHERE job_instance_id = :run AND outcome IN (:outcomes) ORDER BY id""")
			.param("run", jobInstanceId)
			.param("outcomes", names(outcomes))
			.query((rs, n) -> new Outcome(rs.getString("item"), rs.getString("outcome"), rs.getString("detail"),
					rs.getInt("quantity"), (Integer) rs.getObject("sheet_row")))
			.stream()) {
			rows.forEach(action);
		}
	}

	private static List<String> names(Collection<? extends Enum<?>> outcomes) {
		return outcomes.stream().map(Enum::name).toList();
	}

}
