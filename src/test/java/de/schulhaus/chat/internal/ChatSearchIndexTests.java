package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.IntegrationTest;

/**
 * The search's trigram index: on PostgreSQL it exists and the search's condition can use it; on H2 the migration ran
 * and changed nothing. Run on PostgreSQL with {@code SCHULHAUS_DB_URL} set.
 */
@IntegrationTest
class ChatSearchIndexTests {

	@Autowired JdbcClient jdbc;
	@Autowired DataSource dataSource;
	@Autowired TransactionTemplate transactions;

	@Test
	void theMigrationRanAndOnPostgresTheSearchCanUseTheIndex() throws Exception {
		assertThat(jdbc.sql("select success from flyway_schema_history where version = '202612121100'").query(Boolean.class).single()).isTrue();
		String database;
		try (var connection = dataSource.getConnection()) {
			database = connection.getMetaData().getDatabaseProductName().toLowerCase();
		}
		if (!database.contains("postgres")) {
			assertThat(jdbc.sql("select count(*) from information_schema.indexes where index_name = :name").param("name", ChatSearchIndex.INDEX)
				.query(Long.class).single()).isZero();
			return;
		}
		assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = :name").param("name", ChatSearchIndex.INDEX).query(String.class).single())
			.contains("gin").contains("lower").contains("gin_trgm_ops");
		// with a sequential scan ruled out, the planner answers the search's condition from the index
		List<String> plan = transactions.execute(status -> {
			jdbc.sql("set local enable_seqscan = off").update();
			return jdbc.sql("explain select m.id from chat_message m where lower(m.body) like :pattern escape '\\'").param("pattern", "%wandertag%")
				.query(String.class).list();
		});
		assertThat(String.join("\n", plan)).contains(ChatSearchIndex.INDEX);
	}
}
