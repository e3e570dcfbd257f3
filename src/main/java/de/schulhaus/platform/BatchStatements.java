package de.schulhaus.platform;

import java.util.List;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * One statement for many rows in few round trips (JdbcClient has no batches): imports of thousands
 * of people, flag changes on thousands of messages. Runs inside the caller's transaction.
 */
@Component
public class BatchStatements {

	private static final int ROWS_PER_BATCH = 500;

	private final NamedParameterJdbcOperations jdbc;

	public BatchStatements(NamedParameterJdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/** The rows each statement changed, in the order given. */
	public int[] run(String sql, List<? extends SqlParameterSource> rows) {
		int[] counts = new int[rows.size()];
		for (int from = 0; from < rows.size(); from += ROWS_PER_BATCH) {
			List<? extends SqlParameterSource> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_BATCH));
			int[] done = jdbc.batchUpdate(sql, chunk.toArray(SqlParameterSource[]::new));
			System.arraycopy(done, 0, counts, from, done.length);
		}
		return counts;
	}
}
