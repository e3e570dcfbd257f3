package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The scheduling rules on an event's text: who is invited, answers, delivery statuses, the invitee's copy, cancellation. */
class AttendeesTests {

	static final String EVENT = """
			BEGIN:VCALENDAR\r
			VERSION:2.0\r
			PRODID:-//Tests//DE\r
			BEGIN:VEVENT\r
			UID:u1\r
			DTSTAMP:20261130T120000Z\r
			DTSTART:20261203T140000Z\r
			DTEND:20261203T150000Z\r
			SUMMARY:Konferenz\r
			SEQUENCE:2\r
			ORGANIZER;CN=Tina Tafel:mailto:tina@schule.de\r
			ATTENDEE;PARTSTAT=ACCEPTED:mailto:tina@schule.de\r
			ATTENDEE;CN=Paul;PARTSTAT=NEEDS-ACTION:MAILTO:Paul@Schule.de\r
			ATTENDEE;CUTYPE=ROOM;CN=Aula:urn:uuid:0193a2b4-0000-7000-8000-000000000001\r
			ATTENDEE;CUTYPE=GROUP;CN=8a:urn:uuid:0193a2b4-0000-7000-8000-000000000002\r
			ATTENDEE;SCHEDULE-AGENT=CLIENT:mailto:selbst@example.org\r
			ATTENDEE:mailto:gast@example.org\r
			BEGIN:VALARM\r
			ACTION:DISPLAY\r
			DESCRIPTION:Konferenz\r
			TRIGGER:-PT10M\r
			END:VALARM\r
			END:VEVENT\r
			BEGIN:VEVENT\r
			UID:u1\r
			DTSTAMP:20261130T120000Z\r
			RECURRENCE-ID:20261210T140000Z\r
			DTSTART:20261210T150000Z\r
			DTEND:20261210T160000Z\r
			SUMMARY:Konferenz (später)\r
			ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:paul@schule.de\r
			END:VEVENT\r
			END:VCALENDAR\r
			""";

	@Test
	void partiesAreReadOnceEachWithTheirKindAndWhoDelivers() {
		var ical = Attendees.parse(EVENT);
		assertThat(Attendees.organizer(ical)).contains("mailto:tina@schule.de");
		assertThat(Attendees.organizerName(ical)).contains("Tina Tafel");
		List<Attendees.Party> parties = Attendees.parties(ical);
		assertThat(parties).extracting(Attendees.Party::address).containsExactly("mailto:tina@schule.de", "MAILTO:Paul@Schule.de",
				"urn:uuid:0193a2b4-0000-7000-8000-000000000001", "urn:uuid:0193a2b4-0000-7000-8000-000000000002", "mailto:selbst@example.org",
				"mailto:gast@example.org");
		assertThat(parties.get(2).room()).isTrue();
		assertThat(parties.get(3).group()).isTrue();
		assertThat(parties.get(4).scheduledElsewhere()).isTrue();
		assertThat(parties.get(5).scheduledElsewhere()).isFalse();
	}

	@Test
	void anAnswerIsSetOnEveryInstanceAndFoundWhateverTheCaseOfTheAddress() {
		var ical = Attendees.parse(EVENT);
		assertThat(Attendees.partstat(ical, Set.of("mailto:paul@schule.de"))).isEqualTo("NEEDS-ACTION");
		assertThat(Attendees.setPartstats(ical, Map.of("mailto:paul@schule.de", "ACCEPTED"))).isTrue();
		String text = Attendees.print(ical);
		assertThat(text.replace("\r\n ", "").split("PARTSTAT=ACCEPTED", -1)).hasSize(4);
		assertThat(Attendees.setPartstats(ical, Map.of("mailto:niemand@schule.de", "ACCEPTED"))).isFalse();
		assertThat(Attendees.partstat(ical, Set.of("mailto:niemand@schule.de"))).isNull();
	}

	@Test
	void theCopyHasNoAlarmsAndNoStatusesAndACancellationMarksEveryInstance() {
		var ical = Attendees.parse(EVENT);
		Attendees.setStatuses(ical, Map.of("mailto:gast@example.org", "5.1"));
		assertThat(Attendees.print(ical)).contains("SCHEDULE-STATUS=5.1");
		Attendees.asCopy(ical);
		String copy = Attendees.print(ical);
		assertThat(copy).doesNotContain("VALARM").doesNotContain("SCHEDULE-STATUS").contains("CUTYPE=ROOM");
		assertThat(Attendees.cancelled(ical)).isFalse();
		Attendees.cancel(ical);
		assertThat(Attendees.cancelled(ical)).isTrue();
		assertThat(Attendees.print(ical)).contains("STATUS:CANCELLED").contains("SEQUENCE:3");
	}

	@Test
	void aGroupsMemberGetsALineOfTheirOwnWhereTheGroupIsInvited() {
		var ical = Attendees.parse(EVENT);
		Attendees.addMember(ical, "mailto:olga@schule.de", "Olga Ofen", "urn:uuid:0193a2b4-0000-7000-8000-000000000002", "TENTATIVE");
		String text = Attendees.print(ical).replace("\r\n ", "");
		assertThat(text).contains("MEMBER=\"urn:uuid:0193a2b4-0000-7000-8000-000000000002\"").contains("mailto:olga@schule.de");
		// only the series names the group: the moved instance gets no line
		assertThat(text.split("mailto:olga@schule.de", -1)).hasSize(2);
		assertThat(Attendees.partstat(ical, Set.of("mailto:olga@schule.de"))).isEqualTo("TENTATIVE");
	}

	@Test
	void theDialogsChoiceReplacesOnlyWhatItShowedAndKeepsRoomsAndAnswers() {
		var ical = Attendees.parse(EVENT);
		Attendees.choose(ical, "mailto:tina@schule.de", "Tina Tafel", Set.of("mailto:paul@schule.de", "urn:uuid:0193a2b4-0000-7000-8000-000000000002"),
				List.of(new Attendees.Party("mailto:paul@schule.de", null, null, null, null),
						new Attendees.Party("mailto:neu@schule.de", "INDIVIDUAL", null, "Nina Neu", null)));
		String text = Attendees.print(ical).replace("\r\n ", "");
		assertThat(text).doesNotContain("CN=8a").contains("CUTYPE=ROOM").contains("CN=Paul;PARTSTAT=NEEDS-ACTION:MAILTO:Paul@Schule.de")
			.contains("mailto:neu@schule.de").contains("mailto:gast@example.org");
	}

	@Test
	void whatClientsSendIsReadByTheSchedulingModelToo() throws Exception {
		for (String file : List.of("apple-allday-trip.ics", "davx5-conference.ics", "thunderbird-weekly-lesson.ics")) {
			try (var in = getClass().getResourceAsStream("/calendar/" + file)) {
				String text = ICalReader.read(in, 1_000_000);
				var ical = Attendees.parse(text);
				assertThat(Attendees.print(ical)).as(file).contains("BEGIN:VEVENT");
			}
		}
	}

	@Test
	void aCopysNameIsTheUidWhereThatIsAPlainNameAndAStableOneElse() {
		assertThat(SchoolDelivery.copyName("konferenz-1@schule.de")).isEqualTo("konferenz-1@schule.de.ics");
		assertThat(SchoolDelivery.copyName("a/b c")).isEqualTo(SchoolDelivery.copyName("a/b c")).endsWith(".ics").doesNotContain("/");
	}
}
