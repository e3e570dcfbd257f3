package de.schulhaus.contacts.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.SchulhausUser;

/**
 * What a viewer's directory held at the sync tokens they were given, so that the next sync-collection answers
 * with the cards that appeared or changed and those that went, not the whole directory. Each viewer keeps their
 * newest {@link #KEPT} tokens (a phone and a laptop syncing apart); an older or foreign token is unknown, and the
 * client lists the book again, as RFC 6578 provides.
 */
@Component
class DirectorySnapshots {

	static final int KEPT = 4;
	// a snapshot line is "<36-character id> <32-character etag>"; beyond the column's size the directory syncs in full
	private static final int MAX_LENGTH = 1_000_000;

	private final JdbcClient jdbc;

	DirectorySnapshots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records that this viewer was given the listing's token, and forgets their older ones beyond the newest few. */
	@Transactional
	void issued(SchulhausUser viewer, Directory.Listing listing) {
		String cards = lines(listing.cards());
		if (cards.length() > MAX_LENGTH) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("insert into contact_directory_snapshot (token, school_id, cards, created_at) values (:token, :school, :cards, :now) "
				+ "on conflict do nothing")
			.param("token", listing.token()).param("school", viewer.schoolId()).param("cards", cards).param("now", now).update();
		int renewed = jdbc.sql("update contact_directory_token set issued_at = :now where account_id = :account and token = :token")
			.param("now", now).param("account", viewer.accountId()).param("token", listing.token()).update();
		if (renewed > 0) {
			return;
		}
		jdbc.sql("insert into contact_directory_token (account_id, token, school_id, issued_at) values (:account, :token, :school, :now) "
				+ "on conflict do nothing")
			.param("account", viewer.accountId()).param("token", listing.token()).param("school", viewer.schoolId()).param("now", now).update();
		List<String> older = jdbc.sql("select token from contact_directory_token where account_id = :account order by issued_at desc, token")
			.param("account", viewer.accountId()).query(String.class).list();
		if (older.size() > KEPT) {
			jdbc.sql("delete from contact_directory_token where account_id = :account and token in (:tokens)")
				.param("account", viewer.accountId()).param("tokens", older.subList(KEPT, older.size())).update();
			jdbc.sql("delete from contact_directory_snapshot s where s.school_id = :school and s.token in (:tokens) "
					+ "and not exists (select 1 from contact_directory_token t where t.token = s.token)")
				.param("school", viewer.schoolId()).param("tokens", older.subList(KEPT, older.size())).update();
		}
	}

	/** The difference from what the token held to the listing; empty when the token was not given to this viewer (or is forgotten). */
	Optional<Directory.Changes> since(SchulhausUser viewer, String token, Directory.Listing now) {
		Optional<String> held = jdbc.sql("""
				select s.cards from contact_directory_snapshot s join contact_directory_token t on t.token = s.token
				where t.account_id = :account and t.token = :token and s.school_id = :school""")
			.param("account", viewer.accountId()).param("token", token).param("school", viewer.schoolId()).query(String.class).optional();
		if (held.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> before = new HashMap<>();
		for (String line : held.get().split("\n")) {
			int space = line.indexOf(' ');
			if (space > 0) {
				before.put(line.substring(0, space), line.substring(space + 1));
			}
		}
		List<DirectoryCard> changed = new ArrayList<>();
		for (DirectoryCard card : now.cards()) {
			String etag = before.remove(card.id().toString());
			if (!card.etag().equals(etag)) {
				changed.add(card);
			}
		}
		List<String> gone = before.keySet().stream().sorted().map(id -> id + ".vcf").toList();
		return Optional.of(new Directory.Changes(changed, gone));
	}

	void removeSchool(UUID school) {
		jdbc.sql("delete from contact_directory_token where school_id = :school").param("school", school).update();
		jdbc.sql("delete from contact_directory_snapshot where school_id = :school").param("school", school).update();
	}

	/** The tokens of people who are gone; their snapshots stay while someone else holds the same token, else go. */
	void removeViewers(UUID school, List<UUID> accounts) {
		jdbc.sql("delete from contact_directory_token where school_id = :school and account_id in (:accounts)")
			.param("school", school).param("accounts", accounts).update();
		jdbc.sql("delete from contact_directory_snapshot s where s.school_id = :school "
				+ "and not exists (select 1 from contact_directory_token t where t.token = s.token)")
			.param("school", school).update();
	}

	private static String lines(List<DirectoryCard> cards) {
		StringBuilder text = new StringBuilder(cards.size() * 70);
		cards.forEach(c -> text.append(c.id()).append(' ').append(c.etag()).append('\n'));
		return text.toString();
	}
}
