package com.kapta.mailchimp.web.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.ServiceBusyException;

/**
 * The API's errors as problem documents with the command line's words: bad input is 400
 * (the command line's exit 2), a failure Kapta can name is 409 (exit 1, e.g. a job
 * already running), a service overwhelmed for a moment is 503 with {@code Retry-After}.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/** The service overwhelmed for a moment: the same request succeeds a little later. */
	@ExceptionHandler(ServiceBusyException.class)
	ResponseEntity<ProblemDetail> busy(ServiceBusyException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ServiceBusyException.RETRY_AFTER_SECONDS))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
	}

	@ExceptionHandler(KaptaException.class)
	ProblemDetail failed(KaptaException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
