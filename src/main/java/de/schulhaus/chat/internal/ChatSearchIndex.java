package de.schulhaus.chat.internal;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 202612121100, kept so that databases that ran it still find it: it made a trigram index on
 * chat_message's text, which made every post wait for the index too. The search's index is on its own table now
 * ({@link SearchEntryIndex}, which drops that one); on a new database this step makes nothing.
 */
@Component
class ChatSearchIndex implements JavaMigration {

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("202612121100");
	}

	@Override
	public String getDescription() {
		return "chat search trigram index (PostgreSQL)";
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
	public void migrate(Context context) {
		// superseded by 202612121410
	}
}
