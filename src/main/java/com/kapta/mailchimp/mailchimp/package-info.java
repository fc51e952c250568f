/**
 * The only code that speaks HTTP to Mailchimp: the client, its typed records and errors,
 * and what the bulk jobs share (side-by-side calls, reading answers, packing tag calls).
 */
@NullMarked
package com.kapta.mailchimp.mailchimp;

import org.jspecify.annotations.NullMarked;
