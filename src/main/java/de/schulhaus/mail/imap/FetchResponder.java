package de.schulhaus.mail.imap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.schulhaus.mail.internal.Flags;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StoredMessage;

/**
 * Answers FETCH for one batch of messages read in one query. Content is streamed from the blob store by
 * byte range; the MIME structure is scanned (streaming) only when an item needs it, once per message.
 */
final class FetchResponder {

	static final DateTimeFormatter INTERNALDATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final MessageStore store;
	private final StructureCache cache;
	private final ImapWriter out;

	FetchResponder(MessageStore store, StructureCache cache, ImapWriter out) {
		this.store = store;
		this.cache = cache;
		this.out = out;
	}

	void write(int sequence, StoredMessage message, List<FetchItem> items, boolean withUid, boolean withModseq, boolean withFlags)
			throws IOException {
		try {
			response(sequence, message, items, withUid, withModseq, withFlags);
		} catch (RuntimeException e) {
			// half a response is written: the stream cannot be saved, so the connection ends (the client reconnects)
			throw new IOException("message " + message.id() + " could not be read", e);
		}
	}

	private void response(int sequence, StoredMessage message, List<FetchItem> items, boolean withUid, boolean withModseq,
			boolean withFlags) throws IOException {
		out.raw("* ").raw(sequence).raw(" FETCH (");
		List<String> done = new ArrayList<>();
		MimePart[] structure = new MimePart[1];
		boolean first = true;
		if (withUid && items.stream().noneMatch(i -> i.kind() == FetchItem.Kind.UID)) {
			out.raw("UID ").raw(message.uid());
			first = false;
		}
		if (withFlags && items.stream().noneMatch(i -> i.kind() == FetchItem.Kind.FLAGS)) {
			out.raw(first ? "" : " ");
			flags(message.flags());
			first = false;
		}
		if (withModseq && items.stream().noneMatch(i -> i.kind() == FetchItem.Kind.MODSEQ)) {
			out.raw(first ? "" : " ").raw("MODSEQ (").raw(message.modseq()).raw(")");
			first = false;
		}
		for (FetchItem item : items) {
			String key = item.kind() == FetchItem.Kind.SECTION ? item.section().label() : item.kind().name();
			if (done.contains(key)) {
				continue;
			}
			done.add(key);
			out.raw(first ? "" : " ");
			first = false;
			item(message, item, structure);
		}
		out.raw(")\r\n");
	}

	private void item(StoredMessage message, FetchItem item, MimePart[] structure) throws IOException {
		switch (item.kind()) {
			case UID -> out.raw("UID ").raw(message.uid());
			case FLAGS -> flags(message.flags());
			case INTERNALDATE -> out.raw("INTERNALDATE \"").raw(INTERNALDATE.format(message.receivedAt())).raw("\"");
			case RFC822_SIZE -> out.raw("RFC822.SIZE ").raw(message.sizeBytes());
			case MODSEQ -> out.raw("MODSEQ (").raw(message.modseq()).raw(")");
			case ENVELOPE -> {
				out.raw("ENVELOPE ");
				EnvelopeWriter.write(out, HeaderFields.parse(header(message)));
			}
			case BODYSTRUCTURE, BODY -> {
				StructureCache.Structures structures = structures(message, structure);
				out.raw(item.kind() == FetchItem.Kind.BODY ? "BODY " : "BODYSTRUCTURE ");
				out.raw(item.kind() == FetchItem.Kind.BODY ? structures.body() : structures.bodyStructure());
			}
			case RFC822 -> range(message, "RFC822", 0, message.sizeBytes(), -1, -1);
			case RFC822_HEADER -> range(message, "RFC822.HEADER", 0, message.headerBytes(), -1, -1);
			case RFC822_TEXT -> range(message, "RFC822.TEXT", message.headerBytes(), message.sizeBytes() - message.headerBytes(), -1, -1);
			case SECTION -> section(message, item.section(), structure);
		}
	}

