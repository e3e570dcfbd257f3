package de.schulhaus.calendar.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.calendar.internal.EventDraft;
import de.schulhaus.calendar.internal.EventDraft.Attachment;
import de.schulhaus.files.CloudFiles;
import de.schulhaus.files.CloudFiles.CloudFile;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.SchulhausUser;

/**
 * The dialog's "Anhänge": the stored ATTACH lines it showed (ticked to keep) and cloud files picked
 * ({@code datei:<id>}), each checked to be a file the person may read, written as a link to its page in
 * {@code /dateien} under the platform's address. The file's name and type go into the event's data, where
 * everyone who reads the event sees them: the organiser chose to share them; the link itself grants nothing.
 */
@Component
class EventAttachmentChoices {

	static final int MAX = 20;
	static final String FILE = "datei:";

	private final CloudFiles files;
	private final String baseUrl;

	EventAttachmentChoices(CloudFiles files, PlatformProperties platform) {
		this.files = files;
		this.baseUrl = platform.baseUrl();
	}

	/** A line of the dialog's list and of the event's details. */
	record Row(String value, String name, String type, String href, boolean inline) {

		/** The address to link to: a web address or one in this platform; anything else (javascript:, cid:) is shown as text. */
		public String link() {
			if (href == null) {
				return null;
			}
			String lower = href.toLowerCase(java.util.Locale.ROOT);
			return lower.startsWith("https://") || lower.startsWith("http://") || (href.startsWith("/") && !href.startsWith("//")) ? href : null;
		}
	}

	/** The checked dialog with its attachments in the draft, or the attachments' error at {@code anhaenge}. */
	EventForms.Checked check(SchulhausUser user, EventForm form, EventForms.Checked checked, List<Attachment> stored) {
		if (form.anhaenge() == null) {
			return checked;
		}
		Map<String, String> errors = new LinkedHashMap<>(checked.errors());
		List<Attachment> chosen = new ArrayList<>();
		for (String value : form.anhaenge()) {
			if (value.startsWith(FILE)) {
				Optional<CloudFile> file = file(user, value);
				if (file.isEmpty()) {
					errors.put("anhaenge", "calendar.error.attachmentFile");
					continue;
				}
				chosen.add(Attachment.link(baseUrl + file.get().href(), file.get().name(), file.get().contentType()));
			}
			else {
				// a stored line the dialog showed; a key it never showed changes nothing
				stored.stream().filter(a -> value.equals(a.key())).findFirst().ifPresent(chosen::add);
			}
		}
		if (chosen.size() > MAX) {
			errors.putIfAbsent("anhaenge", "calendar.error.attachmentCount");
		}
		if (!errors.isEmpty()) {
			return new EventForms.Checked(null, errors);
		}
		EventDraft draft = checked.draft();
		return new EventForms.Checked(draft.withAttachments(chosen), errors);
	}

	/** The dialog's list: stored lines (ticked if kept) and the picked files the person may read. */
	List<Row> rows(SchulhausUser user, EventForm form, List<Attachment> stored) {
		List<Row> rows = new ArrayList<>();
		List<String> values = form.anhaenge() == null ? stored.stream().map(Attachment::key).toList() : form.anhaenge();
		for (Attachment attachment : stored) {
			if (values.contains(attachment.key())) {
				rows.add(row(attachment));
			}
		}
		for (String value : values) {
			if (value.startsWith(FILE)) {
				file(user, value).ifPresent(f -> rows.add(row(f)));
			}
		}
		return rows;
	}

	static Row row(Attachment attachment) {
		return new Row(attachment.key(), attachment.fileName(), attachment.type(), attachment.uri(), attachment.inline());
	}

	static Row row(CloudFile file) {
		return new Row(FILE + file.id(), file.name(), file.contentType(), file.href(), false);
	}

	List<CloudFile> search(SchulhausUser user, String text) {
		String query = text == null ? "" : text.strip();
		return query.length() < 2 ? List.of() : files.search(user, query, 20);
	}

	Optional<CloudFile> readable(SchulhausUser user, UUID id) {
		return files.readable(user, id);
	}

	private Optional<CloudFile> file(SchulhausUser user, String value) {
		try {
			return files.readable(user, UUID.fromString(value.substring(FILE.length())));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}
}
