package com.kapta.mailchimp.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A workbook above {@code kapta.web.max-upload} is refused with one clear sentence: a
 * problem document (413) for the API, the Data page's message for the console (most
 * console uploads are refused earlier, by {@link RequestBodies}).
 */
@ControllerAdvice
// before the problem-details handler Boot registers, which answers a bare 413 to everyone
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UploadLimits {

	private final WebProperties web;

	UploadLimits(WebProperties web) {
		this.web = web;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tooLarge(HttpServletRequest request) {
		String refusal = "The workbook is larger than the " + this.web.maxUploadText()
				+ " an upload may be (kapta.web.max-upload); nothing was imported";
		if (request.getRequestURI().startsWith("/api/")) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, refusal));
		}
		// an upload without an announced size, refused only as it was read
		// (RequestBodies)
		return new ModelAndView("redirect:/data?too-large");
	}

}
