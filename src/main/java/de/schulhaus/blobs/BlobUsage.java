package de.schulhaus.blobs;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Bytes stored per school (summed from the rows) and per account or group space (from the ledger): what quotas read. */
@Service
public class BlobUsage {

	private final JdbcClient jdbc;
	private final StorageLedger ledger;

	BlobUsage(JdbcClient jdbc, StorageLedger ledger) {
		this.jdbc = jdbc;
		this.ledger = ledger;
	}

	/** Everything the school's blobs take, its spaces included. */
	public long bytesUsed(UUID schoolId) {
		return jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob where school_id = :school")
			.param("school", schoolId).query(Long.class).single();
	}

	/** What counts against exactly this owner: a space, or the school's own content outside any space. */
	public long bytesUsed(BlobOwner owner) {
		if (owner.schoolId() == null) {
			return jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob where school_id is null").query(Long.class).single();
		}
		if (owner.kind() == null) {
			return jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob where school_id = :school and owner_kind is null")
				.param("school", owner.schoolId()).query(Long.class).single();
		}
		return ledger.bytes(owner);
	}

	/** The usage of many personal spaces at once, for a list of people; missing ones use nothing. */
	public Map<UUID, Long> bytesUsedByAccounts(UUID schoolId, Collection<UUID> accountIds) {
		return ledger.bytes(schoolId, BlobOwner.Kind.ACCOUNT, accountIds);
	}
}
