package de.schulhaus.mail.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The compose form filled in for a reply (to the sender, or to everybody but oneself), a forward (with
 * the attachments) or a draft continued; replies carry In-Reply-To and References so the conversation
 * stays together.
 */
@Component
class ComposePrefill {

	private final MailAccess access;
	private final MessageParts parts;
	private final MessageSource messages;
	private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm")
		.withZone(java.time.ZoneId.of("Europe/Berlin"));

	ComposePrefill(MailAccess access, MessageParts parts, MessageSource messages) {
		this.access = access;
		this.parts = parts;
		this.messages = messages;
	}

	/** The form, the attachments it keeps from another message and the "Von" choice (empty: the person's own mailbox). */
	record Prefilled(ComposeForm form, List<MessageParts.Part> kept, String von) {

		Prefilled(ComposeForm form, List<MessageParts.Part> kept) {
			this(form, kept, null);
		}
	}

	Prefilled reply(SchulhausUser user, String id, boolean all, Locale locale) {
		StoredMessage original = access.message(user, id);
		MessageParts.Content content = parts.read(original);
		List<String> replyTo = content.addresses("reply-to");
		Set<String> to = new LinkedHashSet<>(replyTo.isEmpty() ? nullSafe(original.fromAddress()) : replyTo);
		Set<String> cc = new LinkedHashSet<>();
		if (all) {
			to.addAll(content.addresses("to"));
			cc.addAll(content.addresses("cc"));
		}
		// a message of a function mailbox is answered as that mailbox, and its address is no recipient then
		String von = functionMailboxOf(user, original);
		String me = von == null ? user.login().toLowerCase(Locale.ROOT) : functionAddress(user, original);
		to.removeIf(a -> a.equalsIgnoreCase(me));
		if (to.isEmpty()) {
			// answering one's own message (from Gesendet): it goes to whom that one went
			to.addAll(content.addresses("to"));
			to.removeIf(a -> a.equalsIgnoreCase(me));
		}
		cc.removeIf(a -> a.equalsIgnoreCase(me) || a.equalsIgnoreCase(user.login()) || to.contains(a));
		String references = join(content.references(), original.messageId());
		String quote = "<p><br></p><p>" + HtmlUtils.htmlEscape(messages.getMessage("mail.compose.wrote",
				new Object[] { WHEN.format(original.sentAt() != null ? original.sentAt() : original.receivedAt()), sender(original) }, locale))
				+ "</p><blockquote>" + quoted(original, content) + "</blockquote>";
		return new Prefilled(new ComposeForm(String.join(", ", to), String.join(", ", cc), "", prefix("Re: ", original.subject()), quote, "html",
				original.messageId(), references, original.id().toString(), null, null, List.of(), List.of()), List.of(), von);
	}

	Prefilled forward(SchulhausUser user, String id, Locale locale) {
		StoredMessage original = access.message(user, id);
		MessageParts.Content content = parts.read(original);
		String head = "<p><br></p><p>" + HtmlUtils.htmlEscape(messages.getMessage("mail.compose.forwarded", null, locale)) + "<br>"
				+ HtmlUtils.htmlEscape(messages.getMessage("mail.from", null, locale) + ": " + sender(original)) + "<br>"
				+ HtmlUtils.htmlEscape(messages.getMessage("mail.date", null, locale) + ": "
						+ WHEN.format(original.sentAt() != null ? original.sentAt() : original.receivedAt())) + "<br>"
				+ HtmlUtils.htmlEscape(messages.getMessage("mail.compose.subject", null, locale) + ": " + nullToEmpty(original.subject())) + "</p>";
		List<MessageParts.Part> attachments = content.attachments();
		return new Prefilled(new ComposeForm("", "", "", prefix("WG: ", original.subject()), head + "<blockquote>" + quoted(original, content)
				+ "</blockquote>", "html", null, null, null, null, original.id().toString(),
				attachments.stream().map(MessageParts.Part::number).toList(), List.of()), attachments, functionMailboxOf(user, original));
	}

	/** The function mailbox the message lies in, as the "Von" choice names it; null for the person's own. */
	private String functionMailboxOf(SchulhausUser user, StoredMessage message) {
		return access.usable(user).stream().filter(m -> !m.personal() && m.id().equals(message.mailboxId())).map(m -> m.id().toString())
			.findFirst().orElse(null);
	}

	private String functionAddress(SchulhausUser user, StoredMessage message) {
		return access.usable(user).stream().filter(m -> m.id().equals(message.mailboxId())).map(m -> MailSending.author(user, m).address())
			.findFirst().orElse(user.login()).toLowerCase(Locale.ROOT);
	}

	Prefilled draft(SchulhausUser user, String id) {
		StoredMessage draft = access.message(user, id);
		if (access.folderOf(draft).specialUse() != SpecialUse.DRAFTS) {
			throw new NotFoundException("draft");
		}
		MessageParts.Content content = parts.read(draft);
		List<MessageParts.Part> attachments = content.attachments();
		String text = content.html() ? ComposedHtml.clean(content.text()) : content.text();
		return new Prefilled(new ComposeForm(String.join(", ", content.addresses("to")), String.join(", ", content.addresses("cc")),
				String.join(", ", content.addresses("bcc")), nullToEmpty(draft.subject()), text, content.html() ? "html" : "text",
				draft.inReplyTo(), content.references(), null, draft.id().toString(), draft.id().toString(),
				attachments.stream().map(MessageParts.Part::number).toList(), List.of()), attachments, sender(user, draft.fromAddress()));
	}

	/** The function mailbox the draft was written as, found by its From; a mailbox the person no longer shares is not offered. */
	private String sender(SchulhausUser user, String fromAddress) {
		if (fromAddress == null) {
			return null;
		}
		return access.usable(user).stream().filter(m -> !m.personal())
			.filter(m -> MailSending.author(user, m).address().equalsIgnoreCase(fromAddress))
			.map(m -> m.id().toString()).findFirst().orElse(null);
	}

	/** The attachments of a message the person may read (what a forward or a draft keeps). */
	List<MessageParts.Part> attachments(SchulhausUser user, String id) {
		return parts.structure(access.message(user, id)).attachments();
	}

	private static String quoted(StoredMessage original, MessageParts.Content content) {
		return content.html() ? ComposedHtml.clean(content.text()) : HtmlUtils.htmlEscape(content.text()).replace("\n", "<br>");
	}

	private static String sender(StoredMessage message) {
		String address = nullToEmpty(message.fromAddress());
		return message.fromName() == null || message.fromName().isBlank() ? address : message.fromName() + " <" + address + ">";
	}

	private static String prefix(String prefix, String subject) {
		String value = nullToEmpty(subject).strip();
		String lower = value.toLowerCase(Locale.ROOT);
		return lower.startsWith(prefix.toLowerCase(Locale.ROOT)) || lower.startsWith("aw: ") && prefix.equals("Re: ") ? value : prefix + value;
	}

	private static String join(String references, String messageId) {
		List<String> ids = new ArrayList<>();
		if (references != null) {
			for (String id : references.strip().split("\\s+")) {
				if (id.startsWith("<") && id.endsWith(">") && ids.size() < 30) {
					ids.add(id);
				}
			}
		}
		if (messageId != null && !ids.contains(messageId)) {
			ids.add(messageId);
		}
		return String.join(" ", ids);
	}

	private static List<String> nullSafe(String address) {
		return address == null ? List.of() : List.of(address);
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}
}
