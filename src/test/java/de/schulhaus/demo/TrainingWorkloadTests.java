package de.schulhaus.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The training workload writes demo data: it runs on an embedded database of its own only. */
class TrainingWorkloadTests {

	@Test
	void runsOnlyOnAnEmbeddedDatabase() {
		assertThat(TrainingWorkload.isEmbedded("jdbc:h2:file:/srv/schulhaus/launch-cache/x/training-data/db/schulhaus;MODE=PostgreSQL")).isTrue();
		assertThat(TrainingWorkload.isEmbedded("jdbc:h2:mem:training")).isTrue();
		assertThat(TrainingWorkload.isEmbedded("jdbc:postgresql://db.example.org:5432/schulhaus")).isFalse();
		assertThat(TrainingWorkload.isEmbedded("jdbc:h2:tcp://db.example.org/schulhaus")).isFalse();
		assertThat(TrainingWorkload.isEmbedded(null)).isFalse();
	}
}
