package de.schulhaus.chat.internal;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import de.schulhaus.files.CloudFiles;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Files posted with a message. The file goes into the poster's own cloud files, folder {@value #FOLDER}
 * ({@link CloudFiles#saveToMyFolder}), and counts against the poster's quota: a group space exists only for roster
 * rooms, pupils may not write to most of them and every group member could change the file there, while in
 * one's own files nobody but the poster sees it in {@code /dateien}. The room's members read it only through
 * {@link #open}, which checks at each request that the reader reads the room (so whoever leaves the room
 * loses it) and that the message is not deleted; the poster deleting the file removes it from the chat too.
 */
@Service
public class ChatAttachments {

	/** The folder in "Meine Dateien" that takes a person's chat attachments. */
	public static final String FOLDER = "Chat-Anhänge";

	/** Types the page shows as pictures, from the download address: those browsers show without running anything (no SVG). */
	public static final Set<String> INLINE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

	/** The widest preview of a picture in the message list, in pixels: sharp at twice the list's largest picture. */
	public static final int PREVIEW_WIDTH = 480;
	/** And the tallest: the list shows pictures at most half as tall. */
	public static final int PREVIEW_HEIGHT = 480;

	private final JdbcClient jdbc;
	private final RoomAccess access;
	private final ChatMessages messages;
	private final CloudFiles files;
	private final ChatProperties properties;

	ChatAttachments(JdbcClient jdbc, RoomAccess access, ChatMessages messages, CloudFiles files, ChatProperties properties) {
		this.jdbc = jdbc;
		this.access = access;
		this.messages = messages;
		this.files = files;
		this.properties = properties;
	}

	/** The largest file the messenger takes, in bytes. */
	public long maxBytes() {
		return properties.attachmentMaxBytes().toBytes();
	}

	/**
	 * Saves the file into the poster's {@value #FOLDER} and posts it as the room's next message with {@code text} (none:
	 * the file's name). Everything is checked before the file is saved (outside a transaction: an upload must not hold a
	 * database connection); should posting fail after all, the file goes to the poster's trash.
	 *
	 * @throws AttachmentTooLargeException when the file is larger than {@link #maxBytes()}
	 */
	public ChatMessage post(SchulhausUser user, RoomRights rights, String text, UUID replyTo, String name, String contentType, long size,
			InputStream content) {
		if (!rights.mayPost()) {
			throw rights.refusal();
		}
		if (size > maxBytes()) {
			throw new AttachmentTooLargeException(maxBytes());
		}
		String fileName = name == null ? "" : name.replace('\\', '/');
		fileName = fileName.substring(fileName.lastIndexOf('/') + 1).strip();
		if (fileName.isEmpty() || size <= 0) {
			throw new InvalidInputException("file", "chat.error.attachmentMissing");
		}
		String body = ChatMessages.validBody(text == null || text.isBlank() ? fileName : text);
		if (replyTo != null) {
			messages.replyTarget(user.schoolId(), rights.room().id(), replyTo);
		}
		CloudFiles.CloudFile saved;
		try {
			saved = files.saveToMyFolder(user, FOLDER, fileName, contentType, content);
		} catch (CloudFiles.NotSaved e) {
			throw new InvalidInputException("file", "chat.error.attachmentNotSaved");
		}
		try {
			return messages.postWithFile(user, rights, body, replyTo, new ChatMessages.PostedFile(saved.id(), saved.name(), saved.contentType(), saved.size()));
		} catch (RuntimeException e) {
			files.trashFromMyFiles(user, saved.id());
			throw e;
		}
	}

	/**
	 * Posts a file of the poster's own files as the room's next message, by reference (nothing is copied): the room's members
	 * open it as long as they are members and the file is there. Only one's own files: a file of a group's, the school's
	 * or the office's space belongs to those who share that space, and a reference would let members of the room who are not
	 * among them read it; such files go into a message as a link, which every reader follows with their own rights.
	 */
	public ChatMessage postFromMyFiles(SchulhausUser user, RoomRights rights, String text, UUID replyTo, UUID fileId) {
		if (!rights.mayPost()) {
			throw rights.refusal();
		}
		CloudFiles.CloudFile file = files.ownedBy(user.schoolId(), user.accountId(), fileId)
			.orElseThrow(() -> new InvalidInputException("fileId", files.readable(user, fileId).isPresent() ? "chat.error.notOwnFile" : "chat.error.noSuchFile"));
		String body = ChatMessages.validBody(text == null || text.isBlank() ? file.name() : text);
		return messages.postWithFile(user, rights, body, replyTo, new ChatMessages.PostedFile(file.id(), file.name(), file.contentType(), file.size()));
	}

	/**
	 * An attachment's file and content for a reader of its room while its message is not deleted and its owner still has
	 * the file; empty otherwise (another school's id, a room the person does not read, alike).
	 */
	public Optional<CloudFiles.OpenedFile> open(SchulhausUser user, UUID attachmentId) {
		return readable(user, attachmentId).flatMap(ref -> files.openOwnedBy(user.schoolId(), ref.owner(), ref.file()));
	}

	/**
	 * A smaller copy of an attached picture ({@value #PREVIEW_WIDTH} pixels wide at most) for whoever may {@link #open} it;
	 * empty like there, and for a file that is no picture the server can scale. Where {@code knownEtag} (the reader's
	 * If-None-Match) is still the preview's tag, nothing is scaled again.
	 */
	public Optional<CloudFiles.Preview> preview(SchulhausUser user, UUID attachmentId, String knownEtag) {
		return readable(user, attachmentId)
			.flatMap(ref -> files.previewOwnedBy(user.schoolId(), ref.owner(), ref.file(), PREVIEW_WIDTH, PREVIEW_HEIGHT, knownEtag));
	}

	/** The attachment's file, if the person reads its room and its message is not deleted. */
	private Optional<Ref> readable(SchulhausUser user, UUID attachmentId) {
		if (user.schoolId() == null || attachmentId == null) {
			return Optional.empty();
		}
		Optional<Ref> ref = jdbc.sql("select a.room_id, a.owner_id, a.file_id from chat_attachment a join chat_message m on m.id = a.message_id "
				+ "where a.school_id = :school and a.id = :id and m.deleted_at is null")
			.param("school", user.schoolId()).param("id", attachmentId)
			.query((rs, n) -> new Ref(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class))).optional();
		if (ref.isEmpty() || access.find(user, ref.get().room()).isEmpty()) {
			return Optional.empty();
		}
		return ref;
	}

	private record Ref(UUID room, UUID owner, UUID file) {
	}
}
