/**
 * Cloud storage: spaces as trees of folders and files in the database, the content in the blob store
 * against the space's quota. A person's own space ("Meine Dateien") is served over WebDAV at
 * {@code /dav/files/<sign-in>/}; the spaces shared with others (every group's, the school's, the
 * office's) at {@code /dav/spaces/<name>/}, with an app password of scope {@code files}; all of them in
 * the browser at {@code /dateien} ({@code web}: list, uploads, downloads and ZIPs through the same
 * repository); links for people without an account at {@code /s/<token>} ({@code links}); resumable
 * uploads (tus) at {@code /api/files/uploads} ({@code tus}). Who sees and changes which space is decided
 * in one place, {@code internal.Spaces}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "schools", "accounts", "blobs", "dav" })
package de.schulhaus.files;
