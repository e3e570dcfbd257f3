package de.schulhaus.chat.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as one reader gets it over HTTP and WebSocket alike. {@code body} is the text as written
 * (for editing; clients show it only as text), {@code html} the same as safe HTML made on the server
 * (null when deleted). Clients resume from the greatest {@code changedSeq} they have seen.
 */
public record MessageView(UUID id, UUID roomId, long seq, long changedSeq, UUID authorId, String authorName, String body, String html,
		Instant createdAt, boolean edited, Instant editedAt, boolean deleted, ReplyView replyTo, List<ReactionView> reactions,
		List<UUID> mentions, List<AttachmentView> attachments) {

	public static MessageView of(ChatMessage m, UUID reader) {
		ChatMessage.Reply r = m.reply();
		ReplyView reply = r == null ? null : new ReplyView(r.id(), r.seq(), r.authorName(), r.firstLine(), r.deleted());
		List<ReactionView> reactions = m.reactions().stream().map(x -> new ReactionView(x.emoji(), x.by().size(), x.by(reader))).toList();
		return new MessageView(m.id(), m.roomId(), m.seq(), m.changedSeq(), m.authorId(), m.authorName(), m.body(), m.html(), m.createdAt(),
				m.edited(), m.edited() ? m.editedAt() : null, m.deleted(), reply, reactions, m.mentions(),
				m.attachments().stream().map(a -> new AttachmentView(a.id(), a.name(), a.contentType(), a.size(), a.image(),
						"/api/v1/chat/attachments/" + a.id(), a.preview() ? "/api/v1/chat/attachments/" + a.id() + "/preview" : null)).toList());
	}

	/** The message answered: its author and first line (none when it is deleted). */
	public record ReplyView(UUID id, long seq, String authorName, String firstLine, boolean deleted) {
	}

	/**
	 * A file posted with the message: {@code href} downloads it (for the room's members), an image shows inline from there;
	 * {@code previewHref} a smaller copy of a picture (at most {@value ChatAttachments#PREVIEW_WIDTH} pixels wide) for the
	 * message list, null where there is none (the picture itself is shown then).
	 */
	public record AttachmentView(UUID id, String name, String contentType, long size, boolean image, String href, String previewHref) {
	}

	/** How many chose this emoji, and whether the reader is one of them. */
	public record ReactionView(String emoji, int count, boolean mine) {
	}
}
