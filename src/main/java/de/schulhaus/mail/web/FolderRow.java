package de.schulhaus.mail.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.SpecialUse;

/**
 * A folder as the folder list shows it: the standard folders by their German name and icon, own folders
 * by the last part of their path, indented by their level.
 *
 * @param labelKey message key of a standard folder's name, or null for an own folder ({@link #label()})
 */
record FolderRow(UUID id, String name, String label, String labelKey, String icon, int depth, long unread, boolean own, boolean trash) {

	static List<FolderRow> of(List<MailFolder> folders, Map<UUID, Long> unread) {
		List<FolderRow> rows = new ArrayList<>();
		for (MailFolder folder : folders) {
			SpecialUse use = folder.specialUse();
			long count = unread.getOrDefault(folder.id(), 0L);
			if (use != null) {
				rows.add(new FolderRow(folder.id(), folder.name(), null, "mail.folder." + use.name().toLowerCase(java.util.Locale.ROOT), icon(use), 0,
						use == SpecialUse.TRASH || use == SpecialUse.SENT ? 0 : count, false, use == SpecialUse.TRASH));
			} else {
				String name = folder.name();
				int depth = (int) name.chars().filter(c -> c == '/').count();
				rows.add(new FolderRow(folder.id(), name, name.substring(name.lastIndexOf('/') + 1), null, "folder", depth, count, true, false));
			}
		}
		return rows;
	}

	private static String icon(SpecialUse use) {
		return switch (use) {
			case INBOX -> "inbox";
			case DRAFTS -> "file-pen";
			case SENT -> "send";
			case ARCHIVE -> "archive";
			case JUNK -> "shield-alert";
			case TRASH -> "trash-2";
		};
	}
}
