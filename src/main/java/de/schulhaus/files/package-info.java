/**
 * Cloud storage: spaces as trees of folders and files in the database, the content in the blob store
 * against the space's quota. A person's own space ("Meine Dateien") is served over WebDAV at
 * {@code /dav/files/<sign-in>/}; the spaces shared with others (every group's, the school's, the
 * office's) at {@code /dav/spaces/<name>/}, with an app password of scope {@code files}. Who sees and
 * changes which space is decided in one place, {@code internal.Spaces}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "schools", "accounts", "blobs", "dav" })
package de.schulhaus.files;
