package de.schulhaus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** House rules that Spring Modulith does not check. */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("de.schulhaus");

	@Test
	void noFieldInjection() {
		noFields().should().beAnnotatedWith(org.springframework.beans.factory.annotation.Autowired.class).check(CLASSES);
	}

	@Test
	void noJpa() {
		noClasses().should().dependOnClassesThat().resideInAPackage("jakarta.persistence..").check(CLASSES);
	}

	@Test
	void controllersDoNotTouchTheDatabaseDirectly() {
		noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
			.should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
			.check(CLASSES);
		noClasses().that().areAnnotatedWith(org.springframework.stereotype.Controller.class)
			.should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
			.check(CLASSES);
	}
}
