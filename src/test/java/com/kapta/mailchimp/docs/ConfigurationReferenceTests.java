package com.kapta.mailchimp.docs;

import java.io.IOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference in {@code docs/operations.md} names exactly the
 * {@code kapta.*} properties the code declares (its {@code @ConfigurationProperties}
 * records), each with the environment variable Spring's relaxed binding reads and the
 * default the record gives. No Spring context: the records are read by their annotations.
 */
@Tag("fast")
class ConfigurationReferenceTests {

	private static final Path REFERENCE = Path.of("docs", "operations.md");

	/** A row of the reference: property, variable, default. */
	private static final Pattern ROW = Pattern.compile("^\\| `(kapta\\.[a-z.-]+)` \\| `([A-Z_]+)` \\| ([^|]*) \\|",
			Pattern.MULTILINE);

	/** A property as the code declares it: its default, if the record gives one. */
	private record Declared(String name, @Nullable String defaultValue) {
	}

	@Test
	void theReferenceNamesEveryPropertyTheCodeDeclaresAndNoOther() throws Exception {
		Map<String, Declared> declared = declared();
		Map<String, String[]> documented = documented();

		assertThat(documented.keySet()).as("properties the code declares that %s does not name", REFERENCE)
			.containsAll(declared.keySet());
		assertThat(declared.keySet()).as("properties %s names that the code does not declare", REFERENCE)
			.containsAll(documented.keySet());
		assertThat(declared).hasSizeGreaterThan(40);
	}

	@Test
	void eachRowGivesTheVariableSpringReadsAndTheRecordsDefault() throws Exception {
		Map<String, Declared> declared = declared();
		documented().forEach((name, row) -> {
			assertThat(row[0]).as("the environment variable of %s", name)
				.isIn(variable(name), variable(name.replace('-', '.')));
			Declared property = declared.get(name);
			if (property != null && property.defaultValue() != null) {
				assertThat(row[1]).as("the default of %s", name).startsWith("`" + property.defaultValue() + "`");
			}
		});
	}

	/**
	 * Spring's relaxed form: {@code kapta.web.max-upload} is {@code KAPTA_WEB_MAXUPLOAD}
	 * (its binding also reads a dash as an underscore: {@code KAPTA_DATA_DIR}).
	 */
	private static String variable(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	private static Map<String, String[]> documented() throws IOException {
		Map<String, String[]> rows = new TreeMap<>();
		Matcher row = ROW.matcher(Files.readString(REFERENCE));
		while (row.find()) {
			assertThat(rows.put(row.group(1), new String[] { row.group(2), row.group(3).strip() }))
				.as("%s named twice", row.group(1))
				.isNull();
		}
		return rows;
	}

	private static Map<String, Declared> declared() throws ReflectiveOperationException {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Map<String, Declared> properties = new TreeMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("com.kapta.mailchimp")) {
			Class<?> type = Class.forName(candidate.getBeanClassName());
			String prefix = type.getAnnotation(ConfigurationProperties.class).value();
			assertThat(type.isRecord()).as("%s is a record", type).isTrue();
			collect(prefix, type, properties);
		}
		return properties;
	}

	private static void collect(String prefix, Class<?> record, Map<String, Declared> properties)
			throws NoSuchMethodException {
		RecordComponent[] components = record.getRecordComponents();
		// @DefaultValue is kept on the canonical constructor's parameters
		Parameter[] parameters = record
			.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new))
			.getParameters();
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			String name = prefix + "." + kebab(component.getName());
			if (component.getType().isRecord() && component.getType().getName().startsWith("com.kapta")) {
				collect(name, component.getType(), properties);
				continue;
			}
			DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
			properties.put(name,
					new Declared(name, (value != null && value.value().length == 1) ? value.value()[0] : null));
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
