package de.schulhaus.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 202611301011, between {@code V202611301010__platform_audit_chain.sql} (new columns,
 * head at the empty chain) and {@code V202611301012__platform_audit_chain_complete.sql} (columns
 * required): chains the entries written before there was a chain, oldest first (by time, then id),
 * and gives those with an address its commitment. In Java because the hash is; in the migration so
 * that it runs once, before any node appends, under Flyway's lock. Spring Boot hands every
 * {@link JavaMigration} bean to Flyway.
 */
@Component
class AuditChainBackfill implements JavaMigration {

	private static final int BATCH = 500;

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("202611301011");
	}

	@Override
	public String getDescription() {
		return "platform audit chain backfill";
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
		long seq;
		String hash;
		try (var head = db.createStatement().executeQuery("select last_seq, last_hash from audit_chain_head where id = 1")) {
			head.next();
			seq = head.getLong(1);
			hash = head.getString(2);
		}
		try (PreparedStatement unchained = db.prepareStatement("select id, occurred_at, school_id, actor_id, actor_login, action, "
				+ "target, details, ip from audit_event where seq is null order by occurred_at, id limit " + BATCH);
				PreparedStatement chain = db.prepareStatement("update audit_event set seq = ?, prev_hash = ?, hash = ?, "
						+ "ip_salt = ?, ip_commitment = ? where id = ?")) {
			int rows;
			do {
				rows = 0;
				try (ResultSet rs = unchained.executeQuery()) {
					while (rs.next()) {
						String address = rs.getString("ip");
						String salt = address == null ? null : AuditEntry.newSalt();
						AuditEntry entry = new AuditEntry(AuditRepository.instant(rs, "occurred_at"),
								rs.getObject("school_id", UUID.class), rs.getObject("actor_id", UUID.class), rs.getString("actor_login"),
								rs.getString("action"), rs.getString("target"), rs.getString("details"),
								address == null ? null : AuditEntry.addressCommitment(salt, address));
						String entryHash = entry.hash(hash);
						chain.setLong(1, ++seq);
						chain.setString(2, hash);
						chain.setString(3, entryHash);
						chain.setString(4, salt);
						chain.setString(5, entry.addressCommitment());
						chain.setObject(6, rs.getObject("id", UUID.class));
						chain.addBatch();
						hash = entryHash;
						rows++;
					}
				}
				chain.executeBatch();
			}
			while (rows == BATCH);
		}
		try (PreparedStatement head = db.prepareStatement("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1")) {
			head.setLong(1, seq);
			head.setString(2, hash);
			head.executeUpdate();
		}
	}
}
