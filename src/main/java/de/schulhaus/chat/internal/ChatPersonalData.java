package de.schulhaus.chat.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import de.schulhaus.platform.SchulhausUser;

/**
 * The messages a person wrote, with their room and time, in the data export; erasure deletes them,
 * the person's read markers, memberships of chats, mutes and reports (a group chat they led is led on
 * by its longest member). The room's other messages keep their numbers (a gap does no harm:
 * clients ask for what comes after the last number they saw).
 */
@Component
class ChatPersonalData implements PersonalDataProvider {

	private final JdbcClient jdbc;
	private final RoomMembers members;

	ChatPersonalData(JdbcClient jdbc, RoomMembers members) {
		this.jdbc = jdbc;
		this.members = members;
	}

	@Override
	public String section() {
		return "chat";
	}

	@Override
	public String titleKey() {
		return "chat.personalData.section";
	}

	@Override
	public int order() {
		return 140;
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		if (person.schoolId() == null) {
			return;
		}
		List<Map<String, Object>> written = jdbc.sql("select case when r.kind = 'DIRECT' then 'Direktchat' else r.name end as room, m.seq, m.created_at, m.body from chat_message m "
				+ "join chat_room r on r.id = m.room_id where m.school_id = :school and m.author_id = :author order by r.name, m.seq")
			.param("school", person.schoolId()).param("author", person.accountId())
			.query((rs, n) -> Map.<String, Object>of("room", rs.getString("room"), "seq", rs.getLong("seq"),
					"createdAt", rs.getTimestamp("created_at").toInstant().toString(), "text", rs.getString("body")))
			.list();
		export.json("nachrichten.json", PersonalDataProvider.text("chat.personalData.messages"), written);
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		if (person.schoolId() == null) {
			return new Erasure(List.of(), List.of());
		}
		int messages = jdbc.sql("delete from chat_message where school_id = :school and author_id = :author")
			.param("school", person.schoolId()).param("author", person.accountId()).update();
		List<java.util.UUID> led = jdbc.sql("select room_id from chat_member where school_id = :school and account_id = :account and role = 'starter'")
			.param("school", person.schoolId()).param("account", person.accountId()).query(java.util.UUID.class).list();
		for (String table : List.of("chat_read", "chat_member", "chat_mute", "chat_silenced", "chat_reaction", "chat_mention", "chat_digest_off")) {
			jdbc.sql("delete from " + table + " where school_id = :school and account_id = :account")
				.param("school", person.schoolId()).param("account", person.accountId()).update();
		}
		jdbc.sql("delete from chat_report where school_id = :school and reporter_id = :account")
			.param("school", person.schoolId()).param("account", person.accountId()).update();
		// the group chats they led are led on by their longest member
		led.forEach(room -> members.handOver(person.schoolId(), room));
		return new Erasure(List.of(PersonalDataProvider.text("chat.personalData.erased", messages)), List.of());
	}
}
