package de.schulhaus.mail.imap;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.mail.internal.Flags;
import de.schulhaus.mail.internal.MailFolder;

/**
 * What IMAP reads of a folder beside the message store: the UID list of a selection, the changes since a
 * modification sequence, counts for STATUS and searches. Each is one query for the whole folder.
 */
@Component
class ImapMessages {

	private final JdbcClient jdbc;

	ImapMessages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A message's UID, modification sequence and flags. */
	record State(long uid, long modseq, Flags flags) {
	}

	/** What changed in a folder: messages changed or added, UIDs expunged, and the latest modseq among them. */
	record Changes(List<State> changed, List<Long> expunged, long highestModseq) {
	}

	record Counts(long messages, long unseen) {
	}

	/** UIDs and modseqs of the folder, in UID order. */
	List<long[]> index(MailFolder folder) {
		return jdbc.sql("select uid, modseq from mail_message where folder_id = :folder and school_id = :school order by uid")
			.param("folder", folder.id()).param("school", folder.schoolId())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
	}

	Changes since(MailFolder folder, long modseq) {
		List<State> changed = jdbc.sql("select uid, modseq, seen, answered, flagged, deleted, draft, keywords from mail_message "
				+ "where folder_id = :folder and school_id = :school and modseq > :modseq order by uid")
			.param("folder", folder.id()).param("school", folder.schoolId()).param("modseq", modseq).query(ImapMessages::state).list();
		List<long[]> gone = jdbc.sql("select e.uid, e.modseq from mail_expunged e join mail_folder f on f.id = e.folder_id "
				+ "where e.folder_id = :folder and f.school_id = :school and e.modseq > :modseq order by e.uid")
			.param("folder", folder.id()).param("school", folder.schoolId()).param("modseq", modseq)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
		long highest = modseq;
		for (State state : changed) {
			highest = Math.max(highest, state.modseq());
		}
		List<Long> expunged = new ArrayList<>();
		for (long[] row : gone) {
			highest = Math.max(highest, row[1]);
			expunged.add(row[0]);
		}
		return new Changes(changed, expunged, highest);
	}

	/** The lowest UID of an unseen message, for SELECT's {@code [UNSEEN n]}. */
	java.util.Optional<Long> firstUnseen(MailFolder folder) {
		return jdbc.sql("select min(uid) from mail_message where folder_id = :folder and school_id = :school and seen = false")
			.param("folder", folder.id()).param("school", folder.schoolId()).query(Long.class).optional();
	}

	Counts counts(MailFolder folder) {
		return jdbc.sql("select count(*), coalesce(sum(case when seen then 0 else 1 end), 0) from mail_message "
				+ "where folder_id = :folder and school_id = :school")
			.param("folder", folder.id()).param("school", folder.schoolId())
			.query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
	}

	/** The UIDs of the folder's messages that meet the condition, in order, and the highest modseq among them. */
	List<long[]> search(MailFolder folder, SearchCondition condition) {
		Map<String, Object> parameters = new java.util.HashMap<>(condition.parameters());
		parameters.put("folder", folder.id());
		parameters.put("school", folder.schoolId());
		return jdbc.sql("select uid, modseq from mail_message where folder_id = :folder and school_id = :school and (" + condition.sql()
				+ ") order by uid")
			.params(parameters).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
	}

	private static State state(ResultSet rs, int row) throws SQLException {
		String keywords = rs.getString(8);
		Flags flags = new Flags(rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7),
				keywords == null ? java.util.Set.of() : new LinkedHashSet<>(Arrays.stream(keywords.split(" ")).filter(k -> !k.isEmpty()).toList()));
		return new State(rs.getLong(1), rs.getLong(2), flags);
	}
}
