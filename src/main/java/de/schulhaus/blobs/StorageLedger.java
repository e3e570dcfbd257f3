package de.schulhaus.blobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.BatchStatements;

/** The usage of each space, one row each, changed only in the transactions that attach or delete its blobs. */
@Component
class StorageLedger {

	private final JdbcClient jdbc;
	private final BatchStatements batches;

	StorageLedger(JdbcClient jdbc, BatchStatements batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Adds {@code bytes} to the space if the sum stays within {@code limit} (negative: no limit); one
	 * update, so concurrent uploads to one space are counted one after the other. The space's row
	 * exists but for its first upload: the insert is tried only when the update found no row or no room.
	 */
	boolean tryAdd(BlobOwner owner, long bytes, long limit) {
		if (owner.kind() == null) {
			return true;
		}
		if (add(owner, bytes, limit)) {
			return true;
		}
		// no row, or no room: once the row exists (made here or by a concurrent first upload), the update decides
		jdbc.sql("insert into storage_usage (school_id, owner_kind, owner_id, bytes) values (:school, :kind, :owner, 0) "
				+ "on conflict do nothing")
			.param("school", owner.schoolId()).param("kind", owner.kind().column()).param("owner", owner.ownerId()).update();
		return add(owner, bytes, limit);
	}

	/**
	 * {@link #tryAdd} for several contents in one round trip, one after the other as listed, without making a missing row:
	 * false for what found no row or no room (the caller then goes the single way, which makes the row or refuses).
	 */
	boolean[] tryAddAll(List<BlobOwner> owners, long[] bytes, long[] limits) {
		boolean[] added = new boolean[owners.size()];
		List<MapSqlParameterSource> rows = new ArrayList<>();
		List<Integer> counted = new ArrayList<>();
		for (int i = 0; i < owners.size(); i++) {
			BlobOwner owner = owners.get(i);
			if (owner.kind() == null) {
				added[i] = true;
				continue;
			}
			counted.add(i);
			rows.add(new MapSqlParameterSource().addValue("bytes", bytes[i]).addValue("limit", limits[i]).addValue("school", owner.schoolId())
				.addValue("kind", owner.kind().column()).addValue("owner", owner.ownerId()));
		}
		if (!rows.isEmpty()) {
			int[] counts = batches.run(ADD, rows);
			for (int k = 0; k < counts.length; k++) {
				added[counted.get(k)] = counts[k] == 1;
			}
		}
		return added;
	}

	private static final String ADD = """
			update storage_usage set bytes = bytes + :bytes
			where school_id = :school and owner_kind = :kind and owner_id = :owner and (:limit < 0 or bytes + :bytes <= :limit)""";

	private boolean add(BlobOwner owner, long bytes, long limit) {
		return jdbc.sql(ADD)
			.param("bytes", bytes).param("limit", limit)
			.param("school", owner.schoolId()).param("kind", owner.kind().column()).param("owner", owner.ownerId())
			.update() == 1;
	}

	void remove(BlobOwner owner, long bytes) {
		if (owner.kind() != null) {
			jdbc.sql("update storage_usage set bytes = bytes - :bytes where school_id = :school and owner_kind = :kind and owner_id = :owner")
				.param("bytes", bytes).param("school", owner.schoolId()).param("kind", owner.kind().column()).param("owner", owner.ownerId())
				.update();
		}
	}

	long bytes(BlobOwner owner) {
		return jdbc.sql("select bytes from storage_usage where school_id = :school and owner_kind = :kind and owner_id = :owner")
			.param("school", owner.schoolId()).param("kind", owner.kind().column()).param("owner", owner.ownerId())
			.query(Long.class).optional().orElse(0L);
	}

	/** The usage of many spaces of one kind in one query (a page of people). */
	Map<UUID, Long> bytes(UUID schoolId, BlobOwner.Kind kind, Collection<UUID> owners) {
		Map<UUID, Long> used = new HashMap<>();
		if (!owners.isEmpty()) {
			jdbc.sql("select owner_id, bytes from storage_usage where school_id = :school and owner_kind = :kind and owner_id in (:owners)")
				.param("school", schoolId).param("kind", kind.column()).param("owners", owners)
				.query((java.sql.ResultSet rs) -> {
					used.put(rs.getObject(1, UUID.class), rs.getLong(2));
				});
		}
		return used;
	}
}
