package de.schulhaus.mail.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.mail.internal.Flags;
import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MessageLists;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The reading pane: a message with its conversation, its text made safe ({@link MailHtml}) and its
 * attachments, which are streamed from the raw message. Opening a message marks it read.
 */
@Controller
class MessageController {

	/** The page's policy with remote images allowed: only for a message whose reader asked for them. */
	static final String CSP_WITH_IMAGES = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; "
			+ "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private final MailAccess access;
	private final MessageStore store;
	private final MessageParts parts;
	private final MessageLists lists;
	private final MailPages pages;
	private final de.schulhaus.mail.internal.MailFolders folders;

	MessageController(MailAccess access, MessageStore store, MessageParts parts, MessageLists lists, MailPages pages,
			de.schulhaus.mail.internal.MailFolders folders) {
		this.folders = folders;
		this.access = access;
		this.store = store;
		this.parts = parts;
		this.lists = lists;
		this.pages = pages;
	}

	@GetMapping("/mail/nachricht/{messageId}")
	String read(@AuthenticationPrincipal SchulhausUser user, @PathVariable String messageId,
			@RequestParam(defaultValue = "false") boolean bilder, HttpServletResponse response, Model model) {
		StoredMessage message = access.message(user, messageId);
		MailFolder folder = access.folderOf(message);
		if (!message.flags().seen()) {
			store.storeFlags(folder, List.of(message.uid()), MessageStore.FlagMode.ADD, Flags.NONE.withSeen(true), null);
		}
		MessageParts.Content content = parts.read(message);
		MailHtml.Safe safe = content.html() ? MailHtml.sanitize(content.text(), message.id(), bilder) : new MailHtml.Safe(MailHtml.plain(content.text()), 0);
		if (bilder) {
			response.setHeader("Content-Security-Policy", CSP_WITH_IMAGES);
		}
		pages.folders(access.usable(user), folder, model);
		model.addAttribute("moveTargets", FolderRow.of(folders.list(access.mailboxOf(folder)), java.util.Map.of()));
		model.addAttribute("message", message);
		model.addAttribute("body", safe.html());
		model.addAttribute("plain", !content.html());
		model.addAttribute("blockedImages", safe.blockedImages());
		model.addAttribute("attachments", content.attachments());
		model.addAttribute("conversation", lists.conversation(message));
		model.addAttribute("folder", folder);
		return "mail/message";
	}

	@GetMapping("/mail/nachricht/{messageId}/anhang")
	void attachment(@AuthenticationPrincipal SchulhausUser user, @PathVariable String messageId,
			@RequestParam(required = false) Integer teil, HttpServletResponse response) throws IOException {
		StoredMessage message = access.message(user, messageId);
		MessageParts.Part part = (teil == null ? java.util.Optional.<MessageParts.Part>empty() : parts.part(message, teil)).orElseThrow(() -> new NotFoundException("part"));
		// a download, never shown in our origin: an HTML attachment must not run as our page
		response.setContentType("application/octet-stream".equals(part.type()) || part.type().startsWith("text/html") ? "application/octet-stream"
				: safeType(part.type()));
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(part.name(), StandardCharsets.UTF_8).build().toString());
		response.setHeader("X-Content-Type-Options", "nosniff");
		parts.copy(message, teil, response.getOutputStream());
	}

	/** An image the message's HTML shows by {@code cid:}. */
	@GetMapping("/mail/nachricht/{messageId}/bild")
	void inlineImage(@AuthenticationPrincipal SchulhausUser user, @PathVariable String messageId, @RequestParam(required = false) String cid,
			HttpServletResponse response) throws IOException {
		StoredMessage message = access.message(user, messageId);
		MessageParts.Part part = parts.structure(message).parts().stream().filter(p -> p.contentId() != null && p.contentId().equals(cid) && p.type().startsWith("image/")
				&& !p.type().contains("svg")).findFirst().orElseThrow(() -> new NotFoundException("part"));
		response.setContentType(part.type());
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "private, max-age=3600");
		parts.copy(message, part.number(), response.getOutputStream());
	}

	private static String safeType(String type) {
		return type.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") && !type.contains("svg") && !type.contains("xml") && !type.contains("javascript")
				? type : "application/octet-stream";
	}
}
