package de.schulhaus.platform.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.Apps;
import de.schulhaus.platform.Role;

/** The {@code app_switched_off} table: which apps a school has switched off for which roles. */
@Repository
public class AppSwitchRepository {

	private final JdbcClient jdbc;
	private final NamedParameterJdbcOperations batches;

	AppSwitchRepository(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	public Set<Apps.Switch> switchedOff(UUID schoolId) {
		return Set.copyOf(jdbc.sql("select app_key, role from app_switched_off where school_id = :school")
			.param("school", schoolId)
			.query((rs, n) -> new Apps.Switch(rs.getString("app_key"), Role.valueOf(rs.getString("role"))))
			.list());
	}

	@Transactional
	public void replace(UUID schoolId, Set<Apps.Switch> off) {
		jdbc.sql("delete from app_switched_off where school_id = :school").param("school", schoolId).update();
		List<SqlParameterSource> rows = off.stream()
			.<SqlParameterSource>map(s -> new MapSqlParameterSource().addValue("school", schoolId).addValue("app", s.appKey())
				.addValue("role", s.role().name()))
			.toList();
		if (!rows.isEmpty()) {
			batches.batchUpdate("insert into app_switched_off (school_id, app_key, role) values (:school, :app, :role)",
					rows.toArray(SqlParameterSource[]::new));
		}
	}
}
