package de.schulhaus.platform.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;

import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * One person's data export as a ZIP streamed onto the response: a folder per section, JSON and
 * original files as the providers write them, then {@code manifest.json} (every file with its
 * description, size and SHA-256) and the cover note {@code LIESMICH.txt} in the person's language.
 * Nothing is held in memory but the list of files written.
 */
public final class PersonalDataZip implements PersonalDataExport {

	static final String MANIFEST = "manifest.json";
	private static final ZoneId SCHOOL_TIME = ZoneId.of("Europe/Berlin");
	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm");
	private static final Pattern SECTION = Pattern.compile("[a-z0-9-]{1,40}");
	// characters that Windows refuses in file names, and control characters
	private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}<>:\"|?*]");

	private final ZipOutputStream zip;
	private final JsonMapper json;
	private final MessageSource messages;
	private final DataSubject person;
	private final Instant createdAt = Instant.now();
	private final List<SectionNote> sections = new ArrayList<>();
	private SectionNote current;

	public PersonalDataZip(OutputStream out, JsonMapper json, MessageSource messages, DataSubject person) {
		this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
		this.json = json;
		this.messages = messages;
		this.person = person;
	}

	/** Starts the folder of the next section. */
	public void section(String folder, String titleKey) {
		if (!SECTION.matcher(folder).matches()) {
			throw new IllegalArgumentException("Not a section name: " + folder);
		}
		current = new SectionNote(folder, text(PersonalDataProvider.text(titleKey)), new ArrayList<>());
		sections.add(current);
	}

	@Override
	public void json(String name, MessageSourceResolvable description, Object value) throws IOException {
		write(current.section() + "/" + checked(name), text(description), "application/json",
				out -> json.writerWithDefaultPrettyPrinter().writeValue(out, value));
	}

	@Override
	public void file(String name, MessageSourceResolvable description, InputStream content) throws IOException {
		write(current.section() + "/" + checked(name), text(description), "application/octet-stream", content::transferTo);
	}

	/** Writes the manifest and the cover note and ends the ZIP; the stream beneath stays open. */
	public void finish() throws IOException {
		List<SectionNote> written = List.copyOf(sections);
		write(MANIFEST, text(PersonalDataProvider.text("personalData.readme.manifestFile")), "application/json",
				out -> json.writerWithDefaultPrettyPrinter().writeValue(out, new Manifest("schulhaus-personal-data-1", createdAt,
						new Person(person.displayName(), person.login()), written)));
		byte[] readme = readme().getBytes(StandardCharsets.UTF_8);
		write(text(PersonalDataProvider.text("personalData.readme.fileName")), null, "text/plain", out -> out.write(readme));
		zip.finish();
		zip.flush();
	}

	private String readme() {
		String nl = "\r\n";
		StringBuilder text = new StringBuilder();
		text.append(message("personalData.readme.title")).append(nl).append(nl);
		text.append(message("personalData.readme.person", person.displayName(), person.login())).append(nl);
		text.append(message("personalData.readme.created", DATE_TIME.format(createdAt.atZone(SCHOOL_TIME)))).append(nl).append(nl);
		text.append(message("personalData.readme.about")).append(nl);
		text.append(message("personalData.readme.manifest", MANIFEST)).append(nl);
		text.append(message("personalData.readme.secrets")).append(nl);
		for (SectionNote section : sections) {
			text.append(nl).append(section.title()).append(" (").append(section.section()).append("/)").append(nl);
			if (section.files().isEmpty()) {
				text.append("  ").append(message("personalData.readme.empty")).append(nl);
			}
			for (FileNote file : section.files()) {
				text.append("  ").append(file.path()).append(": ").append(file.description()).append(nl);
			}
		}
		return text.toString();
	}

	private void write(String path, String description, String type, Body body) throws IOException {
		ZipEntry entry = new ZipEntry(path);
		entry.setTime(createdAt.toEpochMilli());
		zip.putNextEntry(entry);
		Measured out = new Measured(zip);
		body.writeTo(out);
		out.flush();
		zip.closeEntry();
		if (description != null && !path.equals(MANIFEST)) {
			current.files().add(new FileNote(path, description, type, out.bytes, HexFormat.of().formatHex(out.digest.digest())));
		}
	}

	/**
	 * A name that the person's unzip tool writes where it says, inside the section's folder: no
	 * absolute path, no way up, no backslash; characters Windows refuses become {@code _}.
	 */
	static String checked(String name) {
		if (name == null || name.isBlank() || name.length() > 255 || name.startsWith("/") || name.contains("\\")
				|| List.of(name.split("/", -1)).stream().anyMatch(part -> part.isBlank() || part.equals(".") || part.equals(".."))) {
			throw new IllegalArgumentException("Not a file name for the export: " + name);
		}
		return UNSAFE.matcher(name).replaceAll("_");
	}

	private String message(String key, Object... args) {
		return text(PersonalDataProvider.text(key, args));
	}

	// a module's text that is missing from the bundles shows as its key rather than ending the export half-way
	private String text(MessageSourceResolvable resolvable) {
		try {
			return messages.getMessage(resolvable, person.locale());
		}
		catch (NoSuchMessageException e) {
			String[] codes = resolvable.getCodes();
			return codes == null || codes.length == 0 ? "" : codes[0];
		}
	}

	@FunctionalInterface
	private interface Body {
		void writeTo(OutputStream out) throws IOException;
	}

	/** Counts and hashes what passes; closing it leaves the ZIP open (Jackson closes what it wrote to). */
	private static final class Measured extends FilterOutputStream {

		private final MessageDigest digest;
		private long bytes;

		Measured(OutputStream out) {
			super(out);
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException e) {
				throw new IllegalStateException("SHA-256 is part of every JDK", e);
			}
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			digest.update((byte) b);
			bytes++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			digest.update(b, off, len);
			bytes += len;
		}

		@Override
		public void close() throws IOException {
			flush();
		}
	}

	record Manifest(String format, Instant createdAt, Person person, List<SectionNote> sections) {
	}

	record Person(String name, String login) {
	}

	record SectionNote(String section, String title, List<FileNote> files) {
	}

	record FileNote(String path, String description, String type, long bytes, String sha256) {
	}
}
