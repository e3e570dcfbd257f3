package de.schulhaus.chat.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 202612121410: on PostgreSQL a trigram index on the search's copy of the messages' text in lower case
 * (chat_search_entry, filled at night by {@link SearchIndexing}), which the search's {@code lower(e.body) like '%…%'}
 * ({@link MessageSearch}) uses instead of reading every message of the person's rooms. It replaces the index on
 * chat_message itself (migration 202612121100), dropped here: that one made every post wait for it, and now and then
 * for a merge of its pending entries. It needs the extension pg_trgm: made here if the database user may (a superuser,
 * or since PostgreSQL 13 the database's owner, pg_trgm being a trusted extension); where it may not, the search works,
 * slower, and the log says so. H2 has no such index, and the search does not need one there. In Java because only one
 * of the two databases gets it; the project keeps one migration folder for both.
 */
@Component
class SearchEntryIndex implements JavaMigration {

	static final String INDEX = "chat_search_entry_trgm";
	static final String FORMER_INDEX = "chat_message_body_trgm";
	private static final Logger log = LoggerFactory.getLogger(SearchEntryIndex.class);

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("202612121410");
	}

	@Override
	public String getDescription() {
		return "chat search trigram index on the search entries (PostgreSQL)";
	}

	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection db = context.getConnection();
		if (!db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
			return;
		}
		try (Statement sql = db.createStatement()) {
			sql.execute("drop index if exists " + FORMER_INDEX);
			// a refusal would abort the whole transaction: only this step is undone
			Savepoint before = db.setSavepoint();
			try {
				sql.execute("create extension if not exists pg_trgm");
				db.releaseSavepoint(before);
			} catch (SQLException refused) {
				db.rollback(before);
				log.warn("Chat search stays without its index: the extension pg_trgm could not be created ({}). "
						+ "Create it as a superuser (create extension pg_trgm) and then the index {} (see docs/operations.md).", refused.getMessage(), INDEX);
				return;
			}
			sql.execute("create index if not exists " + INDEX + " on chat_search_entry using gin (lower(body) gin_trgm_ops)");
		}
	}
}
