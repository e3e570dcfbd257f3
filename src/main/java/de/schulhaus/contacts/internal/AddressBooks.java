package de.schulhaus.contacts.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.xml.namespace.QName;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.dav.DeadProperty;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * A person's own address books: the default one ({@code kontakte}, its id the account's) whose row
 * appears at the first change, and those their programs make.
 */
@Service
public class AddressBooks {

	public static final String DEFAULT_SLUG = "kontakte";
	/** The directory's segment: no personal book may take it. */
	public static final String DIRECTORY_SLUG = "schule";

	private final JdbcClient jdbc;
	private final TransactionTemplate own;
	private final BookProperties properties;

	AddressBooks(JdbcClient jdbc, PlatformTransactionManager transactions, BookProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The default book first, then the others by name. */
	public List<AddressBook> of(SchulhausUser person) {
		List<AddressBook> stored = jdbc.sql("""
				select id, slug, name, description, revision, updated_at from contact_book
				where school_id = :school and owner_id = :owner order by name""")
			.param("school", person.schoolId()).param("owner", person.accountId())
			.query((rs, n) -> {
				UUID id = rs.getObject(1, UUID.class);
				return new AddressBook(id, person.schoolId(), person.accountId(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), true,
						!id.equals(person.accountId()), rs.getObject(6, OffsetDateTime.class).toInstant());
			}).list();
		List<AddressBook> books = new ArrayList<>();
		books.add(stored.stream().filter(b -> b.id().equals(person.accountId())).findFirst()
			.orElseGet(() -> new AddressBook(person.accountId(), person.schoolId(), person.accountId(), DEFAULT_SLUG, "Kontakte", null, 0, false, false,
					Instant.EPOCH)));
		stored.stream().filter(AddressBook::removable).forEach(books::add);
		return books;
	}

	/** Makes a further book of the person's own (a client's extended MKCOL); false when the name is taken. */
	@Transactional
	public boolean create(SchulhausUser person, String slug, String name, String description, List<DeadProperty> others) {
		if (slug.equals(DEFAULT_SLUG) || slug.equals(DIRECTORY_SLUG) || slug.length() > 255) {
			return false;
		}
		UUID id = Ids.newId();
		try {
			jdbc.sql("""
					insert into contact_book (id, school_id, owner_id, slug, name, description, revision, created_at, updated_at)
					values (:id, :school, :owner, :slug, :name, :description, 0, :now, :now)""")
				.param("id", id).param("school", person.schoolId()).param("owner", person.accountId()).param("slug", slug).param("name", name)
				.param("description", description).param("now", ContactCards.utc(Instant.now()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		properties.patch(id, others, List.of());
		return true;
	}

	/**
	 * Makes the default book's row in a transaction of its own, before the change that needs it: when
	 * two first changes meet, the second insert fails alone and finds the row.
	 */
	void store(AddressBook book) {
		if (book.stored()) {
			return;
		}
		try {
			own.executeWithoutResult(status -> jdbc.sql("""
					insert into contact_book (id, school_id, owner_id, slug, name, description, revision, created_at, updated_at)
					select :id, :school, :owner, :slug, :name, null, 0, :now, :now from (values (1)) as one (x)
					where not exists (select 1 from contact_book where id = :id)""")
				.param("id", book.id()).param("school", book.schoolId()).param("owner", book.ownerId()).param("slug", book.slug())
				.param("name", book.name()).param("now", ContactCards.utc(Instant.now()))
				.update());
		}
		catch (DuplicateKeyException ex) {
			// made by a concurrent first change
		}
	}

	/** A PROPPATCH, all or nothing: name and description (null leaves one, "" clears the description), the rest as the client's own. */
	@Transactional
	public void patch(AddressBook book, String name, String description, List<DeadProperty> set, List<QName> remove) {
		store(book);
		jdbc.sql("""
				update contact_book set name = coalesce(:name, name), description = nullif(coalesce(:description, description), ''),
				updated_at = :now where id = :id and school_id = :school""")
			.param("name", name).param("description", description).param("now", ContactCards.utc(Instant.now()))
			.param("id", book.id()).param("school", book.schoolId()).update();
		properties.patch(book.id(), set, remove);
	}

	public java.util.Map<UUID, List<DeadProperty>> properties(List<AddressBook> books) {
		return properties.of(books.stream().filter(AddressBook::stored).map(AddressBook::id).toList());
	}

	/** Deletes a book the person made, with its cards. */
	@Transactional
	public void delete(AddressBook book) {
		if (!book.removable()) {
			throw new IllegalStateException("the default address book stays");
		}
		jdbc.sql("delete from contact_book where id = :id and school_id = :school").param("id", book.id()).param("school", book.schoolId()).update();
	}
}
