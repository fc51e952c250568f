package com.kapta.mailchimp.tagdownload;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Divides the audience's member pages into ranges of pages, one per partition, read side by side. */
class DownloadPartitioner implements Partitioner {

	static final String FIRST_PAGE = "firstPage";

	static final String END_PAGE = "endPage";

	private final int members;

	DownloadPartitioner(int members) {
		this.members = members;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		// one page more than the count says: members added meanwhile are still read
		int pages = this.members / MemberPageReader.PAGE_SIZE + 1;
		int partitions = Math.max(1, Math.min(gridSize, pages));
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		for (int i = 0; i < partitions; i++) {
			var context = new ExecutionContext();
			context.putInt(FIRST_PAGE, i * pages / partitions);
			context.putInt(END_PAGE, (i + 1) * pages / partitions);
			contexts.put("partition" + i, context);
		}
		return contexts;
	}

}
