package de.schulhaus.contacts.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** What pupils see in the school's directory, as the school's admins decided (their own groups unless they chose otherwise). */
@Service
public class DirectoryPolicy {

	private final JdbcClient jdbc;
	private final AuditLog audit;

	DirectoryPolicy(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public PupilDirectory of(UUID school) {
		return jdbc.sql("select pupils_see from contact_directory_policy where school_id = :school").param("school", school).query(String.class)
			.optional().flatMap(PupilDirectory::of).orElse(PupilDirectory.GROUPS);
	}

	/** School admins decide for their school. */
	@Transactional
	public void set(SchulhausUser admin, PupilDirectory value) {
		if (admin.role() != Role.SCHOOL_ADMIN || admin.schoolId() == null) {
			throw new NotFoundException("setting");
		}
		UUID school = admin.schoolId();
		int updated = jdbc.sql("update contact_directory_policy set pupils_see = :value, updated_at = :now where school_id = :school")
			.param("value", value.column()).param("now", ContactCards.utc(Instant.now())).param("school", school).update();
		if (updated == 0) {
			jdbc.sql("insert into contact_directory_policy (school_id, pupils_see, updated_at) values (:school, :value, :now)")
				.param("value", value.column()).param("now", ContactCards.utc(Instant.now())).param("school", school).update();
		}
		audit.record(admin, "contacts.directory.pupils", "school:" + school, "pupils see: " + value.column());
	}
}
