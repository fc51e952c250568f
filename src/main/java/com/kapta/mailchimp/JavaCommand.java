package com.kapta.mailchimp;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts this application's own code in a JVM of its own: the
 * application jar when this JVM runs it ({@code ./run.sh}), the classes on the class path
 * otherwise (tests). For what the benchmarks and the demo run beside them: the sandbox, a
 * service.
 */
public final class JavaCommand {

	private JavaCommand() {
	}

	/** {@code java OPTIONS (-jar JAR | -cp PATH MAIN) ARGS}. */
	public static List<String> of(List<String> jvmOptions, List<String> args) {
		String classPath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			command.addAll(List.of("-jar", classPath));
		}
		else {
			command.addAll(List.of("-cp", classPath, KaptaApplication.class.getName()));
		}
		command.addAll(args);
		return command;
	}

}
