package de.schulhaus.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.chat.internal.ChatProperties;
import de.schulhaus.chat.internal.ChatRules;
import de.schulhaus.chat.internal.MentionDigestRows;
import de.schulhaus.chat.internal.MentionDigestRules;
import de.schulhaus.chat.internal.MentionDigestRules.Decision;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.chat.internal.SchoolChatRules;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;

/**
 * The messenger's side of the mail digest of unread mentions, for a module that delivers mail: who has mentions
 * still unread {@code schulhaus.chat.digest-delay} after they were made, what they are, and recording that they were
 * mailed, so each mention is mailed at most once. A mention read in time, deleted, in a room the person can no longer
 * read, or of someone who switched the digest off is never mailed; a pupil's waits for the end of the school's quiet
 * hours. The messenger itself sends nothing: without a mail module the mentions just stay in the chat.
 */
@Service
public class MentionDigests {

	private static final Logger log = LoggerFactory.getLogger(MentionDigests.class);
	static final int EXCERPT = 200;

	private final MentionDigestRows rows;
	private final AccountManagement accounts;
	private final SchoolManagement schools;
	private final SchoolChatRules rules;
	private final RoomAccess access;
	private final ChatProperties properties;

	MentionDigests(MentionDigestRows rows, AccountManagement accounts, SchoolManagement schools, SchoolChatRules rules, RoomAccess access,
			ChatProperties properties) {
		this.rows = rows;
		this.accounts = accounts;
		this.schools = schools;
		this.rules = rules;
		this.access = access;
		this.properties = properties;
	}

	/**
	 * One unread mention.
	 *
	 * @param roomName as the person sees the room (a direct chat by the other person's name)
	 * @param excerpt the start of the message as plain text, on one line; the author's text, not to be read as markup
	 * @param href the room's page, relative to the platform's address
	 */
	public record Mention(UUID messageId, UUID roomId, String roomName, String authorName, Instant at, String excerpt, String href) {
	}

	/** A person's mentions to mail now, by room and in each room's order. */
	public record Digest(Account person, List<Mention> mentions) {

		public List<UUID> messageIds() {
			return mentions.stream().map(Mention::messageId).toList();
		}
	}

	/**
	 * The digests due at {@code now}. On the way, the mentions that will never be mailed are settled, so the next run
	 * does not look at them again.
	 */
	public List<Digest> due(Instant now) {
		Instant cutoff = now.minus(properties.digestDelay());
		List<Digest> due = new ArrayList<>();
		for (MentionDigestRows.Person person : rows.peopleWithOpen(cutoff)) {
			try {
				collect(person, now, cutoff).ifPresent(due::add);
			} catch (RuntimeException e) {
				// one person's trouble must not keep everybody else's digest back
				log.warn("Mention digest of account {} not collected: {}", person.accountId(), e.toString());
			}
		}
		return due;
	}

	/**
	 * Records that the digest was delivered; answers false, changing nothing, when one of its mentions was decided
	 * about meanwhile (another run): then the caller rolls its delivery back. Call it in the delivery's transaction.
	 */
	public boolean markMailed(Digest digest, Instant now) {
		List<UUID> ids = digest.messageIds();
		int settled = rows.settle(personOf(digest), ids, Decision.MAIL.state(), now);
		return settled == ids.size();
	}

	/** Records that the digest will not be mailed (the person has no mailbox to put it in); its mentions are not offered again. */
	public void markSkipped(Digest digest, Instant now) {
		rows.settle(personOf(digest), digest.messageIds(), Decision.SKIP.state(), now);
	}

	/** The setting "E-Mail bei ungelesenen Erwähnungen" of the person (on unless they switched it off). */
	public boolean mailWanted(SchulhausUser user) {
		return user.schoolId() != null && !rows.switchedOff(user.schoolId(), user.accountId());
	}

	public void setMailWanted(SchulhausUser user, boolean wanted) {
		if (user.schoolId() == null) {
			throw new NotFoundException("setting");
		}
		rows.switchOff(user.schoolId(), user.accountId(), !wanted);
	}

	private Optional<Digest> collect(MentionDigestRows.Person person, Instant now, Instant cutoff) {
		List<MentionDigestRows.Open> open = rows.openOf(person, cutoff);
		if (open.isEmpty()) {
			return Optional.empty();
		}
		Optional<Account> account = accounts.find(person.schoolId(), person.accountId());
		boolean schoolOpen = schools.find(person.schoolId()).map(School::signInAllowed).orElse(false);
		boolean mayGetMail = schoolOpen && account.map(Account::active).orElse(false);
		boolean quiet = account.map(a -> a.role() == Role.PUPIL).orElse(false)
				&& rules.of(person.schoolId()).quietAt(now.atZone(ChatRules.SCHOOL_TIME));
		MentionDigestRules.Reader reader = new MentionDigestRules.Reader(person.accountId(), mayGetMail,
				rows.switchedOff(person.schoolId(), person.accountId()), quiet);
		SchulhausUser asUser = account.map(MentionDigests::asUser).orElse(null);
		Map<UUID, Optional<RoomRights>> rooms = new HashMap<>();
		Map<Decision, List<UUID>> settled = new LinkedHashMap<>();
		List<MentionDigestRows.Open> toMail = new ArrayList<>();
		for (MentionDigestRows.Open mention : open) {
			Optional<RoomRights> room = rooms.computeIfAbsent(mention.roomId(),
					id -> asUser == null ? Optional.empty() : access.find(asUser, id));
			Decision decision = MentionDigestRules.decide(mention, reader, room.isPresent());
			if (decision == Decision.MAIL) {
				toMail.add(mention);
			} else if (decision.state() != null) {
				settled.computeIfAbsent(decision, d -> new ArrayList<>()).add(mention.messageId());
			}
		}
		settled.forEach((decision, ids) -> rows.settle(person, ids, decision.state(), now));
		if (toMail.isEmpty()) {
			return Optional.empty();
		}
		Map<UUID, String> authors = accounts.names(person.schoolId(), toMail.stream().map(MentionDigestRows.Open::authorId).distinct().toList());
		List<Mention> mentions = toMail.stream().map(m -> new Mention(m.messageId(), m.roomId(), rooms.get(m.roomId()).orElseThrow().room().name(),
				authors.getOrDefault(m.authorId(), "–"), m.createdAt(), excerpt(m.body()), "/chat/raum/" + m.roomId())).toList();
		return Optional.of(new Digest(account.orElseThrow(), mentions));
	}

	/** The start of a message on one line, without control characters; "…" where it was cut. */
	static String excerpt(String body) {
		String text = body == null ? "" : body.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\s]+", " ").strip();
		if (text.codePointCount(0, text.length()) <= EXCERPT) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, EXCERPT - 1)).stripTrailing() + "…";
	}

	private static MentionDigestRows.Person personOf(Digest digest) {
		return new MentionDigestRows.Person(digest.person().schoolId(), digest.person().id());
	}

	private static SchulhausUser asUser(Account account) {
		return new SchulhausUser(account.id(), account.schoolId(), account.login(), account.displayName(), account.role(), account.language(),
				account.totpEnabled(), account.active(), null);
	}
}
