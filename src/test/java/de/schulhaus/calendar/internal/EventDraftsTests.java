package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import de.schulhaus.calendar.internal.EventDraft.Frequency;
import de.schulhaus.calendar.internal.EventDraft.Reminder;
import de.schulhaus.calendar.internal.EventDraft.Repeat;

/** Events written from the dialog: valid for CalDAV's rules, edits that keep what the dialog does not show. */
class EventDraftsTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static EventDraft lesson(Repeat repeat, Reminder reminder) {
		return new EventDraft("Mathe 7b", false, LocalDateTime.parse("2026-12-01T08:00"), LocalDateTime.parse("2026-12-01T08:45"), "Raum 12",
				"Bruchrechnung; Kapitel 3, Aufgaben", repeat, reminder);
	}

	private static CalendarObject valid(String text) {
		return CalendarData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Ics.LIMIT);
	}

	private static List<Occurrence> december(String text) {
		return CalendarData.occurrences(text, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), BERLIN, 100);
	}

	@Test
	void aWeeklyLessonWithAReminderIsValidAndRepeatsInBerlinTime() {
		String text = EventDrafts.create("u-1", lesson(new Repeat(Frequency.WEEKLY, Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY),
				LocalDate.parse("2026-12-17"), null), Reminder.MINUTES_10), NOW);
		CalendarObject object = valid(text);
		assertThat(object.uid()).isEqualTo("u-1");
		assertThat(object.recurring()).isTrue();
		assertThat(text).contains("DTSTART;TZID=Europe/Berlin:20261201T080000").contains("BEGIN:VTIMEZONE").contains("TZID:Europe/Berlin")
			.contains("RRULE:FREQ=WEEKLY;").contains("BYDAY=TU,TH").contains("UNTIL=20261217T225959Z").contains("BEGIN:VALARM")
			.contains("ACTION:DISPLAY").contains("TRIGGER:-PT10M").contains("SEQUENCE:0").contains("DTSTAMP:20261130T120000Z")
			.contains("LOCATION:Raum 12").contains("DESCRIPTION:Bruchrechnung\\; Kapitel 3\\, Aufgaben").doesNotContain("TZURL");
		List<Occurrence> lessons = december(text);
		assertThat(lessons).extracting(o -> o.start().atZone(BERLIN).toLocalDate().getDayOfMonth()).containsExactly(1, 3, 8, 10, 15, 17);
		assertThat(lessons).allSatisfy(o -> assertThat(o.start().atZone(BERLIN).getHour()).isEqualTo(8));

		EventDrafts.Stored read = EventDrafts.read(text, null);
		assertThat(read.recurring()).isTrue();
		assertThat(read.draft()).isEqualTo(lesson(new Repeat(Frequency.WEEKLY, Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY),
				LocalDate.parse("2026-12-17"), null), Reminder.MINUTES_10).withAttachments(List.of()).withVisibility(EventDraft.Visibility.EVERYONE));
	}

	@Test
	void anAllDayTripEndsAfterItsLastDay() {
		EventDraft trip = new EventDraft("Klassenfahrt", true, LocalDateTime.parse("2026-12-07T00:00"), LocalDateTime.parse("2026-12-10T00:00"), "",
				"", Repeat.NONE, Reminder.DAY_1);
		String text = EventDrafts.create("u-2", trip, NOW);
		valid(text);
		assertThat(text).contains("DTSTART;VALUE=DATE:20261207").contains("DTEND;VALUE=DATE:20261210").doesNotContain("LOCATION")
			.doesNotContain("VTIMEZONE");
		Occurrence only = december(text).get(0);
		assertThat(only.allDay()).isTrue();
		assertThat(EventDrafts.read(text, null).draft()).isEqualTo(trip.withAttachments(List.of()).withVisibility(EventDraft.Visibility.EVERYONE));
	}

	@Test
	void anEditKeepsWhatTheDialogDoesNotShowAndBumpsTheSequence() {
		String client = Ics.calendar("BEGIN:VEVENT", "UID:client-1", "DTSTAMP:20261101T100000Z", "SEQUENCE:3",
				"DTSTART:20261201T070000Z", "DURATION:PT1H", "SUMMARY:Konferenz", "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
				"ATTENDEE;CN=Anna Abel;PARTSTAT=ACCEPTED:mailto:anna@schule.example", "ORGANIZER:mailto:tina@schule.example",
				"CATEGORIES:Kollegium", "END:VEVENT");
		EventDrafts.Stored read = EventDrafts.read(client, null);
		assertThat(read.draft().start()).isEqualTo(LocalDateTime.parse("2026-12-01T08:00"));
		assertThat(read.draft().end()).isEqualTo(LocalDateTime.parse("2026-12-01T09:00"));
		EventDraft moved = new EventDraft("Lehrerkonferenz", false, LocalDateTime.parse("2026-12-01T14:00"), LocalDateTime.parse("2026-12-01T16:00"),
				"Aula", "", Repeat.NONE, Reminder.NONE);
		String edited = EventDrafts.update(client, moved, null, NOW);
		valid(edited);
		assertThat(edited).contains("UID:client-1").contains("SEQUENCE:4").contains("X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC")
			.contains("ATTENDEE;CN=Anna Abel;PARTSTAT=ACCEPTED:mailto:anna@schule.example").contains("CATEGORIES:Kollegium")
			.contains("SUMMARY:Lehrerkonferenz").contains("DTSTART;TZID=Europe/Berlin:20261201T140000").doesNotContain("DURATION")
			.contains("DTSTAMP:20261130T120000Z");
	}

	@Test
	void onlyThisInstanceIsMovedOrDeletedAndTheRestFollowsOrEnds() {
		String series = EventDrafts.create("u-3", lesson(new Repeat(Frequency.WEEKLY, Set.of(), null, 4), Reminder.NONE), NOW);
		Instant second = Instant.parse("2026-12-08T07:00:00Z");
		EventDraft later = new EventDraft("Mathe 7b (Vertretung)", false, LocalDateTime.parse("2026-12-08T10:00"),
				LocalDateTime.parse("2026-12-08T10:45"), "Raum 3", "", Repeat.NONE, Reminder.NONE);
		String moved = EventDrafts.updateInstance(series, second, later, NOW);
		valid(moved);
		assertThat(moved).contains("RECURRENCE-ID;TZID=Europe/Berlin:20261208T080000");
		assertThat(december(moved)).extracting(o -> o.start().atZone(BERLIN).toLocalDateTime().toString())
			.containsExactly("2026-12-01T08:00", "2026-12-08T10:00", "2026-12-15T08:00", "2026-12-22T08:00");
		assertThat(EventDrafts.read(moved, second).draft().summary()).isEqualTo("Mathe 7b (Vertretung)");
		assertThat(EventDrafts.read(moved, Instant.parse("2026-12-15T07:00:00Z")).draft().start()).isEqualTo(LocalDateTime.parse("2026-12-15T08:00"));

		String without = EventDrafts.excludeInstance(moved, second, NOW);
		valid(without);
		assertThat(without).contains("EXDATE;TZID=Europe/Berlin:20261208T080000").doesNotContain("RECURRENCE-ID");
		assertThat(december(without)).hasSize(3);

		String ended = EventDrafts.endBefore(series, Instant.parse("2026-12-15T07:00:00Z"), NOW);
		valid(ended);
		assertThat(ended).contains("UNTIL=20261215T065959Z").doesNotContain("COUNT");
		assertThat(december(ended)).hasSize(2);
	}

	@Test
	void theWholeSeriesMovesByAsMuchAsTheShownInstance() {
		String series = EventDrafts.create("u-4", lesson(new Repeat(Frequency.WEEKLY, Set.of(DayOfWeek.TUESDAY), null, 3), Reminder.NONE), NOW);
		EventDrafts.Stored third = EventDrafts.read(series, Instant.parse("2026-12-15T07:00:00Z"));
		EventDraft shown = third.draft();
		EventDraft oneHourLater = new EventDraft(shown.summary(), false, shown.start().plusHours(1), shown.end().plusHours(1), shown.location(),
				shown.description(), shown.repeat(), shown.reminder());
		String moved = EventDrafts.update(series, oneHourLater, Instant.parse("2026-12-15T07:00:00Z"), NOW);
		assertThat(december(moved)).extracting(o -> o.start().atZone(BERLIN).toLocalDateTime().toString())
			.containsExactly("2026-12-01T09:00", "2026-12-08T09:00", "2026-12-15T09:00");
	}

	@Test
	void aPickedFileIsWrittenAsAnAttachLinkWithItsNameAndTypeAndReadBack() {
		String link = "https://schule.example/dateien/meine/details?pfad=/Bl%C3%A4tter/Br%C3%BCche,%20Teil%201.pdf";
		String text = EventDrafts.create("u-att", lesson(Repeat.NONE, Reminder.NONE).withAttachments(List.of(
				EventDraft.Attachment.link(link, "Brüche, Teil \"1\".pdf", "application/pdf"))), NOW);
		valid(text);
		String unfolded = text.replace("\r\n ", "");
		assertThat(unfolded).contains("ATTACH;VALUE=URI;FMTTYPE=application/pdf;FILENAME=\"Brüche, Teil 1.pdf\":" + link);

		List<EventDraft.Attachment> read = EventDrafts.read(text, null).draft().attachments();
		assertThat(read).containsExactly(new EventDraft.Attachment("uri:" + link, link, "Brüche, Teil 1.pdf", "application/pdf"));
	}

	@Test
	void removingALinkKeepsWhatOtherClientsAttachedExactlyAsTheyWroteIt() {
		String client = """
				BEGIN:VCALENDAR\r
				VERSION:2.0\r
				PRODID:-//Apple Inc.//iOS 17//EN\r
				BEGIN:VEVENT\r
				UID:att-1\r
				DTSTAMP:20261130T100000Z\r
				DTSTART:20261203T130000Z\r
				DTEND:20261203T140000Z\r
				SUMMARY:Konferenz\r
				ATTACH;FMTTYPE=text/plain;ENCODING=BASE64;VALUE=BINARY;X-APPLE-FILENAME=notiz.txt:SGFsbG8=\r
				ATTACH:https://example.org/agenda/Tagesordnung.docx\r
				ATTACH;VALUE=URI;FILENAME=Plan.pdf;FMTTYPE=application/pdf:https://schule.example/dateien/meine/details?pfad=/Plan.pdf\r
				END:VEVENT\r
				END:VCALENDAR\r
				""";
		EventDraft shown = EventDrafts.read(client, null).draft();
		assertThat(shown.attachments()).extracting(EventDraft.Attachment::key).containsExactly("eingebettet:0",
				"uri:https://example.org/agenda/Tagesordnung.docx", "uri:https://schule.example/dateien/meine/details?pfad=/Plan.pdf");
		assertThat(shown.attachments().get(0).inline()).isTrue();
		assertThat(shown.attachments().get(0).type()).isEqualTo("text/plain");
		assertThat(shown.attachments().get(1).fileName()).isEqualTo("Tagesordnung.docx");
		assertThat(shown.attachments().get(2).fileName()).isEqualTo("Plan.pdf");

		// the dialog unticks Plan.pdf and adds another file
		String edited = EventDrafts.update(client, shown.withAttachments(List.of(shown.attachments().get(0), shown.attachments().get(1),
				EventDraft.Attachment.link("https://schule.example/dateien/meine/details?pfad=/Neu.odt", "Neu.odt",
						"application/vnd.oasis.opendocument.text"))), null, NOW);
		valid(edited);
		String unfolded = edited.replace("\r\n ", "");
		assertThat(unfolded).contains("ATTACH;FMTTYPE=text/plain;ENCODING=BASE64;VALUE=BINARY;X-APPLE-FILENAME=notiz.txt:SGFsbG8=")
			.contains("ATTACH:https://example.org/agenda/Tagesordnung.docx")
			.contains("ATTACH;VALUE=URI;FMTTYPE=application/vnd.oasis.opendocument.text;FILENAME=Neu.odt:https://schule.example/dateien/meine/details?pfad=/Neu.odt")
			.doesNotContain("Plan.pdf");

		// an edit that does not know about attachments (a drag in the week view) leaves every line
		String dragged = EventDrafts.update(edited, new EventDraft("Konferenz", false, LocalDateTime.parse("2026-12-03T15:00"),
				LocalDateTime.parse("2026-12-03T16:00"), "", "", Repeat.KEEP, Reminder.KEEP), null, NOW);
		assertThat(EventDrafts.read(dragged, null).draft().attachments()).hasSize(3);

		// everything unticked: no ATTACH line is left
		String none = EventDrafts.update(edited, EventDrafts.read(edited, null).draft().withAttachments(List.of()), null, NOW);
		assertThat(none).doesNotContain("ATTACH");
	}

	@Test
	void busyOnlyIsClassPrivateForTheSeriesAndItsMovedLessonsAndEveryoneRemovesIt() {
		EventDraft talk = new EventDraft("Gespräch", false, LocalDateTime.parse("2026-12-03T16:00"), LocalDateTime.parse("2026-12-03T17:00"), "", "",
				new Repeat(Frequency.WEEKLY, Set.of(), null, 3), Reminder.NONE, null, EventDraft.Visibility.BUSY);
		String text = EventDrafts.create("u-busy", talk, NOW);
		assertThat(text).contains("CLASS:PRIVATE");
		assertThat(EventDrafts.read(text, null).draft().visibility()).isEqualTo(EventDraft.Visibility.BUSY);
		// a moved lesson made with ical4j's copy of the series stays private; dragging (KEEP) changes nothing
		String moved = EventDrafts.updateInstance(text, Instant.parse("2026-12-10T15:00:00Z"), EventDrafts.read(text, null).draft()
			.withVisibility(EventDraft.Visibility.KEEP), NOW);
		assertThat(moved.split("CLASS:PRIVATE", -1)).hasSize(3);
		String open = EventDrafts.update(moved, EventDrafts.read(moved, null).draft().withVisibility(EventDraft.Visibility.EVERYONE), null, NOW);
		assertThat(open).doesNotContain("CLASS");
		assertThat(EventDrafts.read(open, null).draft().visibility()).isEqualTo(EventDraft.Visibility.EVERYONE);
	}

	@Test
	void aSeriesInNewYorkRepeatsOnNewYorksClockAcrossBothSummerTimeChanges() {
		ZoneId newYork = ZoneId.of("America/New_York");
		EventDraft call = new EventDraft("Videocall", false, LocalDateTime.parse("2027-10-26T10:00"), LocalDateTime.parse("2027-10-26T11:00"), "", "",
				new Repeat(Frequency.WEEKLY, Set.of(), null, 3), Reminder.NONE, null, EventDraft.Visibility.EVERYONE, newYork);
		String text = EventDrafts.create("u-ny", call, NOW);
		valid(text);
		assertThat(text).contains("DTSTART;TZID=America/New_York:20271026T100000").contains("TZID:America/New_York").doesNotContain("TZID:Europe/Berlin");
		// Berlin leaves summer time on 31 October, New York on 7 November: 16:00, 15:00, 16:00 in Berlin
		List<Occurrence> calls = CalendarData.occurrences(text, Instant.parse("2027-10-01T00:00:00Z"), Instant.parse("2027-12-01T00:00:00Z"), BERLIN, 10);
		assertThat(calls).extracting(o -> o.start().atZone(BERLIN).toLocalDateTime().toString())
			.containsExactly("2027-10-26T16:00", "2027-11-02T15:00", "2027-11-09T16:00");
		EventDraft read = EventDrafts.read(text, Instant.parse("2027-11-02T14:00:00Z")).draft();
		assertThat(read.zone()).isEqualTo(newYork);
		assertThat(read.start()).isEqualTo(LocalDateTime.parse("2027-11-02T10:00"));
		assertThat(read.seenIn(BERLIN).start()).isEqualTo(LocalDateTime.parse("2027-11-02T15:00"));
		// one date left out and one moved, spelled in New York's zone like the series
		String without = EventDrafts.excludeInstance(text, Instant.parse("2027-11-02T14:00:00Z"), NOW);
		valid(without);
		assertThat(without.replace("\r\n ", "")).contains("EXDATE;TZID=America/New_York:20271102T100000");
		String moved = EventDrafts.updateInstance(without, Instant.parse("2027-11-09T15:00:00Z"), new EventDraft("Videocall", false,
				LocalDateTime.parse("2027-11-09T12:00"), LocalDateTime.parse("2027-11-09T13:00"), "", "", Repeat.NONE, Reminder.NONE, null,
				EventDraft.Visibility.EVERYONE, newYork), NOW);
		valid(moved);
		assertThat(moved.replace("\r\n ", "")).contains("RECURRENCE-ID;TZID=America/New_York:20271109T100000")
			.contains("DTSTART;TZID=America/New_York:20271109T120000");
		assertThat(CalendarData.occurrences(moved, Instant.parse("2027-10-01T00:00:00Z"), Instant.parse("2027-12-01T00:00:00Z"), BERLIN, 10))
			.extracting(o -> o.start().atZone(BERLIN).toLocalDateTime().toString()).containsExactly("2027-10-26T16:00", "2027-11-09T18:00");
		// until the end of the last day in New York
		String until = EventDrafts.create("u-ny2", new EventDraft("Videocall", false, call.start(), call.end(), "", "",
				new Repeat(Frequency.WEEKLY, Set.of(), LocalDate.parse("2027-11-09"), null), Reminder.NONE, null, EventDraft.Visibility.EVERYONE, newYork),
				NOW);
		assertThat(until).contains("UNTIL=20271110T045959Z");
	}

	@Test
	void monthlyRulesByWeekdayAreWrittenAndReadOnlyWhenTheyFitTheStart() {
		EventDraft conference = new EventDraft("Konferenz", false, LocalDateTime.parse("2027-01-12T15:00"), LocalDateTime.parse("2027-01-12T16:00"),
				"", "", new Repeat(Frequency.MONTHLY, Set.of(), null, 3, EventDraft.MonthlyBy.WEEKDAY), Reminder.NONE);
		String second = EventDrafts.create("u-m", conference, NOW);
		assertThat(second).contains("RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=2TU");
		assertThat(EventDrafts.read(second, null).draft().repeat().monthly()).isEqualTo(EventDraft.MonthlyBy.WEEKDAY);
		// the 29th Friday of January is its last (and its fifth): -1FR
		EventDraft fifth = new EventDraft("Abschluss", false, LocalDateTime.parse("2027-01-29T13:00"), LocalDateTime.parse("2027-01-29T14:00"),
				"", "", new Repeat(Frequency.MONTHLY, Set.of(), null, 3, EventDraft.MonthlyBy.WEEKDAY), Reminder.NONE);
		assertThat(EventDrafts.create("u-l", fifth, NOW)).contains("BYDAY=-1FR");
		// what the dialog cannot say stays as the client wrote it
		for (String rule : new String[] { "FREQ=MONTHLY;BYDAY=3TU", "FREQ=MONTHLY;BYDAY=2WE", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2",
				"FREQ=MONTHLY;BYMONTHDAY=13", "FREQ=MONTHLY;BYDAY=-1TU" }) {
			String client = Ics.calendar("BEGIN:VEVENT", "UID:c-" + rule.hashCode(), "DTSTAMP:20261101T100000Z", "DTSTART:20270112T140000Z",
					"DURATION:PT1H", "SUMMARY:X", "RRULE:" + rule, "END:VEVENT");
			assertThat(EventDrafts.read(client, null).draft().repeat().frequency()).as(rule).isEqualTo(Frequency.KEEP);
		}
		String monthDay = Ics.calendar("BEGIN:VEVENT", "UID:c-md", "DTSTAMP:20261101T100000Z", "DTSTART:20270112T140000Z", "DURATION:PT1H",
				"SUMMARY:X", "RRULE:FREQ=MONTHLY;BYMONTHDAY=12", "END:VEVENT");
		assertThat(EventDrafts.read(monthDay, null).draft().repeat()).extracting(Repeat::frequency, Repeat::monthly)
			.containsExactly(Frequency.MONTHLY, EventDraft.MonthlyBy.DAY);
	}

	@Test
	void anExcludedDateIsBroughtBackFromALineOfSeveralAndAChangedOneIsSetBack() {
		String client = Ics.calendar("BEGIN:VEVENT", "UID:ex-1", "DTSTAMP:20261101T100000Z", "DTSTART;TZID=Europe/Berlin:20261201T080000",
				"DURATION:PT45M", "SUMMARY:Mathe", "RRULE:FREQ=WEEKLY;COUNT=5", "EXDATE;TZID=Europe/Berlin:20261208T080000,20261222T080000",
				"END:VEVENT", "BEGIN:VEVENT", "UID:ex-1", "DTSTAMP:20261101T100000Z", "RECURRENCE-ID;TZID=Europe/Berlin:20261215T080000",
				"DTSTART;TZID=Europe/Berlin:20261216T090000", "DURATION:PT45M", "SUMMARY:Mathe (verlegt)", "END:VEVENT");
		SeriesExceptions.Exceptions exceptions = SeriesExceptions.exceptions(client);
		assertThat(exceptions.excluded()).containsExactly(Instant.parse("2026-12-08T07:00:00Z"), Instant.parse("2026-12-22T07:00:00Z"));
		assertThat(exceptions.changed()).singleElement().satisfies(c -> {
			assertThat(c.recurrenceId()).isEqualTo(Instant.parse("2026-12-15T07:00:00Z"));
			assertThat(c.start()).isEqualTo(Instant.parse("2026-12-16T08:00:00Z"));
			assertThat(c.summary()).isEqualTo("Mathe (verlegt)");
		});
		String restored = SeriesExceptions.restore(client, Instant.parse("2026-12-22T07:00:00Z"), NOW);
		valid(restored);
		assertThat(restored).contains("EXDATE;TZID=Europe/Berlin:20261208T080000\r\n").doesNotContain("20261222T080000");
		assertThat(december(restored)).hasSize(4);
		String reset = SeriesExceptions.reset(restored, Instant.parse("2026-12-15T07:00:00Z"), NOW);
		valid(reset);
		assertThat(december(reset)).extracting(o -> o.start().atZone(BERLIN).toLocalDateTime().toString())
			.containsExactly("2026-12-01T08:00", "2026-12-15T08:00", "2026-12-22T08:00", "2026-12-29T08:00");
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SeriesExceptions.restore(client, Instant.parse("2026-12-15T07:00:00Z"), NOW)))
			.isInstanceOf(de.schulhaus.platform.NotFoundException.class);
	}
}
