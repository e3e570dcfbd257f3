package de.schulhaus.chat.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as readers see it now. {@code seq} is its place in the room (numbered from 1, never
 * changed); {@code changedSeq} the room seq of its latest change (its own seq until it is edited,
 * deleted or reacted to): a client that has seen the room up to n needs every message whose
 * {@code changedSeq} is above n. A deleted message keeps its place and loses its text ({@code body} "").
 *
 * @param html the text as safe HTML (the Markdown subset of {@link MessageText}, mentions marked), null when deleted
 * @param reply the earlier message this one answers, null for none
 * @param reactions per emoji of {@link Reactions#EMOJI} who reacted with it, in that order; emoji nobody chose are left out
 * @param mentions the people the text mentions
 * @param attachments the files posted with it, empty when deleted
 */
public record ChatMessage(UUID id, UUID roomId, long seq, long changedSeq, UUID authorId, String authorName, String body, String html,
		Instant createdAt, Instant editedAt, boolean deleted, Reply reply, List<Reaction> reactions, List<UUID> mentions,
		List<Attachment> attachments) {

	public boolean edited() {
		return editedAt != null && !deleted;
	}

	ChatMessage withAuthorName(String name) {
		return new ChatMessage(id, roomId, seq, changedSeq, authorId, name, body, html, createdAt, editedAt, deleted, reply, reactions, mentions, attachments);
	}

	/** The message answered: its author and first line as they are now (none when it was deleted since). */
	public record Reply(UUID id, long seq, UUID authorId, String authorName, String firstLine, boolean deleted) {
	}

	/** A file posted with the message (none shown once it is deleted). */
	public record Attachment(UUID id, String name, String contentType, long size) {

		/** Whether the page shows it as a picture: the types browsers show safely (no SVG). */
		public boolean image() {
			return ChatAttachments.INLINE_TYPES.contains(contentType);
		}

		/** Whether the page shows a smaller copy of the picture in the message list (the picture itself a click away). */
		public boolean preview() {
			return image() && de.schulhaus.files.CloudFiles.previewable(contentType);
		}
	}

	/** One emoji on a message and who chose it. */
	public record Reaction(String emoji, List<UUID> by) {

		public boolean by(UUID accountId) {
			return by.contains(accountId);
		}
	}
}
