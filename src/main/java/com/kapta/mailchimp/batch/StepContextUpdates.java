package com.kapta.mailchimp.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.jdbc.JdbcExecutionContextDao;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Spring Batch's execution context DAO, but a step's context written without holding a
 * lock that every step of the process shares. Spring Batch's
 * {@code updateExecutionContext(StepExecution)} takes one process-wide Java lock around
 * its database update, inside the chunk's transaction: a partition holding row locks and
 * waiting for that Java lock, while the partition holding it waits for the database,
 * wedged the run for good. On the embedded database that happens whenever HSQLDB begins a
 * checkpoint (every 50 MB of log): it holds back new transactions until the open ones
 * end, and the open one could not end (a download hung at the start of its partitions;
 * with a 1 MB log every upload did). Here the update runs unlocked: each partition writes
 * only its own step's context, and a context's values are a concurrent map, copied safely
 * while its step changes them.
 */
final class StepContextUpdates extends JdbcExecutionContextDao {

	/** Spring Batch's statement, the same as its own DAO's. */
	private static final String UPDATE = """
			UPDATE %PREFIX%STEP_EXECUTION_CONTEXT
			SET SHORT_CONTEXT = ?, SERIALIZED_CONTEXT = ?
			WHERE STEP_EXECUTION_ID = ?
			""";

	private ExecutionContextSerializer serializer;

	private Charset charset = StandardCharsets.UTF_8;

	private int shortContextLength = DEFAULT_SHORT_CONTEXT_LENGTH;

	@Override
	public void setSerializer(ExecutionContextSerializer serializer) {
		super.setSerializer(serializer);
		this.serializer = serializer;
	}

	@Override
	public void setCharset(Charset charset) {
		super.setCharset(charset);
		this.charset = charset;
	}

	@Override
	public void setShortContextLength(int shortContextLength) {
		super.setShortContextLength(shortContextLength);
		this.shortContextLength = shortContextLength;
	}

	@Override
	public void updateExecutionContext(StepExecution stepExecution) {
		String serialized = serialize(stepExecution.getExecutionContext());
		boolean longOne = serialized.length() > this.shortContextLength;
		// as Spring Batch cuts a long context's short form (overestimating the ellipsis
		// for 2-byte characters)
		String shortContext = longOne ? serialized.substring(0, this.shortContextLength - 8) + " ..." : serialized;
		getJdbcTemplate().update(getQuery(UPDATE), (ps) -> {
			ps.setString(1, shortContext);
			if (longOne) {
				ps.setString(2, serialized);
			}
			else {
				ps.setNull(2, getClobTypeToUse());
			}
			ps.setLong(3, stepExecution.getId());
		});
	}

	/** The context as Spring Batch stores it. */
	private String serialize(ExecutionContext context) {
		Map<String, Object> values = new HashMap<>();
		context.entrySet().forEach((entry) -> values.put(entry.getKey(), entry.getValue()));
		var out = new ByteArrayOutputStream();
		try {
			this.serializer.serialize(values, out);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Could not serialize the execution context", ex);
		}
		return out.toString(this.charset);
	}

	/** Spring Batch's JDBC repository factory, with this DAO for contexts. */
	static final class Factory extends JdbcJobRepositoryFactoryBean {

		@Override
		protected JdbcExecutionContextDao createExecutionContextDao() {
			// Spring Batch's own, configured, tells the CLOB type it chose
			JdbcExecutionContextDao configured = super.createExecutionContextDao();
			var dao = new StepContextUpdates();
			dao.setJdbcTemplate(this.jdbcOperations);
			dao.setTablePrefix(this.tablePrefix);
			dao.setClobTypeToUse(configured.getClobTypeToUse());
			dao.setSerializer(this.serializer);
			dao.setCharset(this.charset);
			dao.setShortContextLength(this.maxVarCharLengthForShortContext);
			return dao;
		}

	}

}
