package de.schulhaus.contacts.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import de.schulhaus.platform.SchulhausUser;

/**
 * A person's own address books in their data export, one .vcf file per book with every card as the
 * program sent it (any address book program imports it), and erased with the account.
 */
@Component
class ContactsPersonalData implements PersonalDataProvider {

	private final JdbcClient jdbc;
	private final ContactsRemoval removal;

	ContactsPersonalData(JdbcClient jdbc, ContactsRemoval removal) {
		this.jdbc = jdbc;
		this.removal = removal;
	}

	@Override
	public String section() {
		return "kontakte";
	}

	@Override
	public String titleKey() {
		return "contacts.personalData.section";
	}

	@Override
	public int order() {
		return 120;
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		if (person.schoolId() == null) {
			return;
		}
		Map<String, StringBuilder> books = new LinkedHashMap<>();
		jdbc.sql("select b.slug, c.data from contact_card c join contact_book b on b.id = c.book_id "
				+ "where b.school_id = :school and b.owner_id = :owner order by b.slug, c.name")
			.param("school", person.schoolId()).param("owner", person.accountId())
			.query((java.sql.ResultSet rs) -> {
				StringBuilder book = books.computeIfAbsent(rs.getString(1), k -> new StringBuilder());
				String data = rs.getString(2);
				book.append(data);
				if (!data.endsWith("\n")) {
					book.append("\r\n");
				}
			});
		for (Map.Entry<String, StringBuilder> book : books.entrySet()) {
			export.file(book.getKey() + ".vcf", PersonalDataProvider.text("contacts.personalData.book"),
					new ByteArrayInputStream(book.getValue().toString().getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		if (person.schoolId() == null) {
			return new Erasure(List.of(), List.of());
		}
		long cards = removal.removeBooks(person.schoolId(), List.of(person.accountId()));
		return new Erasure(List.of(PersonalDataProvider.text("contacts.personalData.erased", cards)), List.of());
	}
}
