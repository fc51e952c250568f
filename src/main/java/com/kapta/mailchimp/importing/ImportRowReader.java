package com.kapta.mailchimp.importing;

import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * The sheet's data rows in order. Restartable: the count of rows read is kept with each committed chunk,
 * and a restart reads past that many again (the file is the one that was taken, unchanged).
 */
class ImportRowReader extends AbstractItemCountingItemStreamItemReader<ImportRow> {

	private final Path file;

	private final long maxSharedStringsBytes;

	private ImportSheet sheet;

	ImportRowReader(Path file, long maxSharedStringsBytes) {
		this.file = file;
		this.maxSharedStringsBytes = maxSharedStringsBytes;
		setName("importRows");
	}

	@Override
	protected void doOpen() {
		this.sheet = ImportSheet.open(this.file, this.maxSharedStringsBytes);
	}

	@Override
	protected ImportRow doRead() {
		return this.sheet.next();
	}

	@Override
	protected void doClose() {
		if (this.sheet != null) {
			this.sheet.close();
			this.sheet = null;
		}
	}

}
