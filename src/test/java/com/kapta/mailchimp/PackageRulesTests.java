package com.kapta.mailchimp;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of {@code docs/architecture.md}, checked on the compiled classes: a
 * package per feature with no cycles between them; the doors (the command line, the web
 * console and API, the schedule) call the features, never the reverse; the sandbox is a
 * stand-in that only the command line, the demo and the bench start; and only
 * {@code mailchimp} speaks HTTP to Mailchimp.
 */
@Tag("fast")
class PackageRulesTests {

	private static final String ROOT = "com.kapta.mailchimp";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	/** The packages a user reaches the features through. */
	private static final String[] DOORS = { ROOT + ".cli..", ROOT + ".web..", ROOT + ".schedule.." };

	@Test
	void thePackagesDependOnEachOtherWithoutCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	/** ({@code main} hands the command line to the command line, its door.) */
	@Test
	void theDoorsCallTheFeaturesAndNeverTheReverse() {
		noClasses().that()
			.resideOutsideOfPackages(DOORS)
			.and()
			.resideOutsideOfPackages(ROOT + ".demo..", ROOT + ".bench..")
			.and()
			.doNotHaveFullyQualifiedName(KaptaApplication.class.getName())
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(DOORS)
			.check(CLASSES);
	}

	@Test
	void onlyTheCommandLineTheDemoAndTheBenchStartTheSandbox() {
		noClasses().that()
			.resideOutsideOfPackages(ROOT + ".sandbox..", ROOT + ".cli..", ROOT + ".demo..", ROOT + ".bench..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".sandbox..")
			.check(CLASSES);
	}

	@Test
	void onlyTheMailchimpPackageSpeaksHttpToMailchimp() {
		// the bench loads Kapta's own webhook endpoint with the same client, the sandbox
		// serves and delivers with the JDK's
		noClasses().that()
			.resideOutsideOfPackages(ROOT + ".mailchimp..", ROOT + ".bench..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.hc.client5..", "org.apache.hc.core5.http..")
			.check(CLASSES);
	}

}
