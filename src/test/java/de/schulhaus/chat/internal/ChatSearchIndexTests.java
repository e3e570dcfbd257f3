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
 * The search's trigram index: on PostgreSQL it is on the search's copies, not on the messages the posts write, and the
 * search's condition can use it; on H2 the migrations ran and made no such index. Run on PostgreSQL with
 * {@code SCHULHAUS_DB_URL} set.
 */
@IntegrationTest
class ChatSearchIndexTests {

	@Autowired JdbcClient jdbc;
	@Autowired DataSource dataSource;
	@Autowired TransactionTemplate transactions;

	@Test
	void theMigrationsRanAndOnPostgresTheSearchCanUseTheIndexOnTheCopies() throws Exception {
		assertThat(jdbc.sql("select success from flyway_schema_history where version in ('202612121100', '202612121400', '202612121410')")
			.query(Boolean.class).list()).containsExactly(true, true, true);
		String database;
		try (var connection = dataSource.getConnection()) {
			database = connection.getMetaData().getDatabaseProductName().toLowerCase();
		}
		if (!database.contains("postgres")) {
			assertThat(jdbc.sql("select count(*) from information_schema.indexes where lower(index_name) in (:names)")
				.param("names", List.of(SearchEntryIndex.INDEX, SearchEntryIndex.FORMER_INDEX)).query(Long.class).single()).isZero();
			return;
		}
		assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = :name").param("name", SearchEntryIndex.INDEX).query(String.class).single())
			.contains("chat_search_entry").contains("gin").contains("lower").contains("gin_trgm_ops");
		assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'chat_message' and indexdef like '%gin%'").query(Long.class).single())
			.as("no trigram index on what each post writes").isZero();
		// with a sequential scan ruled out, the planner answers the search's condition from the index
		List<String> plan = transactions.execute(status -> {
			jdbc.sql("set local enable_seqscan = off").update();
			return jdbc.sql("explain select e.message_id from chat_search_entry e where lower(e.body) like :pattern escape '\\'").param("pattern", "%wandertag%")
				.query(String.class).list();
		});
		assertThat(String.join("\n", plan)).contains(SearchEntryIndex.INDEX);
	}
}
