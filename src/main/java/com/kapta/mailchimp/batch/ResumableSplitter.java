package com.kapta.mailchimp.batch;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a partitioned step so that a kill -9 at any moment leaves a restartable run.
 * <p>
 * Spring Batch's own splitter saves each worker's execution and then, in a second
 * transaction, the worker's range. A kill between the two (measured: it happens) left a
 * worker without a range, and every restart failed on it. Here the ranges are first kept
 * in the manager step's context, in one write, before any worker exists; a restart uses
 * those same ranges and gives any worker that lacks its range the kept one. The
 * partitioner still runs on every start, for what it reports (progress totals), and the
 * workers start in its order: a partitioner puts first the partitions that may take
 * longest.
 */
public final class ResumableSplitter implements StepExecutionSplitter {

	private static final String KEPT = "resumableSplitter.";

	private final JobRepository jobRepository;

	private final String workerStepName;

	private final Partitioner partitioner;

	public ResumableSplitter(JobRepository jobRepository, String workerStepName, Partitioner partitioner) {
		this.jobRepository = jobRepository;
		this.workerStepName = workerStepName;
		this.partitioner = partitioner;
	}

	@Override
	public String getStepName() {
		return this.workerStepName;
	}

	@Override
	public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
		Map<String, ExecutionContext> fresh = this.partitioner.partition(gridSize);
		ExecutionContext managerContext = manager.getExecutionContext();
		Map<String, ExecutionContext> ranges = kept(managerContext);
		if (ranges.isEmpty()) {
			ranges = fresh;
			ranges.forEach((name, range) -> range.entrySet()
				.forEach((entry) -> managerContext.put(KEPT + name + "." + entry.getKey(), entry.getValue())));
			this.jobRepository.updateExecutionContext(manager);
		}
		Map<String, ExecutionContext> partitions = ranges;
		List<String> order = List.copyOf(fresh.keySet());
		// the workers start in the partitioner's order (Spring Batch's set has none)
		Set<StepExecution> workers = new TreeSet<>(
				Comparator.comparingInt((StepExecution worker) -> order.indexOf(partitionName(worker)))
					.thenComparing(StepExecution::getStepName));
		workers.addAll(new SimpleStepExecutionSplitter(this.jobRepository, this.workerStepName, (size) -> partitions)
			.split(manager, gridSize));
		for (StepExecution worker : workers) {
			ExecutionContext range = partitions.get(partitionName(worker));
			ExecutionContext own = worker.getExecutionContext();
			if (range != null && range.entrySet().stream().anyMatch((entry) -> !own.containsKey(entry.getKey()))) {
				range.entrySet().forEach((entry) -> own.put(entry.getKey(), entry.getValue()));
				this.jobRepository.updateExecutionContext(worker);
			}
		}
		return workers;
	}

	private String partitionName(StepExecution worker) {
		return worker.getStepName().substring(this.workerStepName.length() + 1);
	}

	/**
	 * The ranges an earlier start of this step kept, by partition name (empty on a first
	 * start).
	 */
	private static Map<String, ExecutionContext> kept(ExecutionContext managerContext) {
		Map<String, ExecutionContext> ranges = new LinkedHashMap<>();
		managerContext.entrySet().stream().filter((entry) -> entry.getKey().startsWith(KEPT)).forEach((entry) -> {
			String rest = entry.getKey().substring(KEPT.length());
			int dot = rest.indexOf('.');
			ranges.computeIfAbsent(rest.substring(0, dot), (name) -> new ExecutionContext())
				.put(rest.substring(dot + 1), entry.getValue());
		});
		return ranges;
	}

}
