/**
 * Kapta's workbooks: the streaming reader of an imported xlsx with its guards against
 * hostile files (zip bombs, XML entities, huge shared strings, non-xlsx files), the one
 * streamed writer of the export, the run reports and the activity, and the columns
 * Kapta's workbooks share.
 */
@NullMarked
package com.kapta.mailchimp.workbook;

import org.jspecify.annotations.NullMarked;
