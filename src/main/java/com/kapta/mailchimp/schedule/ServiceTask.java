package com.kapta.mailchimp.schedule;

/**
 * A piece of the service's scheduled work, fired by Quartz through {@link QuartzTask}.
 */
interface ServiceTask {

	/**
	 * Does the work once.
	 * @param recovering whether Quartz fires it again because the instance it ran on died
	 */
	void run(boolean recovering);

	/** Does the work once because an admin asked for it now (Run now). */
	default void runAsked() {
		run(false);
	}

}
