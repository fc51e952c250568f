/**
 * The benchmarks behind {@code ./run.sh bench}.
 */
@NullMarked
package com.kapta.mailchimp.bench;

import org.jspecify.annotations.NullMarked;
