package de.schulhaus.mail.privacy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A mail folder's path as a folder in the export: each level kept, characters file systems refuse replaced. */
final class FolderPaths {

	private FolderPaths() {
	}

	static String safe(String folderName) {
		return Arrays.stream(folderName.split("/")).map(FolderPaths::segment).collect(Collectors.joining("/"));
	}

	private static String segment(String name) {
		String clean = name.replaceAll("[\\\\:*?\"<>|\\p{Cntrl}]", "_").strip();
		// no "." or ".." and no hidden folders
		clean = clean.replaceAll("^\\.+", "_");
		return clean.isEmpty() ? "_" : clean;
	}
}
