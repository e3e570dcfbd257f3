package de.schulhaus.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.Ids;

/**
 * The vCards of personal address books, each stored as its client sent it. Every change takes the
 * book's next revision and notes the card's name at it, so that {@code sync-collection} answers with
 * what changed since a token.
 */
@Service
public class ContactCards {

	private static final String COLUMNS = "name, uid, size_bytes, etag, created_at, updated_at";

	private final JdbcClient jdbc;
	private final AddressBooks books;

	ContactCards(JdbcClient jdbc, AddressBooks books) {
		this.jdbc = jdbc;
		this.books = books;
	}

	/**
	 * A card as stored.
	 *
	 * @param data the vCard text; null where the query did not read it
	 */
	public record Entry(String name, String uid, long size, String etag, Instant created, Instant updated, String data) {
	}

	/** A change since a revision: the card's current entry, or null when it was deleted. */
	public record Change(String name, Entry entry) {
	}

	/** Another card of the book has the UID already (CardDAV's {@code no-uid-conflict}). */
	public static class UidConflict extends RuntimeException {

		private final String name;

		UidConflict(String name) {
			super("another card of this book has that UID: " + name);
			this.name = name;
		}

		public String name() {
			return name;
		}
	}

	/** The book's cards, with their data when asked. */
	public List<Entry> list(AddressBook book, boolean data) {
		return jdbc.sql("select " + COLUMNS + (data ? ", data" : "") + " from contact_card where book_id = :book and school_id = :school order by name")
			.param("book", book.id()).param("school", book.schoolId())
			.query((rs, n) -> entry(rs, 1, data)).list();
	}

	public Optional<Entry> find(AddressBook book, String name) {
		return jdbc.sql("select " + COLUMNS + ", data from contact_card where book_id = :book and school_id = :school and name = :name")
			.param("book", book.id()).param("school", book.schoolId()).param("name", name)
			.query((rs, n) -> entry(rs, 1, true)).optional();
	}

	/** These cards with their data, in one query; names without a card are left out. */
	public List<Entry> withData(AddressBook book, Collection<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + ", data from contact_card where book_id = :book and school_id = :school and name in (:names)")
			.param("book", book.id()).param("school", book.schoolId()).param("names", names)
			.query((rs, n) -> entry(rs, 1, true)).list();
	}

	/** Creates or replaces the card at {@code name}. */
	@Transactional
	public Entry put(AddressBook book, String name, ContactCard card) {
		books.store(book);
		List<String> holders = jdbc.sql("select name from contact_card where book_id = :book and uid = :uid and name <> :name")
			.param("book", book.id()).param("uid", card.uid()).param("name", name).query(String.class).list();
		if (!holders.isEmpty()) {
			throw new UidConflict(holders.get(0));
		}
		long revision = nextRevision(book);
		Instant now = Instant.now();
		byte[] bytes = card.text().getBytes(StandardCharsets.UTF_8);
		String etag = etag(bytes);
		int updated = jdbc.sql("""
				update contact_card set uid = :uid, formatted_name = :fn, data = :data, size_bytes = :size, etag = :etag, revision = :revision,
				updated_at = :now where book_id = :book and name = :name""")
			.param("uid", card.uid()).param("fn", card.formattedName()).param("data", card.text()).param("size", bytes.length).param("etag", etag)
			.param("revision", revision).param("now", utc(now)).param("book", book.id()).param("name", name)
			.update();
		Instant created = now;
		if (updated == 0) {
			jdbc.sql("""
					insert into contact_card (id, school_id, book_id, name, uid, formatted_name, data, size_bytes, etag, revision, created_at, updated_at)
					values (:id, :school, :book, :name, :uid, :fn, :data, :size, :etag, :revision, :now, :now)""")
				.param("id", Ids.newId()).param("school", book.schoolId()).param("book", book.id()).param("name", name)
				.param("uid", card.uid()).param("fn", card.formattedName()).param("data", card.text()).param("size", bytes.length).param("etag", etag)
				.param("revision", revision).param("now", utc(now))
				.update();
		}
		else {
			created = jdbc.sql("select created_at from contact_card where book_id = :book and name = :name")
				.param("book", book.id()).param("name", name).query((rs, n) -> instant(rs, 1)).single();
		}
		noteChange(book, name, revision, false);
		return new Entry(name, card.uid(), bytes.length, etag, created, now, card.text());
	}

	/** Deletes the card; false when there was none. */
	@Transactional
	public boolean delete(AddressBook book, String name) {
		int deleted = jdbc.sql("delete from contact_card where book_id = :book and school_id = :school and name = :name")
			.param("book", book.id()).param("school", book.schoolId()).param("name", name).update();
		if (deleted == 0) {
			return false;
		}
		noteChange(book, name, nextRevision(book), true);
		return true;
	}

	/** What changed after {@code revision}, with the entries (data when asked) of what still exists. */
	public List<Change> changesSince(AddressBook book, long revision, boolean data) {
		return jdbc.sql("select c.name, c.deleted, o.name, o.uid, o.size_bytes, o.etag, o.created_at, o.updated_at" + (data ? ", o.data" : "") + """
				 from contact_change c left join contact_card o on o.book_id = c.book_id and o.name = c.name
				where c.book_id = :book and c.revision > :revision order by c.revision""")
			.param("book", book.id()).param("revision", revision)
			.query((rs, n) -> new Change(rs.getString(1), rs.getBoolean(2) || rs.getString(3) == null ? null : entry(rs, 3, data)))
			.list();
	}

	private long nextRevision(AddressBook book) {
		// the update locks the book's row: changes of one book take their revisions one after the other
		jdbc.sql("update contact_book set revision = revision + 1, updated_at = :now where id = :id")
			.param("id", book.id()).param("now", utc(Instant.now())).update();
		return jdbc.sql("select revision from contact_book where id = :id").param("id", book.id()).query(Long.class).single();
	}

	private void noteChange(AddressBook book, String name, long revision, boolean deleted) {
		int updated = jdbc.sql("update contact_change set revision = :revision, deleted = :deleted where book_id = :book and name = :name")
			.param("revision", revision).param("deleted", deleted).param("book", book.id()).param("name", name).update();
		if (updated == 0) {
			jdbc.sql("insert into contact_change (book_id, name, revision, deleted) values (:book, :name, :revision, :deleted)")
				.param("revision", revision).param("deleted", deleted).param("book", book.id()).param("name", name).update();
		}
	}

	private static Entry entry(ResultSet rs, int first, boolean data) throws SQLException {
		return new Entry(rs.getString(first), rs.getString(first + 1), rs.getLong(first + 2), rs.getString(first + 3), instant(rs, first + 4),
				instant(rs, first + 5), data ? rs.getString(first + 6) : null);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** The first 128 bits of SHA-256, hex: an entity tag that changes with every byte. */
	public static String etag(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
