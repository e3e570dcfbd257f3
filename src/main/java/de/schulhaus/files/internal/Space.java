package de.schulhaus.files.internal;

import java.util.UUID;

import de.schulhaus.blobs.BlobOwner;

/**
 * A tree of folders and files as one person may use it: what it is, what it is called, and what the
 * person may do in it. Made by {@link Spaces} for a caller, never from a request's ids alone.
 *
 * @param id the space's id: the account's, group's or school's id, the office's derived one
 * @param name the name people read ("Meine Dateien", "Mathe 7b", "Schule", "Verwaltung")
 * @param key the space's address segment under {@code /dav/spaces/}, unique among the spaces a person sees
 * @param writable whether the person may change anything in it
 * @param manageable whether the person may change who writes (group teachers, school admins)
 * @param viewer the person using it: who is named as having changed what they change (null: somebody through a link)
 * @param root the folder or file shared with the person, which is all they see of the space; null for the whole space
 */
public record Space(UUID id, UUID schoolId, SpaceKind kind, String name, String key, boolean writable, boolean manageable, UUID viewer,
		UUID root) {

	/** The whole space. */
	public Space(UUID id, UUID schoolId, SpaceKind kind, String name, String key, boolean writable, boolean manageable, UUID viewer) {
		this(id, schoolId, kind, name, key, writable, manageable, viewer, null);
	}

	/** Whether the person sees the whole space, not just what was shared with them. */
	public boolean whole() {
		return root == null;
	}

	/** Whose quota the space's content counts against: the person's, the group's; school and office spaces count like group spaces. */
	public BlobOwner quotaOwner() {
		return kind == SpaceKind.PERSONAL ? BlobOwner.account(schoolId, id) : BlobOwner.group(schoolId, id);
	}

	/** The office space's id: derived from the school's, so that it needs no row to be found (its quota owner's id). */
	static UUID officeId(UUID schoolId) {
		return BlobOwner.officeSpace(schoolId).ownerId();
	}
}
