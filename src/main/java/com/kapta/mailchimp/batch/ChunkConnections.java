package com.kapta.mailchimp.batch;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a chunk that calls Mailchimp uses the database: it holds no connection while it
 * waits for Mailchimp. The chunk's transaction takes its connection at its first
 * statement (the pool's proxy, {@code database.PooledDataSource}); so that this is the
 * first write after Mailchimp's answer, what the chunk reads before its calls is read
 * here, outside the transaction, on a connection that goes back to the pool as soon as
 * the read ends, and its step's own beans are made when the step opens, not at the first
 * chunk. A read sees what is committed, as the chunk's own reads did (read committed).
 * Only for reads made before the chunk's first statement: after it, a read here would
 * take a second connection while holding one ({@code PoolWhileMailchimpAnswersTests} runs
 * every such job on a pool of two).
 */
@Component
public class ChunkConnections {

	private final TransactionTemplate outside;

	ChunkConnections(PlatformTransactionManager transactionManager) {
		this.outside = new TransactionTemplate(transactionManager);
		this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		this.outside.setReadOnly(true);
	}

	/** Runs {@code read} outside the current transaction. */
	public <T extends @Nullable Object> T read(Supplier<T> read) {
		return this.outside.execute((status) -> read.get());
	}

	/** The reader, each of its reads outside the chunk's transaction. */
	public <T> ItemStreamReader<T> reader(ItemReader<T> reader) {
		return new Reader<>(reader, this);
	}

	/**
	 * The writer, made when the step opens if it is a step's bean: made at its first
	 * chunk, it read the settings and the step's history in the chunk's transaction.
	 */
	public <T> ItemStreamWriter<T> writer(ItemWriter<T> writer) {
		return new Writer<>(writer);
	}

	/**
	 * A reader's or a writer's stream, kept in the step's context: the step's bean behind
	 * its proxy, made when the step opens.
	 */
	private abstract static class Delegating implements ItemStream {

		private final Object part;

		Delegating(Object part) {
			this.part = part;
		}

		@Override
		public void open(ExecutionContext context) {
			if (target() instanceof ItemStream stream) {
				stream.open(context);
			}
		}

		@Override
		public void update(ExecutionContext context) {
			if (target() instanceof ItemStream stream) {
				stream.update(context);
			}
		}

		@Override
		public void close() {
			if (target() instanceof ItemStream stream) {
				stream.close();
			}
		}

		/** The step's bean behind its proxy, made now if it is not yet. */
		private Object target() {
			return (this.part instanceof ScopedObject scoped) ? scoped.getTargetObject() : this.part;
		}

	}

	private static final class Reader<T> extends Delegating implements ItemStreamReader<T> {

		private final ItemReader<T> reader;

		private final ChunkConnections connections;

		Reader(ItemReader<T> reader, ChunkConnections connections) {
			super(reader);
			this.reader = reader;
			this.connections = connections;
		}

		@Override
		public @Nullable T read() {
			return this.connections.read(() -> {
				try {
					return this.reader.read();
				}
				catch (RuntimeException ex) {
					throw ex;
				}
				catch (Exception ex) {
					// Kapta's readers throw none; one would fail the chunk as it does
					throw new IllegalStateException(ex);
				}
			});
		}

	}

	private static final class Writer<T> extends Delegating implements ItemStreamWriter<T> {

		private final ItemWriter<T> writer;

		Writer(ItemWriter<T> writer) {
			super(writer);
			this.writer = writer;
		}

		@Override
		public void write(Chunk<? extends T> chunk) throws Exception {
			this.writer.write(chunk);
		}

	}

}
