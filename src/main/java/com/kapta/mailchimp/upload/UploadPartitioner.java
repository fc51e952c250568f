package com.kapta.mailchimp.upload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.batch.Progress;

/**
 * Splits the contacts to upload into ranges of contact ids with about as many contacts
 * each, one per partition; never more partitions than chunks, so a small upload does not
 * open idle partitions.
 */
class UploadPartitioner implements Partitioner {

	private static final String CANDIDATES = """
			FROM contact c WHERE NOT EXISTS
			    (SELECT 1 FROM audience_member m WHERE m.audience_id = ? AND m.contact_id = c.id)""";

	private final JdbcTemplate jdbc;

	private final String audienceId;

	private final int chunkSize;

	private final Progress progress;

	UploadPartitioner(JdbcTemplate jdbc, String audienceId, int chunkSize, Progress progress) {
		this.jdbc = jdbc;
		this.audienceId = audienceId;
		this.chunkSize = chunkSize;
		this.progress = progress;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		// one pass over the candidates' ids gives both the total and where each range
		// ends (a count and then an OFFSET query per boundary would scan the candidates
		// again each time)
		LongStream.Builder candidates = LongStream.builder();
		this.jdbc.query("SELECT c.id " + CANDIDATES + " ORDER BY c.id", (rs) -> {
			candidates.add(rs.getLong(1));
		}, this.audienceId);
		long[] ids = candidates.build().toArray();
		int count = ids.length;
		this.progress.total(count);
		int partitions = Math.max(1, Math.min(gridSize, (count + this.chunkSize - 1) / this.chunkSize));
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		long min = Long.MIN_VALUE;
		for (int i = 0; i < partitions; i++) {
			long max = (i == partitions - 1) ? Long.MAX_VALUE : ids[(int) ((i + 1L) * count / partitions) - 1];
			contexts.put("partition" + i, new Range(min, max).context());
			min = max + 1;
		}
		return contexts;
	}

	/**
	 * One partition's contact ids, both ends included, as its step's context keeps them.
	 */
	record Range(long minId, long maxId) {

		private static final String MIN_ID = "minId";

		private static final String MAX_ID = "maxId";

		static Range of(ExecutionContext context) {
			return new Range(context.getLong(MIN_ID), context.getLong(MAX_ID));
		}

		ExecutionContext context() {
			var context = new ExecutionContext();
			context.putLong(MIN_ID, this.minId);
			context.putLong(MAX_ID, this.maxId);
			return context;
		}

	}

}
