package de.schulhaus.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.Membership;
import de.schulhaus.platform.BatchStatements;

/** Groups and memberships of one school; every query takes the school id. */
@Repository
public class GroupRepository {

	private static final String SELECT = "select g.id, g.school_id, g.name, g.kind, g.description, g.source, g.archived_at, "
			+ "(select count(*) from group_membership m where m.group_id = g.id) as members from school_group g ";

	private final JdbcClient jdbc;
	private final BatchStatements batches;

	GroupRepository(JdbcClient jdbc, BatchStatements batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	public void insert(UUID id, UUID schoolId, String name, GroupKind kind, String description, AccountSource source, String sourceId) {
		jdbc.sql("insert into school_group (id, school_id, name, kind, description, source, source_id, created_at) "
				+ "values (:id, :school, :name, :kind, :description, :source, :sourceId, :created)")
			.param("id", id).param("school", schoolId).param("name", name).param("kind", kind.name())
			.param("description", description).param("source", source.name()).param("sourceId", sourceId)
			.param("created", Timestamp.from(Instant.now())).update();
	}

	/** A roster group's new name, found by its id in the source (05A is 06A after the summer). */
	public record SourceGroupName(String sourceId, String name, String description) {
	}

	public void renameBySource(UUID schoolId, AccountSource source, List<SourceGroupName> renames) {
		batches.run("update school_group set name = :name, description = :description "
				+ "where school_id = :school and source = :source and source_id = :sourceId",
				renames.stream()
					.map(r -> new MapSqlParameterSource("name", r.name()).addValue("description", r.description())
						.addValue("school", schoolId).addValue("source", source.name()).addValue("sourceId", r.sourceId()))
					.toList());
	}

	public Optional<Group> find(UUID schoolId, UUID id) {
		return jdbc.sql(SELECT + "where g.id = :id and g.school_id = :school").param("id", id).param("school", schoolId)
			.query(GroupRepository::map).optional();
	}

	public Optional<Group> findByName(UUID schoolId, String name) {
		return jdbc.sql(SELECT + "where g.school_id = :school and lower(g.name) = :name order by g.created_at limit 1")
			.param("school", schoolId).param("name", name.toLowerCase()).query(GroupRepository::map).optional();
	}

	public List<Group> list(UUID schoolId) {
		return jdbc.sql(SELECT + "where g.school_id = :school order by g.kind, g.name").param("school", schoolId)
			.query(GroupRepository::map).list();
	}

	/** Source id to group id of one import source. */
	public java.util.Map<String, UUID> idsBySource(UUID schoolId, AccountSource source) {
		java.util.Map<String, UUID> ids = new java.util.HashMap<>();
		jdbc.sql("select source_id, id from school_group where school_id = :school and source = :source")
			.param("school", schoolId).param("source", source.name())
			.query((ResultSet rs) -> {
				ids.put(rs.getString(1), rs.getObject(2, UUID.class));
			});
		return ids;
	}

	/** Archives ({@code at}) or brings back (null) a group; false if the group was in that state already. */
	public boolean setArchived(UUID schoolId, UUID id, java.time.Instant at) {
		return jdbc.sql("update school_group set archived_at = :at where id = :id and school_id = :school and "
				+ (at == null ? "archived_at is not null" : "archived_at is null"))
			.param("at", at == null ? null : java.sql.Timestamp.from(at)).param("id", id).param("school", schoolId).update() == 1;
	}

	public void delete(UUID schoolId, UUID id) {
		jdbc.sql("delete from school_group where id = :id and school_id = :school").param("id", id).param("school", schoolId).update();
	}

	public void addMember(UUID schoolId, UUID groupId, UUID accountId, boolean leader) {
		setMembers(schoolId, List.of(new MemberRow(groupId, accountId, leader)));
	}

	public void removeMember(UUID schoolId, UUID groupId, UUID accountId) {
		removeMembers(schoolId, List.of(new MemberRow(groupId, accountId, false)));
	}

	/** One person in one group; a leader leads the group (class teacher, course teacher). */
	public record MemberRow(UUID groupId, UUID accountId, boolean leader) {
	}

	/** Makes these people members, or changes whether they lead: in batches, not a statement per person. */
	public void setMembers(UUID schoolId, List<MemberRow> rows) {
		int[] updated = batches.run("update group_membership set leader = :leader "
				+ "where group_id = :g and account_id = :a and school_id = :school", params(schoolId, rows));
		List<MemberRow> missing = new java.util.ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			if (updated[i] == 0) {
				missing.add(rows.get(i));
			}
		}
		addNewMembers(schoolId, missing);
	}

