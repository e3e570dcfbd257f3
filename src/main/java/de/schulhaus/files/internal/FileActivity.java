package de.schulhaus.files.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.platform.BatchStatements;
import de.schulhaus.platform.Ids;

/**
 * The {@code file_activity} rows: one per change, recorded in the change's own transaction, and shown
 * grouped: the same person doing the same thing in the same space within a quarter of an hour is one
 * line ("hat 3 Dateien hochgeladen").
 */
@Repository
class FileActivity {

	private static final Duration GROUPED_WITHIN = Duration.ofMinutes(15);

	private final JdbcClient jdbc;
	private final BatchStatements batches;

	FileActivity(JdbcClient jdbc, BatchStatements batches) {
		this.batches = batches;
		this.jdbc = jdbc;
	}

	/** What people do to files; the message keys are {@code files.activity.<action>}. */
	enum Action {
		UPLOADED, UPDATED, CREATED_FOLDER, DELETED, RESTORED, MOVED, COPIED, SHARED;

		String column() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		static Action of(String column) {
			return valueOf(column.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
	}

	/** One line of the list: who did what how often, the first item's name, in which space, when last. */
	record Line(UUID spaceId, UUID actorId, Action action, String name, int count, Instant at) {
	}

	void record(Space space, Action action, String name) {
		// Finder writes a "._name" beside each file: those would bury what people did
		if (SystemFiles.hidden(name)) {
			return;
		}
		jdbc.sql(INSERT)
			.param("id", Ids.newId()).param("school", space.schoolId()).param("space", space.id()).param("actor", space.viewer())
			.param("action", action.column()).param("name", name).param("at", FileNodes.time(Instant.now()))
			.update();
	}

	/** {@link #record} for several files at once, one round trip. */
	void recordAll(List<Space> spaces, Action action, List<String> names) {
		List<MapSqlParameterSource> rows = new ArrayList<>();
		OffsetDateTime at = FileNodes.time(Instant.now());
		for (int i = 0; i < names.size(); i++) {
			if (!SystemFiles.hidden(names.get(i))) {
				Space space = spaces.get(i);
				rows.add(new MapSqlParameterSource().addValue("id", Ids.newId()).addValue("school", space.schoolId()).addValue("space", space.id())
					.addValue("actor", space.viewer()).addValue("action", action.column()).addValue("name", names.get(i)).addValue("at", at));
			}
		}
		if (!rows.isEmpty()) {
			batches.run(INSERT, rows);
		}
	}

	private static final String INSERT = "insert into file_activity (id, school_id, space_id, actor_id, action, name, at) "
			+ "values (:id, :school, :space, :actor, :action, :name, :at)";

	/** The newest lines of these spaces, grouped; reads at most {@code limit * 20} rows. */
	List<Line> recent(UUID school, Collection<UUID> spaces, int limit) {
		if (spaces.isEmpty()) {
			return List.of();
		}
		List<Line> lines = new ArrayList<>();
		Map<String, Integer> open = new HashMap<>();
		jdbc.sql("select space_id, actor_id, action, name, at from file_activity where school_id = :school and space_id in (:spaces) "
				+ "order by at desc limit " + (limit * 20))
			.param("school", school).param("spaces", spaces)
			.query((java.sql.ResultSet rs) -> {
				UUID space = rs.getObject(1, UUID.class);
				UUID actor = rs.getObject(2, UUID.class);
				Action action = Action.of(rs.getString(3));
				String name = rs.getString(4);
				if (SystemFiles.hidden(name)) {
					return;
				}
				Instant at = rs.getObject(5, OffsetDateTime.class).toInstant();
				String group = space + "/" + actor + "/" + action;
				Integer index = open.get(group);
				if (index != null && Duration.between(at, lines.get(index).at()).compareTo(GROUPED_WITHIN) <= 0) {
					Line line = lines.get(index);
					lines.set(index, new Line(space, actor, action, line.name(), line.count() + 1, line.at()));
					return;
				}
				if (lines.size() < limit) {
					open.put(group, lines.size());
					lines.add(new Line(space, actor, action, name, 1, at));
				}
			});
		return lines;
	}

	/** Forgets what is older than the cutoff. */
	int forgetBefore(Instant cutoff) {
		return jdbc.sql("delete from file_activity where at < :cutoff").param("cutoff", FileNodes.time(cutoff)).update();
	}
}
