package com.kapta.mailchimp.importing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.workbook.SheetReader;
import com.kapta.mailchimp.workbook.SheetRow;

/**
 * A dry run's taken emails, in memory: a dry run stages nothing to send, so writing each
 * row into the stage only to tell repeats apart was most of its staging time (a logged
 * insert into a disk table each). Compact, because it grows with the sheet: the emails'
 * bytes one after another, and an open-addressing table of their positions, about 45
 * bytes an email (45 MB for a million rows, where a {@code HashMap} of strings would take
 * three times that). A restarted dry run replays the rows it had read before
 * ({@link #replayed}).
 */
final class SeenEmails implements TakenEmails {

	private byte[] bytes = new byte[1 << 16];

	private int used;

	/** Where each email starts in {@link #bytes}; it ends where the next starts. */
	private int[] starts = new int[1 << 10];

	private int[] rows = new int[1 << 10];

	private int count;

	/** Email index + 1 by hash, 0 for free; never more than half full. */
	private int[] slots = new int[1 << 11];

	/**
	 * The emails the first {@code rowsRead} rows of the sheet took, as the staging step
	 * took them before it stopped.
	 */
	static SeenEmails replayed(SheetReader sheet, int rowsRead) {
		SeenEmails seen = new SeenEmails();
		for (int i = 0; i < rowsRead; i++) {
			SheetRow row = sheet.next();
			if (row == null) {
				break;
			}
			try {
				seen.putIfAbsent(ImportStager.keyOf(row).getBytes(StandardCharsets.UTF_8), row.sheetRow());
			}
			catch (InvalidInputException skipped) {
				// a row the step skipped: it took no email
			}
		}
		return seen;
	}

	@Override
	public Map<String, Integer> firstRows(Collection<String> emails) {
		Map<String, Integer> found = new HashMap<>();
		for (String email : emails) {
			int slot = find(email.getBytes(StandardCharsets.UTF_8));
			if (this.slots[slot] != 0) {
				found.put(email, this.rows[this.slots[slot] - 1]);
			}
		}
		return found;
	}

	@Override
	public void take(Map<String, Integer> rows) {
		rows.forEach((email, row) -> putIfAbsent(email.getBytes(StandardCharsets.UTF_8), row));
	}

	private void putIfAbsent(byte[] email, int row) {
		int slot = find(email);
		if (this.slots[slot] != 0) {
			return;
		}
		if (this.used + email.length > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.used + email.length));
		}
		if (this.count + 1 >= this.starts.length) {
			this.starts = Arrays.copyOf(this.starts, this.starts.length * 2);
			this.rows = Arrays.copyOf(this.rows, this.rows.length * 2);
		}
		System.arraycopy(email, 0, this.bytes, this.used, email.length);
		this.starts[this.count] = this.used;
		this.rows[this.count] = row;
		this.used += email.length;
		this.count++;
		this.starts[this.count] = this.used;
		this.slots[slot] = this.count;
		if (this.count * 2 > this.slots.length) {
			grow();
		}
	}

	/** The slot that holds this email, or the free one where it would go. */
	private int find(byte[] email) {
		int mask = this.slots.length - 1;
		int hash = Arrays.hashCode(email) * 0x9E3779B9;
		for (int slot = (hash ^ (hash >>> 16)) & mask;; slot = (slot + 1) & mask) {
			int index = this.slots[slot] - 1;
			if (index < 0
					|| Arrays.equals(this.bytes, this.starts[index], this.starts[index + 1], email, 0, email.length)) {
				return slot;
			}
		}
	}

	private void grow() {
		int[] old = this.slots;
		this.slots = new int[old.length * 2];
		for (int index = 0; index < this.count; index++) {
			byte[] email = Arrays.copyOfRange(this.bytes, this.starts[index], this.starts[index + 1]);
			this.slots[find(email)] = index + 1;
		}
	}

}
