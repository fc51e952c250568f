package com.kapta.mailchimp.importing;

import java.util.BitSet;

/**
 * A Bloom filter of emails (2 MB, three bits an email): an email it says it never saw was
 * never added; one it may have seen may not have been (a few in a thousand of those never
 * added, at a million added).
 */
final class EmailFilter {

	private static final int BITS = 1 << 24;

	private static final int HASHES = 3;

	private final BitSet bits = new BitSet(BITS);

	/** Whether the email ({@link com.kapta.mailchimp.EmailKey}) may have been added. */
	boolean mayHave(String key) {
		long hash = hash(key);
		for (int i = 0; i < HASHES; i++) {
			if (!this.bits.get(bit(hash, i))) {
				return false;
			}
		}
		return true;
	}

	void add(String key) {
		long hash = hash(key);
		for (int i = 0; i < HASHES; i++) {
			this.bits.set(bit(hash, i));
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
