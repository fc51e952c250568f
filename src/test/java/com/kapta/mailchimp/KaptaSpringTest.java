package com.kapta.mailchimp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTestContextBootstrapper;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A Spring Boot test of Kapta in a fresh, empty home of its own,
 * {@code target/test-homes/<test class>} (its data and jobs folders, as on a fresh
 * clone), with quick retries, no progress lines and no web server. A class adds its own
 * properties with {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(KaptaSpringTest.HomePerTestClass.class)
@ExtendWith(SpringExtension.class)
public @interface KaptaSpringTest {

	/**
	 * Spring Boot's test bootstrapper that also gives the test class its home: emptied,
	 * and named in the properties the application starts with. Those come before the
	 * environment is prepared, which the data-folder check reads ({@code
	 * DynamicPropertySource} values come later); being properties, the home is part of
	 * the context's identity, so two test classes never share a context or a database.
	 */
	class HomePerTestClass extends SpringBootTestContextBootstrapper {

		/**
		 * Quick retries, no progress lines, and no web server even under the service's
		 * profile (the console has tests of its own, on a real server: {@code web/}); a
		 * test class's own properties come after.
		 */
		private static final List<String> COMMON = List.of("kapta.batch.progress-every=1h",
				"kapta.mailchimp.initial-backoff=2ms", "kapta.mailchimp.max-backoff=20ms",
				"spring.main.web-application-type=none", "kapta.web.port=0");

		@Override
		protected void processPropertySourceProperties(MergedContextConfiguration config, List<String> properties) {
			super.processPropertySourceProperties(config, properties);
			properties.addAll(0, COMMON);
			Path home = TestHomes.reset(config.getTestClass().getSimpleName());
			properties.add("kapta.data-dir=" + home.resolve("data"));
			properties.add("kapta.jobs-dir=" + home.resolve("jobs"));
			if (config.getTestClass().isAnnotationPresent(OnPostgres.class) && OnPostgres.Server.url() != null) {
				OnPostgres.Server.freshDatabase(config.getTestClass().getSimpleName())
					.forEach((key, value) -> properties.add(key + "=" + value));
			}
		}

	}

}