	private void section(StoredMessage message, FetchItem.Section section, MimePart[] structure) throws IOException {
		String label = section.label();
		long start;
		long length;
		FetchItem.Part part = section.part();
		if (section.path().length == 0) {
			if (part == FetchItem.Part.HEADER_FIELDS || part == FetchItem.Part.HEADER_FIELDS_NOT) {
				bytes(label, HeaderFields.parse(header(message)).select(section.fields(), part == FetchItem.Part.HEADER_FIELDS_NOT), section);
				return;
			}
			start = part == FetchItem.Part.TEXT ? message.headerBytes() : 0;
			length = switch (part) {
				case HEADER -> message.headerBytes();
				case TEXT -> message.sizeBytes() - message.headerBytes();
				default -> message.sizeBytes();
			};
		} else {
			MimePart found = structure(message, structure).part(section.path());
			if (found == null) {
				out.raw(label).raw(" NIL");
				return;
			}
			MimePart inner = found.rfc822() && found.message != null ? found.message : null;
			switch (part) {
				case MIME -> {
					start = found.start;
					length = found.bodyStart - found.start;
				}
				case ALL -> {
					start = found.bodyStart;
					length = found.bodySize();
				}
				case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> {
					if (inner == null) {
						// HEADER and TEXT of a part that is no message: nothing, as for a missing part
						out.raw(label).raw(" NIL");
						return;
					}
					if (part != FetchItem.Part.HEADER) {
						bytes(label, inner.header.select(section.fields(), part == FetchItem.Part.HEADER_FIELDS_NOT), section);
						return;
					}
					start = inner.start;
					length = inner.bodyStart - inner.start;
				}
				case TEXT -> {
					if (inner == null) {
						// HEADER and TEXT of a part that is no message: nothing, as for a missing part
						out.raw(label).raw(" NIL");
						return;
					}
					start = inner.bodyStart;
					length = inner.bodySize();
				}
				default -> throw new IllegalStateException();
			}
		}
		range(message, label, start, length, section.offset(), section.length());
	}

	/** A byte range of the raw message, cut to the partial range if one was asked for. */
	private void range(StoredMessage message, String label, long start, long length, long offset, long partial) throws IOException {
		long from = start;
		long count = Math.max(0, length);
		if (offset >= 0) {
			long skip = Math.min(offset, count);
			from += skip;
			count = Math.min(partial, count - skip);
		}
		out.raw(label).raw(" ");
		if (count == 0) {
			out.raw("\"\"");
			return;
		}
		try (InputStream content = store.open(message, from, count)) {
			out.literal(content, count);
		}
	}

	private void bytes(String label, byte[] bytes, FetchItem.Section section) throws IOException {
		long from = 0;
		long count = bytes.length;
		if (section.offset() >= 0) {
			from = Math.min(section.offset(), count);
			count = Math.min(section.length(), count - from);
		}
		out.raw(label).raw(" ").literal(new ByteArrayInputStream(bytes, (int) from, (int) count), count);
	}

	private byte[] header(StoredMessage message) throws IOException {
		try (InputStream in = store.open(message, 0, message.headerBytes())) {
			return in.readAllBytes();
		}
	}

	/** Both forms from the cache, else from a scan, which then fills the cache. */
	private StructureCache.Structures structures(StoredMessage message, MimePart[] scanned) throws IOException {
		var cached = cache.find(message.schoolId(), message.blobId());
		if (cached.isPresent()) {
			return cached.get();
		}
		MimePart part = structure(message, scanned);
		StructureCache.Structures structures = new StructureCache.Structures(render(part, true), render(part, false));
		cache.put(message.schoolId(), message.blobId(), structures);
		return structures;
	}

	private static String render(MimePart part, boolean extensible) throws IOException {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		BodyStructureWriter.write(new ImapWriter(bytes), part, extensible);
		return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	private MimePart structure(StoredMessage message, MimePart[] cache) throws IOException {
		if (cache[0] == null) {
			try (InputStream in = store.open(message)) {
				cache[0] = MimeScanner.scan(in);
			}
		}
		return cache[0];
	}

	private void flags(Flags flags) throws IOException {
		out.raw("FLAGS (").raw(String.join(" ", flags.names())).raw(")");
	}
}
