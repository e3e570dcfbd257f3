package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.schulhaus.mail.internal.MailFolder;

class CommandParserTests {

	private final List<String> continuations = new ArrayList<>();

	private ImapReader reader(String input) {
		return new ImapReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), () -> continuations.add("+"));
	}

	@Test
	void quotedStringsAtomsAndSynchronizingLiterals() throws Exception {
		ImapReader in = reader("a1 LOGIN \"anna \\\"A\\\" \\\\ x\" {5}\r\nge}he\r\n");
		assertThat(in.tag()).isEqualTo("a1");
		in.space();
		assertThat(in.atom()).isEqualTo("LOGIN");
		in.space();
		assertThat(in.astring()).isEqualTo("anna \"A\" \\ x");
		in.space();
		assertThat(in.astring()).isEqualTo("ge}he");
		assertThat(continuations).containsExactly("+");
		in.end();
		assertThat(in.atEndOfStream()).isTrue();
	}

	@Test
	void nonSynchronizingLiteralsNeedNoContinuation() throws Exception {
		ImapReader in = reader("{3+}\r\nabc {4+}\r\nwxyz\r\n");
		assertThat(in.astring()).isEqualTo("abc");
		in.space();
		ImapReader.Literal literal = in.literal();
		assertThat(literal).isEqualTo(new ImapReader.Literal(4, false));
		in.accept(literal);
		assertThat(new String(in.literalBody(literal).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("wxyz");
		in.end();
		assertThat(continuations).isEmpty();
	}

	@Test
	void malformedInputIsRefusedWithAReason() {
		assertThatThrownBy(() -> reader("\"offen\r\n").astring()).hasMessage("unterminated quoted string");
		assertThatThrownBy(() -> reader("{x}\r\n").astring()).hasMessage("malformed literal");
		assertThatThrownBy(() -> reader("\"a\\b\"").astring()).hasMessageContaining("may be escaped");
		assertThatThrownBy(() -> reader("{99999999}\r\n").astring()).hasMessageContaining("literal too long");
		assertThatThrownBy(() -> reader("x".repeat(ImapReader.MAX_LINE + 10)).atom()).isInstanceOf(LineTooLongException.class);
		assertThatThrownBy(() -> reader("a").literal()).isInstanceOf(BadCommandException.class);
	}

	@Test
	void flagListsAndListPatterns() throws Exception {
		ImapReader in = reader("(\\Seen $Forwarded \\Draft) Entw&APw-rfe/%*\r\n");
		assertThat(in.flags()).containsExactly("\\Seen", "$Forwarded", "\\Draft");
		in.space();
		assertThat(ModifiedUtf7.decode(in.listMailbox())).isEqualTo("Entwürfe/%*");
	}

	@Test
	void modifiedUtf7RoundTrips() {
		assertThat(ModifiedUtf7.encode("Entwürfe")).isEqualTo("Entw&APw-rfe");
		assertThat(ModifiedUtf7.encode("Funktionspostfächer/Tom & Jerry")).isEqualTo("Funktionspostf&AOQ-cher/Tom &- Jerry");
		assertThat(ModifiedUtf7.encode("日本語")).isEqualTo("&ZeVnLIqe-");
		for (String name : List.of("Entwürfe", "Tom & Jerry", "日本語/Ärger", "€uro")) {
			assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode(name))).isEqualTo(name);
		}
		assertThatThrownBy(() -> ModifiedUtf7.decode("&APw")).isInstanceOf(BadCommandException.class);
	}

	@Test
	void sequenceSetsResolveStarAndReversedRanges() {
		SequenceSet set = SequenceSet.parse("1:3,7,9:*,12:10");
		assertThat(set.contains(2, 20)).isTrue();
		assertThat(set.contains(5, 20)).isFalse();
		assertThat(set.contains(20, 20)).isTrue();
		assertThat(set.resolved(20)).contains(new SequenceSet.Range(10, 12), new SequenceSet.Range(9, 20));
		assertThat(SequenceSet.format(List.of(1L, 2L, 3L, 5L, 7L, 8L))).isEqualTo("1:3,5,7:8");
		for (String bad : List.of("", "0", "1:", "a", "1,,2", "4294967296")) {
			assertThatThrownBy(() -> SequenceSet.parse(bad)).isInstanceOf(BadCommandException.class);
		}
		SelectedFolder folder = selected(3, 5, 9, 12);
		assertThat(folder.uids(SequenceSet.parse("2:*"), false)).containsExactly(5L, 9L, 12L);
		assertThat(folder.uids(SequenceSet.parse("6:10"), true)).containsExactly(9L);
		assertThat(folder.uids(SequenceSet.parse("100:*"), true)).containsExactly(12L);
		assertThat(folder.expunge(5)).isEqualTo(2);
		assertThat(folder.sequenceOf(9)).isEqualTo(2);
		assertThatThrownBy(() -> folder.uids(SequenceSet.parse("9"), false)).hasMessageContaining("no message with number 9");
	}

	@Test
	void fetchAttributesWithSectionsAndPartialRanges() throws Exception {
		ImapReader in = reader("(UID BODY.PEEK[1.2.HEADER.FIELDS (From To)]<0.100> BODY[] RFC822.SIZE)\r\n");
		in.read();
		List<String> words = new ArrayList<>();
		while (in.peek() != ')') {
			if (in.peek() == ' ') {
				in.read();
			}
			words.add(in.fetchAttribute());
		}
		assertThat(words).containsExactly("UID", "BODY.PEEK[1.2.HEADER.FIELDS (From To)]<0.100>", "BODY[]", "RFC822.SIZE");
		List<FetchItem> items = FetchItem.parse(words);
		FetchItem.Section section = items.get(1).section();
		assertThat(section.peek()).isTrue();
		assertThat(section.path()).containsExactly(1, 2);
		assertThat(section.part()).isEqualTo(FetchItem.Part.HEADER_FIELDS);
		assertThat(section.fields()).containsExactly("From", "To");
		assertThat(section.label()).isEqualTo("BODY[1.2.HEADER.FIELDS (From To)]<0>");
		assertThat(items.get(2).marksSeen()).isTrue();
		assertThat(items.get(1).marksSeen()).isFalse();
		assertThat(FetchItem.parse(List.of("FULL"))).extracting(FetchItem::kind).containsExactly(FetchItem.Kind.FLAGS,
				FetchItem.Kind.INTERNALDATE, FetchItem.Kind.RFC822_SIZE, FetchItem.Kind.ENVELOPE, FetchItem.Kind.BODY);
		assertThat(FetchItem.section("BODY[3.MIME]").part()).isEqualTo(FetchItem.Part.MIME);
		for (String bad : List.of("BODY[MIME]", "BODY[HEADER.FIELDS]", "BODY[TEXT (A)]", "BODY[]<5>", "BODY[]<1.0>", "FOO", "BODY[1.X]")) {
			assertThatThrownBy(() -> FetchItem.parse(List.of(bad))).as(bad).isInstanceOf(BadCommandException.class);
		}
	}

	@Test
	void searchKeysBecomeOneConditionWithParameters() throws Exception {
		SelectedFolder folder = selected(3, 5, 9, 12);
		SearchParser parser = new SearchParser(reader("CHARSET UTF-8 OR FROM \"Jörg\" (SUBJECT \"100%\" UNSEEN) NOT 2:3 UID 10:* SINCE 1-Feb-2026 KEYWORD $Wichtig MODSEQ 7\r\n"), folder);
		SearchCondition condition = parser.parseAll();
		assertThat(condition.sql()).contains("lower(coalesce(from_address, '')) like :s0 escape '!'", "seen = false",
				"not ((uid between :s", "received_at >= :s", "modseq >= :s");
		assertThat(condition.parameters()).containsValues("%jörg%", "%100!%%", 5L, 9L, 12L, "% $Wichtig %", 7L);
		assertThat(parser.modseqUsed()).isTrue();
		assertThatThrownBy(() -> new SearchParser(reader("SINCE gestern\r\n"), folder).parseAll()).hasMessageContaining("expected a date");
		assertThatThrownBy(() -> new SearchParser(reader("CHARSET KOI8-R ALL\r\n"), folder).parseAll())
			.isInstanceOf(NoException.class).hasMessageContaining("UTF-8");
		assertThatThrownBy(() -> new SearchParser(reader("OR SEEN\r\n"), folder).parseAll()).isInstanceOf(BadCommandException.class);
		assertThatThrownBy(() -> new SearchParser(reader("(".repeat(60) + "ALL" + ")".repeat(60) + "\r\n"), folder).parseAll())
			.hasMessageContaining("nested too deep");
	}

	private static SelectedFolder selected(long... uids) {
		MailFolder folder = new MailFolder(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "INBOX", null, 1, 20, 1, true);
		List<long[]> index = new ArrayList<>();
		for (long uid : uids) {
			index.add(new long[] { uid, 1 });
		}
		return new SelectedFolder(folder, false, index, 1);
	}

	@Test
	void appendDatesAndInternalDates() throws IOException {
		assertThat(Append.date(" 5-Dec-2026 10:15:00 +0100").toString()).isEqualTo("2026-12-05T09:15:00Z");
		assertThatThrownBy(() -> Append.date("gestern")).isInstanceOf(BadCommandException.class);
		assertThat(FetchResponder.INTERNALDATE.format(java.time.Instant.parse("2026-12-05T09:15:00Z"))).isEqualTo("05-Dec-2026 09:15:00 +0000");
	}
}
