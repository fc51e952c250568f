package com.kapta.mailchimp.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import com.kapta.mailchimp.ServiceBusyException;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.users.UserAccounts;

/**
 * Who may do what, over the web. The API ({@code /api}, its description, the actuator) is
 * stateless: HTTP Basic with a Kapta user or a bearer API token on every call, no session
 * cookie, hence no CSRF token to carry. The console signs in with a form into a session
 * cookie (HttpOnly, SameSite=Strict) and every form carries a CSRF token. An admin may do
 * all a data user may, and the settings, upload and download.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurityConfiguration {

	/** What only an admin may reach, in the API and in the console. */
	static final String[] ADMIN_ONLY = { "/api/settings/**", "/api/webhook/**", "/api/jobs/upload",
			"/api/jobs/download-tags", "/api/schedule/**", "/settings/**", "/upload/**", "/download/**", "/schedule/**",
			"/activity/**" };

	/**
	 * What a browser may do with the console's pages: scripts, styles, images and fonts
	 * only from the service itself (no inline script, no other site), forms only back to
	 * it, never framed; no address sent to other sites; no camera, microphone or the
	 * like. HSTS is Spring Security's own, sent on https only.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
			+ " form-action 'self'; frame-ancestors 'none'";

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

	private static void browserRules(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader((permissions) -> permissions.policy(PERMISSIONS_POLICY));
	}

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_DATA");
	}

	/**
	 * Sign-in by username and password. A locked user's password is checked all the same
	 * and the sign-in refused as a wrong password is, in the same words and about the
	 * same time: a quick "locked" answer told a stranger which usernames exist.
	 */
	@Bean
	DaoAuthenticationProvider kaptaSignIn(UserDetailsService users, PasswordEncoder encoder) {
		var provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(encoder);
		provider.setPreAuthenticationChecks((user) -> {
		});
		provider.setPostAuthenticationChecks((user) -> {
			if (!user.isAccountNonLocked()) {
				throw new BadCredentialsException("Bad credentials");
			}
		});
		return provider;
	}

	@Bean
	UserDetailsService kaptaUsers(UserAccounts accounts) {
		return (username) -> accounts.credentials(username)
			.map((user) -> User.withUsername(user.username())
				.password(user.passwordHash())
				.roles(user.role().name())
				.accountLocked(user.locked())
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	/**
	 * Mailchimp's webhook deliveries: a server calls, with no session and no CSRF token;
	 * the endpoint itself checks the token in the address and the delivery's signature.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain webhooks(HttpSecurity http) {
		return http.securityMatcher("/webhooks/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable)
			.headers(WebSecurityConfiguration::browserRules)
			.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, UserAccounts accounts, JsonMapper json, SignInThrottle throttle,
			AuditTrail audit) {
		var problems = new Problems(json);
		return http.securityMatcher("/api/**", "/v3/api-docs/**", "/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole("ADMIN")
				.requestMatchers(ADMIN_ONLY)
				.hasRole("ADMIN")
				.anyRequest()
				.hasRole("DATA"))
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems.unauthenticated()))
			.addFilterBefore(new SameOriginFilter(problems), BasicAuthenticationFilter.class)
			.addFilterBefore(new SignInThrottleFilter(throttle, problems), BasicAuthenticationFilter.class)
			.addFilterBefore(new ApiTokenFilter(accounts, problems, audit), BasicAuthenticationFilter.class)
			.headers(WebSecurityConfiguration::browserRules)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems.unauthenticated())
				.accessDeniedHandler(problems.forbidden()))
			.build();
	}

	/**
	 * A refused sign-in goes back to the form; one that could not be checked (every
	 * database connection in use) is a 503, and counts as no failed attempt.
	 */
	private static AuthenticationFailureHandler signInFailure() {
		var refused = new SimpleUrlAuthenticationFailureHandler("/login?error");
		return (request, response, ex) -> {
			if (ServiceBusyException.isBusy(ex)) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ServiceBusyException.RETRY_AFTER_SECONDS));
				response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
				return;
			}
			refused.onAuthenticationFailure(request, response, ex);
		};
	}

	@Bean
	@Order(2)
	SecurityFilterChain console(HttpSecurity http, UserAccounts accounts, WebProperties web, SignInThrottle throttle,
			JsonMapper json) {
		return http
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/error")
						.permitAll()
						.requestMatchers(ADMIN_ONLY)
						.hasRole("ADMIN")
						.anyRequest()
						.hasRole("DATA"))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(SessionCheck.stampingSignIn(accounts))
				.failureHandler(signInFailure())
				.permitAll())
			.addFilterAfter(new SessionCheck(accounts, web.sessionMax()), SecurityContextHolderFilter.class)
			.addFilterBefore(new SignInThrottleFilter(throttle, new Problems(json)),
					UsernamePasswordAuthenticationFilter.class)
			.logout((logout) -> logout.logoutSuccessUrl("/login?signed-out"))
			.headers(WebSecurityConfiguration::browserRules)
			.build();
	}

}