	/** Members that cannot be members yet (their accounts were just created). */
	public void addNewMembers(UUID schoolId, List<MemberRow> rows) {
		batches.run("insert into group_membership (group_id, account_id, school_id, leader) values (:g, :a, :school, :leader)",
				params(schoolId, rows));
	}

	public void removeMembers(UUID schoolId, List<MemberRow> rows) {
		batches.run("delete from group_membership where group_id = :g and account_id = :a and school_id = :school",
				params(schoolId, rows));
	}

	private static List<MapSqlParameterSource> params(UUID schoolId, List<MemberRow> rows) {
		return rows.stream()
			.map(r -> new MapSqlParameterSource("g", r.groupId()).addValue("a", r.accountId()).addValue("school", schoolId)
				.addValue("leader", r.leader()))
			.toList();
	}

	public List<Membership> members(UUID schoolId, UUID groupId) {
		return jdbc.sql("select m.group_id, g.name, a.id, a.first_name, a.last_name, a.login, m.leader from group_membership m "
				+ "join school_group g on g.id = m.group_id join account a on a.id = m.account_id "
				+ "where m.group_id = :g and m.school_id = :school order by m.leader desc, a.last_name, a.first_name")
			.param("g", groupId).param("school", schoolId).query(GroupRepository::mapMembership).list();
	}

	public List<Membership> membershipsOf(UUID schoolId, UUID accountId) {
		return jdbc.sql("select m.group_id, g.name, a.id, a.first_name, a.last_name, a.login, m.leader from group_membership m "
				+ "join school_group g on g.id = m.group_id join account a on a.id = m.account_id "
				+ "where m.account_id = :a and m.school_id = :school order by g.kind, g.name")
			.param("a", accountId).param("school", schoolId).query(GroupRepository::mapMembership).list();
	}

	/** The person's groups with kind, archived flag and leadership, by kind and name, in one query. */
	public List<de.schulhaus.accounts.PersonGroup> groupsOfPerson(UUID schoolId, UUID accountId) {
		return jdbc.sql("select g.id, g.name, g.kind, g.archived_at, m.leader from group_membership m join school_group g on g.id = m.group_id "
				+ "where m.account_id = :a and m.school_id = :school and g.school_id = :school order by g.kind, g.name")
			.param("a", accountId).param("school", schoolId)
			.query((rs, n) -> new de.schulhaus.accounts.PersonGroup(rs.getObject(1, UUID.class), rs.getString(2), GroupKind.valueOf(rs.getString(3)),
					rs.getObject(4) != null, rs.getBoolean(5)))
			.list();
	}

	/** Every membership of the school, in one query: directories and address books of thousands need no query per person. */
	public List<Membership> membershipsOfSchool(UUID schoolId) {
		return jdbc.sql("select m.group_id, g.name, a.id, a.first_name, a.last_name, a.login, m.leader from group_membership m "
				+ "join school_group g on g.id = m.group_id join account a on a.id = m.account_id "
				+ "where m.school_id = :school order by g.name, a.last_name, a.first_name")
			.param("school", schoolId).query(GroupRepository::mapMembership).list();
	}

	/** Each person's first class (else first group) by name, in one query for letters and lists. */
	public java.util.Map<UUID, String> mainGroupNames(UUID schoolId) {
		java.util.Map<UUID, String> names = new java.util.HashMap<>();
		jdbc.sql("select m.account_id, g.name from group_membership m join school_group g on g.id = m.group_id "
				+ "where m.school_id = :school order by case when g.kind = 'CLASS' then 0 else 1 end, g.name")
			.param("school", schoolId)
			.query((ResultSet rs) -> {
				names.putIfAbsent(rs.getObject(1, UUID.class), rs.getString(2));
			});
		return names;
	}

	/** All memberships of the given source's groups in a school: account id to group ids. */
	public List<UUID[]> membershipsOfSource(UUID schoolId, AccountSource source) {
		return jdbc.sql("select m.account_id, m.group_id from group_membership m join school_group g on g.id = m.group_id "
				+ "where g.school_id = :school and g.source = :source")
			.param("school", schoolId).param("source", source.name())
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) }).list();
	}

	private static Group map(ResultSet rs, int row) throws SQLException {
		return new Group(rs.getObject("id", UUID.class), rs.getObject("school_id", UUID.class), rs.getString("name"),
				GroupKind.valueOf(rs.getString("kind")), rs.getString("description"),
				AccountSource.valueOf(rs.getString("source")), rs.getLong("members"),
				rs.getTimestamp("archived_at") == null ? null : rs.getTimestamp("archived_at").toInstant());
	}

	private static Membership mapMembership(ResultSet rs, int row) throws SQLException {
		return new Membership(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
				rs.getString(4) + " " + rs.getString(5), rs.getString(6), rs.getBoolean(7));
	}
}
