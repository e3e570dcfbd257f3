package de.schulhaus.calendar.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import de.schulhaus.platform.SchulhausUser;

/**
 * Art. 15 and 17 for calendars: the person's own calendars with every event as the iCalendar data it
 * was stored as; erasure deletes them. Events the person wrote into a group's or the school's calendar
 * belong to that calendar and stay.
 */
@Component
class CalendarPersonalData implements PersonalDataProvider {

	private final JdbcClient jdbc;
	private final CalendarRemoval removal;

	CalendarPersonalData(JdbcClient jdbc, CalendarRemoval removal) {
		this.jdbc = jdbc;
		this.removal = removal;
	}

	@Override
	public String section() {
		return "kalender";
	}

	@Override
	public String titleKey() {
		return "calendar.personalData.section";
	}

	@Override
	public int order() {
		return 110;
	}

	record ExportedCalendar(String name, String slug, String color, String description, Instant created, List<ExportedEvent> events) {
	}

	record ExportedEvent(String file, String uid, String summary, Instant created, Instant modified) {
	}

	private record Row(UUID id, String name, String slug, String color, String description, Instant created) {
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		List<Row> calendars = jdbc.sql("""
				select id, name, slug, color, description, created_at from calendar
				where school_id = :school and owner_kind = 'person' and owner_id = :person order by name""")
			.param("school", person.schoolId()).param("person", person.accountId())
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getObject(6, java.time.OffsetDateTime.class).toInstant()))
			.list();
		List<ExportedCalendar> listed = new java.util.ArrayList<>();
		for (Row calendar : calendars) {
			List<ExportedEvent> events = new java.util.ArrayList<>();
			// one query per calendar, read as it is written: a calendar of years holds thousands of events
			record Row(String name, String uid, String summary, String data, Instant created, Instant updated) {
			}
			try (var rows = jdbc.sql("""
					select name, uid, summary, data, created_at, updated_at from calendar_object
					where calendar_id = :id and school_id = :school order by name""")
				.param("id", calendar.id()).param("school", person.schoolId())
				.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getObject(5, java.time.OffsetDateTime.class).toInstant(), rs.getObject(6, java.time.OffsetDateTime.class).toInstant()))
				.stream()) {
				for (Row row : (Iterable<Row>) rows::iterator) {
					String file = calendar.slug() + "/" + row.name();
					export.file("Kalender/" + file, PersonalDataProvider.text("calendar.personalData.event"),
							new ByteArrayInputStream(row.data().getBytes(StandardCharsets.UTF_8)));
					events.add(new ExportedEvent(file, row.uid(), row.summary(), row.created(), row.updated()));
				}
			}
			listed.add(new ExportedCalendar(calendar.name(), calendar.slug(), calendar.color(), calendar.description(), calendar.created(), events));
		}
		export.json("kalender.json", PersonalDataProvider.text("calendar.personalData.list"), listed);
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		int events = removal.removeOwnedBy(person.schoolId(), List.of(person.accountId()));
		return new Erasure(List.of(PersonalDataProvider.text("calendar.personalData.erased", events)), List.of());
	}
}
