package com.kapta.mailchimp.mailchimp;

import java.util.concurrent.Semaphore;

/**
 * Mailchimp's limit of simultaneous connections per account, shared by every client that
 * takes from the same budget: each request holds one slot while it is on the wire (not
 * while it waits to retry).
 */
public interface ConnectionBudget {

	/** A slot, given back by closing it. */
	interface Slot extends AutoCloseable {

		@Override
		void close();

	}

	/** Waits for a free slot. */
	Slot take();

	/** No sharing: a client's own connection pool is its only limit. */
	ConnectionBudget UNSHARED = () -> () -> {
	};

	/** Slots shared by the clients of this process. */
	static ConnectionBudget inProcess(int slots) {
		Semaphore free = new Semaphore(slots, true);
		return () -> {
			free.acquireUninterruptibly();
			return free::release;
		};
	}

}
