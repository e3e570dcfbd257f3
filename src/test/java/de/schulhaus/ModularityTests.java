package de.schulhaus;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The modules only use each other through their APIs and in the allowed directions. */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(SchulhausApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	/**
	 * The module diagrams in {@code docs/modules} are the ones the code gives: a change of a module's
	 * dependencies fails here until the diagrams are made again with
	 * {@code ./mvnw test -Dtest=ModularityTests -Ddocs.update=true}.
	 */
	@Test
	void moduleDiagramsInTheDocsAreCurrent() throws java.io.IOException {
		java.nio.file.Path generated = java.nio.file.Path.of("target/spring-modulith-docs");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString())).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
		java.nio.file.Path docs = java.nio.file.Path.of("docs/modules");
		java.nio.file.Files.createDirectories(docs);
		try (var files = java.nio.file.Files.list(generated)) {
			for (java.nio.file.Path diagram : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
				java.nio.file.Path committed = docs.resolve(diagram.getFileName());
				if (Boolean.getBoolean("docs.update")) {
					java.nio.file.Files.copy(diagram, committed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
				org.assertj.core.api.Assertions.assertThat(committed)
					.as("docs/modules is out of date: ./mvnw test -Dtest=ModularityTests -Ddocs.update=true").exists();
				// the documenter writes the same relations in varying order: compare what is said, not where
				org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readAllLines(committed))
					.as("docs/modules/" + diagram.getFileName() + " is out of date: ./mvnw test -Dtest=ModularityTests -Ddocs.update=true")
					.containsExactlyInAnyOrderElementsOf(java.nio.file.Files.readAllLines(diagram));
			}
		}
	}
}
