package de.schulhaus.mail.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.mail.internal.Flags;
import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * What the reader does with selected messages: read or unread, flag, move, delete. Deleting moves into
 * the Papierkorb; in the Papierkorb it removes for good. Every id is checked first, so one foreign id
 * changes nothing and answers 404.
 */
@Component
class MessageActions {

	enum Action {
		READ, UNREAD, FLAG, UNFLAG, MOVE, DELETE
	}

	private final MailAccess access;
	private final MessageStore store;
	private final MailFolders folders;

	MessageActions(MailAccess access, MessageStore store, MailFolders folders) {
		this.access = access;
		this.store = store;
		this.folders = folders;
	}

	static Action parse(String value) {
		return switch (value == null ? "" : value) {
			case "gelesen" -> Action.READ;
			case "ungelesen" -> Action.UNREAD;
			case "markieren" -> Action.FLAG;
			case "entmarkieren" -> Action.UNFLAG;
			case "verschieben" -> Action.MOVE;
			case "loeschen" -> Action.DELETE;
			default -> throw new InvalidInputException("aktion", "mail.error.action");
		};
	}

	/** Applies the action; answers how many messages it touched. */
	int apply(SchulhausUser user, List<String> ids, Action action, String target) {
		if (ids == null || ids.isEmpty()) {
			throw new InvalidInputException("auswahl", "mail.error.nothingSelected");
		}
		Map<UUID, List<Long>> byFolder = new LinkedHashMap<>();
		Map<UUID, MailFolder> foldersById = new LinkedHashMap<>();
		for (String id : ids.stream().distinct().limit(1000).toList()) {
			StoredMessage message = access.message(user, id);
			byFolder.computeIfAbsent(message.folderId(), f -> new ArrayList<>()).add(message.uid());
			foldersById.computeIfAbsent(message.folderId(), f -> access.folderOf(message));
		}
		MailFolder to = action == Action.MOVE ? access.folder(user, target) : null;
		int count = 0;
		for (Map.Entry<UUID, List<Long>> entry : byFolder.entrySet()) {
			MailFolder from = foldersById.get(entry.getKey());
			List<Long> uids = entry.getValue();
			count += uids.size();
			switch (action) {
				case READ -> store.storeFlags(from, uids, MessageStore.FlagMode.ADD, Flags.NONE.withSeen(true), null);
				case UNREAD -> store.storeFlags(from, uids, MessageStore.FlagMode.REMOVE, Flags.NONE.withSeen(true), null);
				case FLAG -> store.storeFlags(from, uids, MessageStore.FlagMode.ADD, Flags.of(List.of("\\Flagged")), null);
				case UNFLAG -> store.storeFlags(from, uids, MessageStore.FlagMode.REMOVE, Flags.of(List.of("\\Flagged")), null);
				case MOVE -> {
					if (!to.mailboxId().equals(from.mailboxId())) {
						throw new NotFoundException("folder");
					}
					if (!to.id().equals(from.id())) {
						store.move(from, uids, to);
					}
				}
				case DELETE -> {
					if (from.specialUse() == SpecialUse.TRASH) {
						store.delete(from, uids);
					} else {
						MailFolder trash = folders.special(access.mailboxOf(from), SpecialUse.TRASH).orElseThrow();
						store.move(from, uids, trash);
					}
				}
			}
		}
		return count;
	}
}
