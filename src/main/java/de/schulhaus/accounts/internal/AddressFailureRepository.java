package de.schulhaus.accounts.internal;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Failed sign-ins per network address, counted in a window that starts with the address's first
 * failure, in one row per address that every node reads and writes.
 */
@Repository
public class AddressFailureRepository {

	private final JdbcClient jdbc;

	AddressFailureRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The address's failures in the window that began after {@code windowStart}; 0 if none. */
	public int failuresSince(String address, Instant windowStart) {
		return jdbc.sql("select failures from sign_in_address_failure where address = :address and since >= :start")
			.param("address", address)
			.param("start", Timestamp.from(windowStart))
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/** Counts one failure; a window that began before {@code windowStart} starts again at one. */
	public void record(String address, Instant now, Instant windowStart) {
		if (increment(address, now, windowStart) > 0) {
			return;
		}
		try {
			jdbc.sql("insert into sign_in_address_failure (address, failures, since) values (:address, 1, :now)")
				.param("address", address)
				.param("now", Timestamp.from(now))
				.update();
		}
		catch (DuplicateKeyException raced) {
			// another node inserted the row between our update and insert: count on it
			increment(address, now, windowStart);
		}
	}

	private int increment(String address, Instant now, Instant windowStart) {
		return jdbc.sql("""
				update sign_in_address_failure set
				  failures = case when since < :start then 1 else failures + 1 end,
				  since = case when since < :start then :now else since end
				where address = :address""")
			.param("start", Timestamp.from(windowStart))
			.param("now", Timestamp.from(now))
			.param("address", address)
			.update();
	}

	/** Forgets addresses whose window has ended. */
	public int deleteOlderThan(Instant windowStart) {
		return jdbc.sql("delete from sign_in_address_failure where since < :start")
			.param("start", Timestamp.from(windowStart))
			.update();
	}
}
