package com.kapta.mailchimp.importing;

import java.util.BitSet;

import org.jspecify.annotations.Nullable;

/**
 * The emails one staging step took so far, as a Bloom filter (2 MB, three bits an email):
 * an email it says is new is new, without asking the stage; only those it may have seen
 * (the repeated ones, and a few in a thousand of a million new ones) are looked up there.
 * Asking the stage for every row was a fifth of a 200 000-row dry run's staging. The
 * filter knows only what this step staged: a restarted step, whose earlier rows are in
 * the stage already, asks the stage for every row.
 */
final class StagedEmails {

	private static final int BITS = 1 << 24;

	private static final int HASHES = 3;

	private final @Nullable BitSet bits;

	private StagedEmails(@Nullable BitSet bits) {
		this.bits = bits;
	}

	/** For a step that starts with an empty stage. */
	static StagedEmails empty() {
		return new StagedEmails(new BitSet(BITS));
	}

	/** For a step whose stage holds rows it did not see: every email may be there. */
	static StagedEmails unknown() {
		return new StagedEmails(null);
	}

	/** Whether the email ({@link com.kapta.mailchimp.EmailKey}) may have been taken. */
	boolean mayHave(String key) {
		if (this.bits == null) {
			return true;
		}
		long hash = hash(key);
		for (int i = 0; i < HASHES; i++) {
			if (!this.bits.get(bit(hash, i))) {
				return false;
			}
		}
		return true;
	}

	void add(String key) {
		if (this.bits != null) {
			long hash = hash(key);
			for (int i = 0; i < HASHES; i++) {
				this.bits.set(bit(hash, i));
			}
		}
	}

	/** The i-th bit by double hashing: the hash's two halves. */
	private static int bit(long hash, int i) {
		return ((int) hash + i * ((int) (hash >>> 32) | 1)) & (BITS - 1);
	}

	/** FNV-1a over the characters, then SplitMix64's finalizer to spread the bits. */
	private static long hash(String key) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < key.length(); i++) {
			hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
		}
		hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
		hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
		return hash ^ (hash >>> 31);
	}

}
