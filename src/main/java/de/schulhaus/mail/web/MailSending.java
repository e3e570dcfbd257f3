package de.schulhaus.mail.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import de.schulhaus.files.CloudFiles;
import de.schulhaus.mail.internal.Flags;
import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.MessageTooLargeException;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StagedMessage;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.mail.internal.Submission;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Sends a composed message through {@link Submission} (the school's rules per recipient, the copy in
 * "Gesendet") or keeps it as a draft in "Entwürfe", replacing the draft's previous version. The
 * attachments come from the computer (the request's parts, which the server keeps on disk), from the
 * cloud and from another stored message; each is streamed into the message.
 */
@Component
class MailSending {

	private final MailAccess access;
	private final MessageParts parts;
	private final CloudFiles cloud;
	private final OutgoingMessages outgoing;
	private final Submission submission;
	private final MailPolicies policies;
	private final MailFolders folders;
	private final MessageStore store;

	MailSending(MailAccess access, MessageParts parts, CloudFiles cloud, OutgoingMessages outgoing, Submission submission,
			MailPolicies policies, MailFolders folders, MessageStore store) {
		this.access = access;
		this.parts = parts;
		this.cloud = cloud;
		this.outgoing = outgoing;
		this.submission = submission;
		this.policies = policies;
		this.folders = folders;
		this.store = store;
	}

	long maxBytes(SchulhausUser user) {
		return policies.of(user.schoolId(), user.role()).maxMessageBytes();
	}

	/** Sends; answers what became of each recipient. The draft it came from goes once anything went out. */
	Submission.Result send(SchulhausUser user, ComposeForm form, List<MultipartFile> uploads, String fromMailbox) {
		form.checkHeaders();
		List<String> recipients = form.recipients(true).stream().map(a -> a.getAddress()).toList();
		Mailbox mailbox = access.sendingMailbox(user, fromMailbox);
		OutgoingMessages.Author author = author(user, mailbox);
		StagedMessage staged = stage(author, user, form, attachments(user, form, uploads), true);
		Submission.Result result;
		try {
			result = submission.submit(new Submission.Sender(user.schoolId(), user.accountId(), user.role(), mailbox, author.address()), recipients,
					staged, true);
		} catch (MessageTooLargeException e) {
			throw tooLarge(e.limit());
		}
		if (result.anyAccepted()) {
			removeDraft(user, form.entwurf());
			markAnswered(user, form.antwortId());
		}
		return result;
	}

	/**
	 * Keeps the form as a draft in the person's own Entwürfe, replacing its previous version; answers the new draft.
	 * Its From is the mailbox chosen under "Von" (a function's address), so the draft reopens writing as that one.
	 */
	StoredMessage saveDraft(SchulhausUser user, ComposeForm form, List<MultipartFile> uploads, String fromMailbox) {
		form.checkHeaders();
		form.recipients(false);
		Mailbox mailbox = access.mailbox(user);
		MailFolder drafts = folders.special(mailbox, SpecialUse.DRAFTS).orElseThrow();
		OutgoingMessages.Author author = author(user, access.sendingMailbox(user, fromMailbox));
		StagedMessage staged = stage(author, user, form, attachments(user, form, uploads), false);
		MessageStore.Appended appended = store.append(mailbox, drafts, staged, new Flags(true, false, false, false, true, java.util.Set.of()), null);
		removeDraft(user, form.entwurf());
		return store.find(user.schoolId(), appended.messageId()).orElseThrow();
	}

	/** A person writes under their sign-in name; from a function mailbox under its address and name (sekretariat@…). */
	static OutgoingMessages.Author author(SchulhausUser user, Mailbox mailbox) {
		if (mailbox.personal()) {
			return new OutgoingMessages.Author(user.login(), user.displayName());
		}
		String domain = user.login().substring(user.login().indexOf('@') + 1);
		return new OutgoingMessages.Author(mailbox.localPart() + "@" + domain, mailbox.displayName());
	}

	private StagedMessage stage(OutgoingMessages.Author author, SchulhausUser user, ComposeForm form, List<OutgoingMessages.Attachment> attachments,
			boolean forSending) {
		try {
			return outgoing.stage(author, form, attachments, forSending, maxBytes(user));
		} catch (MessageTooLargeException e) {
			throw tooLarge(e.limit());
		}
	}

	private InvalidInputException tooLarge(long limit) {
		return new InvalidInputException("anhang", "mail.compose.error.tooLarge", limit / (1024 * 1024));
	}

	private List<OutgoingMessages.Attachment> attachments(SchulhausUser user, ComposeForm form, List<MultipartFile> uploads) {
		List<OutgoingMessages.Attachment> all = new ArrayList<>();
		long known = 0;
		if (form.quelle() != null && !form.quelle().isBlank() && !form.behalten().isEmpty()) {
			StoredMessage source = access.message(user, form.quelle());
			for (MessageParts.Part part : parts.structure(source).attachments()) {
				if (form.behalten().contains(part.number())) {
					all.add(new OutgoingMessages.Attachment(part.name(), part.type(), () -> parts.open(source, part.number())));
				}
			}
		}
		for (String id : form.cloud().stream().distinct().limit(50).toList()) {
			UUID fileId = Ids.parse(id, "file");
			CloudFiles.CloudFile file = cloud.readable(user, fileId).orElseThrow(() -> new InvalidInputException("cloud", "mail.compose.error.cloudFile"));
			known += file.size();
			all.add(new OutgoingMessages.Attachment(file.name(), file.contentType(),
					() -> cloud.open(user, fileId).orElseThrow(() -> new java.io.FileNotFoundException(file.name()))));
		}
		for (MultipartFile upload : uploads == null ? List.<MultipartFile>of() : uploads) {
			if (upload.isEmpty()) {
				continue;
			}
			known += upload.getSize();
			String name = upload.getOriginalFilename() == null ? "anhang" : upload.getOriginalFilename().replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
			String type = upload.getContentType() == null || !upload.getContentType().matches("[\\w.+-]+/[\\w.+-]+") ? "application/octet-stream"
					: upload.getContentType().toLowerCase(Locale.ROOT);
			all.add(new OutgoingMessages.Attachment(name.isEmpty() ? "anhang" : name, type, upload::getInputStream));
		}
		if (known > maxBytes(user)) {
			throw tooLarge(maxBytes(user));
		}
		return all;
	}

	private void removeDraft(SchulhausUser user, String draftId) {
		if (draftId == null || draftId.isBlank()) {
			return;
		}
		StoredMessage draft;
		try {
			draft = access.message(user, draftId);
		} catch (de.schulhaus.platform.NotFoundException gone) {
			// saved away meanwhile (another tab, a mail app): nothing to replace
			return;
		}
		MailFolder folder = access.folderOf(draft);
		if (folder.specialUse() == SpecialUse.DRAFTS) {
			store.delete(folder, List.of(draft.uid()));
		}
	}

	private void markAnswered(SchulhausUser user, String originalId) {
		if (originalId == null || originalId.isBlank()) {
			return;
		}
		try {
			StoredMessage original = access.message(user, originalId);
			store.storeFlags(access.folderOf(original), List.of(original.uid()), MessageStore.FlagMode.ADD, Flags.of(List.of("\\Answered")), null);
		} catch (de.schulhaus.platform.NotFoundException gone) {
			// the message answered was deleted meanwhile
		}
	}
}
