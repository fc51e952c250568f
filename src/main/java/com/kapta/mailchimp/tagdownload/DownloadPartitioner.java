package com.kapta.mailchimp.tagdownload;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Divides the audience's members into ranges of whole pages, one per partition, read side
 * by side; the last range runs to the end of the list, so members added meanwhile are
 * read too. Archived members are not in Mailchimp's plain list: they get a partition of
 * their own, read with {@code status=archived}.
 */
class DownloadPartitioner implements Partitioner {

	static final String ARCHIVED = "archived";

	private static final String STATUS = "status";

	private static final String FROM = "from";

	private static final String TO = "to";

	/**
	 * Members from offset {@code from} up to {@code to} (exclusive; -1: to the end of the
	 * list).
	 *
	 * @param status the status the list is read with; {@code null}: every status but
	 * archived
	 * @param from the first member's offset
	 * @param to the offset after the range, or -1 for the end of the list
	 */
	record Range(@Nullable String status, int from, int to) {

		/**
		 * Whether the members of this range were counted before the run (progress total).
		 */
		boolean counted() {
			return this.status == null;
		}

		static Range of(ExecutionContext context) {
			return new Range(context.containsKey(STATUS) ? context.getString(STATUS) : null, context.getInt(FROM),
					context.getInt(TO));
		}

		ExecutionContext context() {
			var context = new ExecutionContext();
			if (this.status != null) {
				context.putString(STATUS, this.status);
			}
			context.putInt(FROM, this.from);
			context.putInt(TO, this.to);
			return context;
		}

	}

	private final int members;

	/**
	 * @param members how many members the plain list has (every status but archived)
	 */
	DownloadPartitioner(int members) {
		this.members = members;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		int pageSize = MemberPageReader.PAGE_SIZE;
		int pages = Math.max(1, (this.members + pageSize - 1) / pageSize);
		int partitions = Math.max(1, Math.min(gridSize, pages));
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		for (int i = 0; i < partitions; i++) {
			int to = (i == partitions - 1) ? -1 : (i + 1) * pages / partitions * pageSize;
			contexts.put("partition" + i, new Range(null, i * pages / partitions * pageSize, to).context());
		}
		contexts.put(ARCHIVED, new Range(ARCHIVED, 0, -1).context());
		return contexts;
	}

}
