package com.kapta.mailchimp.web;

import jakarta.servlet.MultipartConfigElement;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The web server of the service (profile {@code web}, which the service turns on; the
 * one-shot commands start none), from the bound {@link WebProperties}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration {

	@Bean
	WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> webAddress(WebProperties web) {
		return (server) -> {
			server.setAddress(web.address());
			server.setPort(web.port());
		};
	}

	/** First of all: a busy database shows in Spring Security's filters too. */
	@Bean
	FilterRegistrationBean<BusyFilter> busyFilter(JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new BusyFilter(new Problems(json)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Before Spring Security's filters, which would read the body first. */
	@Bean
	FilterRegistrationBean<RequestBodies> requestBodies(WebProperties web, JsonMapper json) {
		var registration = new FilterRegistrationBean<>(
				new RequestBodies(new Problems(json), web.maxUpload().toBytes(), web.maxJson().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * After Spring Security's filters (order -100), which tell who signed in: what the
	 * request changes is the user's doing.
	 */
	@Bean
	FilterRegistrationBean<RequestActors> requestActors() {
		var registration = new FilterRegistrationBean<>(new RequestActors());
		registration.setOrder(0);
		return registration;
	}

	@Bean
	MultipartConfigElement multipartConfig(WebProperties web) {
		var factory = new MultipartConfigFactory();
		factory.setMaxFileSize(web.maxUpload());
		factory.setMaxRequestSize(web.maxUpload());
		return factory.createMultipartConfig();
	}

}
