/**
 * Cloud storage: a person's own space ("Meine Dateien") as a tree of folders and files in the
 * database, the content in the blob store against the person's quota, served over WebDAV at
 * {@code /dav/files/<sign-in>/} with an app password of scope {@code files}, and in the browser at
 * {@code /dateien} ({@code web}: list, uploads, downloads and ZIPs through the same repository). Shares,
 * group spaces, versions and the trash come in later slices.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "schools", "accounts", "blobs", "dav" })
package de.schulhaus.files;
