package de.schulhaus.schools.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.schools.Quotas;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolStatus;
import de.schulhaus.schools.SchoolType;

/** The school table. Schools are the tenants themselves, so there is no school_id filter here. */
@Repository
public class SchoolRepository {

	private static final String COLUMNS = "id, name, school_number, school_type, mail_domain, status, "
			+ "teacher_files_quota_mb, teacher_mail_quota_mb, pupil_files_quota_mb, pupil_mail_quota_mb, staff_files_quota_mb, "
			+ "staff_mail_quota_mb, admin_files_quota_mb, admin_mail_quota_mb, group_files_quota_mb, "
			+ "school_files_quota_mb, office_files_quota_mb, created_at";

	private final JdbcClient jdbc;

	SchoolRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(School school) {
		jdbc.sql("insert into school (" + COLUMNS + ") values (:id, :name, :number, :type, :domain, :status, :tf, :tm, :pf, :pm, :sf, :sm, :af, :am, :gf, "
				+ ":sg, :og, :created)")
			.param("id", school.id())
			.param("name", school.name())
			.param("number", school.schoolNumber())
			.param("type", school.type().name())
			.param("domain", school.mailDomain())
			.param("status", school.status().name())
			.param("tf", school.quotas().teacherFilesMb())
			.param("tm", school.quotas().teacherMailMb())
			.param("pf", school.quotas().pupilFilesMb())
			.param("pm", school.quotas().pupilMailMb())
			.param("sf", school.quotas().staffFilesMb())
			.param("sm", school.quotas().staffMailMb())
			.param("af", school.quotas().adminFilesMb())
			.param("am", school.quotas().adminMailMb())
			.param("gf", school.quotas().groupFilesMb())
			.param("sg", school.quotas().schoolFilesMb())
			.param("og", school.quotas().officeFilesMb())
			.param("created", Timestamp.from(school.createdAt()))
			.update();
	}

	public Optional<School> findById(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from school where id = :id").param("id", id).query(SchoolRepository::map).optional();
	}

	public Optional<School> findByNumber(String number) {
		return jdbc.sql("select " + COLUMNS + " from school where school_number = :n").param("n", number).query(SchoolRepository::map).optional();
	}

	public Optional<School> findByMailDomain(String domain) {
		return jdbc.sql("select " + COLUMNS + " from school where mail_domain = :d").param("d", domain).query(SchoolRepository::map).optional();
	}

	public boolean domainTaken(String domain) {
		return jdbc.sql("select count(*) from school where mail_domain = :d").param("d", domain).query(Long.class).single() > 0;
	}

	public List<School> findAll() {
		return jdbc.sql("select " + COLUMNS + " from school order by name").query(SchoolRepository::map).list();
	}

	public void updateStatus(UUID id, SchoolStatus status) {
		jdbc.sql("update school set status = :s where id = :id").param("s", status.name()).param("id", id).update();
	}

	public void updateQuotas(UUID id, Quotas q) {
		jdbc.sql("""
				update school set teacher_files_quota_mb = :tf, teacher_mail_quota_mb = :tm, pupil_files_quota_mb = :pf,
				  pupil_mail_quota_mb = :pm, staff_files_quota_mb = :sf, staff_mail_quota_mb = :sm, admin_files_quota_mb = :af,
				  admin_mail_quota_mb = :am, group_files_quota_mb = :gf, school_files_quota_mb = :sg, office_files_quota_mb = :og
				where id = :id""")
			.param("tf", q.teacherFilesMb()).param("tm", q.teacherMailMb()).param("pf", q.pupilFilesMb()).param("pm", q.pupilMailMb())
			.param("sf", q.staffFilesMb()).param("sm", q.staffMailMb()).param("af", q.adminFilesMb()).param("am", q.adminMailMb())
			.param("gf", q.groupFilesMb()).param("sg", q.schoolFilesMb()).param("og", q.officeFilesMb()).param("id", id).update();
	}

	private static School map(ResultSet rs, int row) throws SQLException {
		return new School(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("school_number"),
				SchoolType.valueOf(rs.getString("school_type")), rs.getString("mail_domain"),
				SchoolStatus.valueOf(rs.getString("status")),
				new Quotas(rs.getLong("teacher_files_quota_mb"), rs.getLong("teacher_mail_quota_mb"),
						rs.getLong("pupil_files_quota_mb"), rs.getLong("pupil_mail_quota_mb"), rs.getLong("staff_files_quota_mb"),
						rs.getLong("staff_mail_quota_mb"), rs.getLong("admin_files_quota_mb"), rs.getLong("admin_mail_quota_mb"),
						rs.getLong("group_files_quota_mb"), rs.getLong("school_files_quota_mb"), rs.getLong("office_files_quota_mb")),
				rs.getTimestamp("created_at").toInstant());
	}
}
