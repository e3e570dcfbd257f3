package de.schulhaus.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Turns a module's {@code timestamp} columns into {@code timestamp with time zone}, so that a point
 * in time is stored as such, whatever the default time zone of the JVM that writes or reads it: a
 * node in another zone, or one whose zone changed, reads the same instant. Values already stored
 * were written as wall-clock time of this JVM's zone and are converted from it. A module declares a
 * subclass as a bean with its tables; Spring Boot hands every {@link JavaMigration} bean to Flyway.
 */
public abstract class UtcTimestampMigration implements JavaMigration {

	private final String version;
	private final Map<String, List<String>> columnsByTable;

	protected UtcTimestampMigration(String version, Map<String, List<String>> columnsByTable) {
		this.version = version;
		// sorted: Map.of's order changes from one JVM to the next, and Flyway compares descriptions
		this.columnsByTable = new java.util.TreeMap<>(columnsByTable);
	}

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion(version);
	}

	@Override
	public String getDescription() {
		return "timestamps with time zone: " + String.join(", ", columnsByTable.keySet());
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
		boolean postgres = db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		String zone = ZoneId.systemDefault().getId().replace("'", "");
		try (Statement sql = db.createStatement()) {
			for (var table : columnsByTable.entrySet()) {
				for (String column : table.getValue()) {
					// H2 converts with the session's zone, which is the JVM's; PostgreSQL is told it
					sql.execute(postgres
							? "alter table " + table.getKey() + " alter column " + column + " type timestamp with time zone using " + column
									+ " at time zone '" + zone + "'"
							: "alter table " + table.getKey() + " alter column " + column + " set data type timestamp with time zone");
				}
			}
		}
	}
}
