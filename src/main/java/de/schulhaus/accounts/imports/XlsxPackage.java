package de.schulhaus.accounts.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * The parts of an XLSX file a roster needs: the first sheet, the shared strings and the styles. The upload is
 * copied to a temporary file and read with POI's {@link ZipSecureFile}, whose inflate ratio and entry size checks
 * apply to every part read; every byte unpacked also counts towards {@link ImportLimits#maxUnpacked()}. The parts
 * are found through the package's relationships with a streaming parser. POI's {@code OPCPackage} is not used: it
 * would read an upload stream into memory as a whole, and it parses the content types, relationships and core
 * properties into DOM trees, whatever their size.
 */
final class XlsxPackage implements Closeable {

	/** POI's default: a part may unpack to at most 100 times its compressed size. */
	static final double MIN_INFLATE_RATIO = 0.01;

	private static final String ZIP_BOMB = "Zip bomb detected";

	private final Path file;

	private final ZipSecureFile zip;

	private final ByteBudget unpacked;

	private final ImportLimits limits;

	private XlsxPackage(Path file, ZipSecureFile zip, ImportLimits limits) {
		this.file = file;
		this.zip = zip;
		this.limits = limits;
		this.unpacked = ByteBudget.unpacked(limits);
	}

	/** Copies the upload to a temporary file (deleted on {@link #close()}) and opens it. */
	static XlsxPackage open(InputStream in, ImportLimits limits) throws IOException {
		Path file = Files.createTempFile("roster-", ".xlsx");
		try {
			try (OutputStream out = Files.newOutputStream(file)) {
				in.transferTo(out);
			}
			checkEntryCount(file);
			// global settings of POI; this is the only place in Schulhaus that reads office files with POI
			ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
			ZipSecureFile.setMaxEntrySize(limits.maxUnpacked().toBytes());
			return new XlsxPackage(file, new ZipSecureFile(file.toFile()), limits);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	/**
	 * The archive's directory is read into memory before any check of POI applies, about 450 bytes per entry: a
	 * 20 MB upload of 200,000 empty entries would take 100 MB. The JDK's reader counts them in a fifth of that.
	 */
	private static void checkEntryCount(Path file) throws IOException {
		try (java.util.zip.ZipFile entries = new java.util.zip.ZipFile(file.toFile())) {
			if (entries.size() > ZipSecureFile.getMaxFileCount()) {
				throw new RosterFormatException("import.error.unreadableFile");
			}
		}
	}

	/** Finds the parts through the package's and the workbook's relationships. */
	Parts parts() throws IOException, XMLStreamException {
		String[] workbook = { null };
		relationships("_rels/.rels", "", (rel) -> {
			if (workbook[0] == null && rel.type().endsWith("/officeDocument")) {
				workbook[0] = rel.target();
			}
		});
		if (workbook[0] == null) {
			throw new RosterFormatException("import.error.unreadableFile");
		}
		String sheetId = firstSheetId(workbook[0]);
		String[] found = new String[3];
		relationships(relationshipsOf(workbook[0]), workbook[0], (rel) -> {
			if (sheetId != null && sheetId.equals(rel.id())) {
				found[0] = rel.target();
			}
			else if (rel.type().endsWith("/sharedStrings")) {
				found[1] = rel.target();
			}
			else if (rel.type().endsWith("/styles")) {
				found[2] = rel.target();
			}
		});
		return new Parts(found[0], found[1], found[2]);
	}

	/**
	 * The part's unpacked bytes; POI's checks fail with {@code import.error.packedTooDensely} or
	 * {@code import.error.unpackedTooLarge}.
	 */
	InputStream part(String name) throws IOException {
		ZipArchiveEntry entry = this.zip.getEntry(name);
		if (entry == null) {
			throw new RosterFormatException("import.error.unreadableFile");
		}
		return this.unpacked.wrap(new ZipBombCheck(this.zip.getInputStream(entry), this.limits));
	}

	@Override
	public void close() throws IOException {
		try {
			this.zip.close();
		}
		finally {
			Files.deleteIfExists(this.file);
		}
	}

	private String firstSheetId(String workbook) throws IOException, XMLStreamException {
		try (InputStream in = part(workbook)) {
			XMLStreamReader xml = SafeXml.open(in);
			try {
				while (xml.hasNext()) {
					if (xml.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(xml.getLocalName())) {
						// r:id, in the transitional or the strict namespace
						for (int i = 0; i < xml.getAttributeCount(); i++) {
							String namespace = xml.getAttributeNamespace(i);
							if ("id".equals(xml.getAttributeLocalName(i)) && namespace != null && !namespace.isEmpty()) {
								return xml.getAttributeValue(i);
							}
						}
					}
				}
				return null;
			}
			finally {
				xml.close();
			}
		}
	}

	private void relationships(String part, String source, Consumer<Relationship> each)
			throws IOException, XMLStreamException {
		if (this.zip.getEntry(part) == null) {
			return;
		}
		try (InputStream in = part(part)) {
			XMLStreamReader xml = SafeXml.open(in);
			try {
				while (xml.hasNext()) {
					if (xml.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.getLocalName())
							&& !"External".equals(xml.getAttributeValue(null, "TargetMode"))) {
						String id = xml.getAttributeValue(null, "Id");
						String type = xml.getAttributeValue(null, "Type");
						String target = xml.getAttributeValue(null, "Target");
						if (type != null && target != null) {
							each.accept(new Relationship(id, type, resolve(source, target)));
						}
					}
				}
			}
			finally {
				xml.close();
			}
		}
	}

	/** "xl/workbook.xml" has its relationships in "xl/_rels/workbook.xml.rels". */
	static String relationshipsOf(String part) {
		int slash = part.lastIndexOf('/');
		return part.substring(0, slash + 1) + "_rels/" + part.substring(slash + 1) + ".rels";
	}

	/** A relationship's target as an entry name: relative to the folder of its source part, or absolute. */
	static String resolve(String source, String target) {
		String path = target.startsWith("/") ? target : source.substring(0, source.lastIndexOf('/') + 1) + target;
		Deque<String> segments = new ArrayDeque<>();
		for (String segment : path.split("/")) {
			if (segment.equals("..")) {
				segments.pollLast();
			}
			else if (!segment.isEmpty() && !segment.equals(".")) {
				segments.addLast(segment);
			}
		}
		return String.join("/", segments);
	}

	/** Entry names of the first sheet and, where the file has them, its shared strings and styles. */
	record Parts(String sheet, String sharedStrings, String styles) {
	}

	private record Relationship(String id, String type, String target) {
	}

	/**
	 * POI reports a part beyond its ratio or size limit with a plain {@link IOException}; only its message tells
	 * it from a broken file, and which limit it was.
	 */
	private static final class ZipBombCheck extends TranslatingInputStream {

		private final ImportLimits limits;

		ZipBombCheck(InputStream in, ImportLimits limits) {
			super(in);
			this.limits = limits;
		}

		@Override
		IOException translate(IOException ex) {
			String message = (ex.getMessage() != null) ? ex.getMessage() : "";
			if (message.startsWith(ZIP_BOMB) && message.contains("ratio")) {
				throw new ImportLimitException(ex, "import.error.packedTooDensely", Math.round(1 / MIN_INFLATE_RATIO));
			}
			if (message.startsWith(ZIP_BOMB)) {
				throw new ImportLimitException(ex, "import.error.unpackedTooLarge",
						ImportLimits.describe(this.limits.maxUnpacked()));
			}
			return ex;
		}

	}

}
