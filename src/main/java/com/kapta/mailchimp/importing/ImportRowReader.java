package com.kapta.mailchimp.importing;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.workbook.SheetReader;
import com.kapta.mailchimp.workbook.SheetRow;

/**
 * The sheet's data rows in order. A thread of its own parses the file a little ahead
 * (parsing xlsx costs about as much as applying the rows, so the two overlap).
 * Restartable: the count of rows handed out is kept with each committed chunk, and a
 * restart reads past that many again (the file is the one that was taken, unchanged).
 */
class ImportRowReader extends AbstractItemCountingItemStreamItemReader<SheetRow> {

	/** Rows parsed ahead at most: two chunks' worth, a few megabytes. */
	private static final int AHEAD = 2 * JobSizes.BULK_CHUNK;

	/** The reader's name, which keys its count of rows handed out. */
	private static final String NAME = "importRows";

	/** Put after the last row. */
	private static final Object END = new Object();

	private final Path file;

	private final long maxSharedStringsBytes;

	private BlockingQueue<Object> rows;

	private Thread parser;

	ImportRowReader(Path file, long maxSharedStringsBytes) {
		this.file = file;
		this.maxSharedStringsBytes = maxSharedStringsBytes;
		setName(NAME);
	}

	/**
	 * How many rows the step had handed out when it last committed, as the reader keeps
	 * it in the step's context (Spring Batch's key: the reader's name and "read.count").
	 */
	static int rowsRead(ExecutionContext context) {
		return context.getInt(NAME + ".read.count", 0);
	}

	@Override
	protected void doOpen() {
		// opened here, so that an unreadable file fails the step's open as it would
		// without the thread
		SheetReader sheet = SheetReader.open(this.file, this.maxSharedStringsBytes);
		BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
		this.rows = queue;
		this.parser = new Thread(() -> parse(sheet, queue), "import-parser");
		this.parser.setDaemon(true);
		this.parser.start();
	}

	private static void parse(SheetReader sheet, BlockingQueue<Object> queue) {
		try (sheet) {
			for (SheetRow row = sheet.next(); row != null; row = sheet.next()) {
				queue.put(row);
			}
			queue.put(END);
		}
		catch (InterruptedException ex) {
			// the step closed the reader: stop parsing
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			try {
				// waits for room: with the queue full, an offer would drop it and the
				// reader wait forever
				queue.put(ex);
			}
			catch (InterruptedException stopped) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	protected @Nullable SheetRow doRead() throws InterruptedException {
		Object next = this.rows.take();
		if (next instanceof RuntimeException failure) {
			this.rows.put(failure); // the failure stays the answer if asked again
			throw failure;
		}
		if (next == END) {
			this.rows.put(END);
			return null;
		}
		return (SheetRow) next;
	}

	@Override
	protected void doClose() throws InterruptedException {
		if (this.parser != null) {
			this.parser.interrupt();
			this.parser.join(10_000);
			if (this.parser.isAlive()) {
				throw new ItemStreamException("The sheet parser of " + this.file + " did not stop");
			}
			this.parser = null;
		}
	}

}
