package com.kapta.mailchimp.batch;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.transaction.TransactionSystemException;

import com.kapta.mailchimp.Causes;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.mailchimp.ApiCalls;

/**
 * A run's summary lines and report path, kept in its job execution context so that
 * whoever launched the run (a command, the service) can print them.
 */
public final class RunSummary {

	private static final String LINES = "kapta.summary";

	private static final String REPORT = "kapta.report";

	private static final String FAILURE = "kapta.failure";

	/** The summary line that counts an execution's calls to Mailchimp. */
	public static final String API_CALLS = "API calls (this execution)";

	/** {@code com.example.SomeException: } at the head of a stack trace. */
	private static final Pattern THROWN = Pattern.compile("^[\\w.$]+(?:Exception|Error)(?:: )?");

	private RunSummary() {
	}

	public static void store(JobExecution execution, Map<String, String> lines, Path report) {
		store(execution, lines);
		execution.getExecutionContext().putString(REPORT, report.toString());
	}

	public static void store(JobExecution execution, Map<String, String> lines) {
		execution.getExecutionContext().put(LINES, new LinkedHashMap<>(lines));
	}

	@SuppressWarnings("unchecked")
	public static Map<String, String> lines(JobExecution execution) {
		Object lines = execution.getExecutionContext().get(LINES);
		return (lines instanceof Map<?, ?> map) ? (Map<String, String>) map : Map.of();
	}

	public static Optional<Path> report(JobExecution execution) {
		return Optional.ofNullable(execution.getExecutionContext().getString(REPORT, null)).map(Path::of);
	}

	/** {@code 212 (3 retried)}: requests sent, and how many of them were retries. */
	public static String calls(ApiCalls calls) {
		return calls.totalRequests() + (calls.totalRetried() > 0 ? " (" + calls.totalRetried() + " retried)" : "");
	}

	/**
	 * Why a run did not complete, in one sentence: Kapta's own words where a failure has
	 * them (a partition's failure says why, in Mailchimp's words; the job's own only that
	 * a partition failed), else the first message, else the exit description.
	 */
	public static String failureReason(JobExecution execution) {
		var failures = execution.getAllFailureExceptions();
		if (failures.isEmpty()) {
			// read back from the job repository, which keeps no failure: the reason its
			// run
			// kept, or what the steps' exit descriptions say
			String kept = execution.getExecutionContext().getString(FAILURE, null);
			return (kept != null) ? kept : stored(execution);
		}
		return failures.stream()
			.map((failure) -> Causes.find(failure, KaptaException.class))
			.flatMap(Optional::stream)
			.map(KaptaException::getMessage)
			.findFirst()
			.or(() -> lostDatabase(failures))
			.or(() -> failures.stream().map(Throwable::getMessage).filter(Objects::nonNull).findFirst())
			.orElseGet(() -> stored(execution));
	}

	/**
	 * Keeps why a failed run failed in its context, for whoever reads it back from the
	 * job repository (another thread, another instance): the repository does not keep the
	 * failures themselves, and their stack traces it keeps are cut short.
	 */
	public static void keepFailureReason(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.FAILED) {
			execution.getExecutionContext().putString(FAILURE, failureReason(execution));
		}
	}

	/**
	 * Why a run read back from the job repository failed when it kept no reason (it ran
	 * before reasons were kept): each step's exit description, which begins with the
	 * exception's class and message.
	 */
	private static String stored(JobExecution execution) {
		return Stream
			.concat(execution.getStepExecutions().stream().map((step) -> step.getExitStatus().getExitDescription()),
					Stream.of(execution.getExitStatus().getExitDescription()))
			.filter((description) -> description != null && !description.isBlank())
			.map((description) -> THROWN.matcher(description.lines().findFirst().orElse("")).replaceFirst(""))
			.findFirst()
			.orElse("");
	}

	/**
	 * A database restart or a cut connection (SQL states 08 and 57P), which surfaces as
	 * whatever the run was doing last ("JDBC rollback failed", the failed write being the
	 * rollback's application exception) rather than as its cause.
	 */
	private static Optional<String> lostDatabase(List<Throwable> failures) {
		return failures.stream()
			.flatMap(Causes::chain)
			.flatMap((ex) -> (ex instanceof TransactionSystemException rollback
					&& rollback.getApplicationException() != null)
							? Stream.concat(Stream.of(ex), Causes.chain(rollback.getApplicationException()))
							: Stream.of(ex))
			.filter(SQLException.class::isInstance)
			.map(SQLException.class::cast)
			.filter(RunSummary::connectionLost)
			.findFirst()
			.map((sql) -> "The connection to the database was lost ("
					+ String.valueOf(sql.getMessage()).lines().findFirst().orElse("") + ")");
	}

	/**
	 * SQL states 08 and 57P; or the pool's own "Connection is closed", which has no
	 * state: a commit cut by the server is overridden by the rollback that follows it on
	 * the connection the pool has just closed as broken, so only that rollback's failure
	 * reaches the run.
	 */
	private static boolean connectionLost(SQLException sql) {
		String state = sql.getSQLState();
		return (state != null) ? state.startsWith("08") || state.startsWith("57P")
				: "Connection is closed".equals(sql.getMessage());
	}

}
