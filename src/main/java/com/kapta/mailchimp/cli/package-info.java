/**
 * The command line: options, printing and exit codes. What a command does lives in its
 * feature's package.
 */
@NullMarked
package com.kapta.mailchimp.cli;

import org.jspecify.annotations.NullMarked;
