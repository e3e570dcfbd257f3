package de.schulhaus.accounts.imports;

import java.io.InputStream;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the XML roster that SchILD-NRW exports for school platforms (IMS-Enterprise style). The file is streamed
 * with StAX because exports of large school districts carry tens of thousands of persons. Elements we do not know
 * are skipped at any depth: real exports carry many more than we need.
 */
public class SchildXmlReader {

	static final String NAMESPACE = "http://www.metaventis.com/ns/cockpit/sync/1.0";

	static final String NOT_SCHILD_XML = "import.error.notSchildXml";

	private static final Set<String> PERSON_PATHS = Set.of("sourcedid/id", "name/fn", "name/n/family",
			"name/n/given", "institutionrole@institutionroletype");

	private static final Set<String> GROUP_PATHS = Set.of("sourcedid/id", "grouptype/typevalue", "description/short",
			"description/long");

	private static final Set<String> MEMBERSHIP_PATHS = Set.of("sourcedid/id");

	private static final Set<String> MEMBER_PATHS = Set.of("sourcedid/id", "idtype", "role@roletype");

	private final ImportLimits limits;

	public SchildXmlReader(ImportLimits limits) {
		this.limits = limits;
	}

	/** A reader with the default limits. */
	public SchildXmlReader() {
		this(ImportLimits.defaults());
	}

	/**
	 * Reads a SchILD XML export. The caller keeps ownership of the stream and closes it.
	 * @throws RosterFormatException with {@code import.error.notSchildXml} if the input is not well-formed XML,
	 * has a DOCTYPE, or its root element is not a SchILD {@code enterprise} element, and with
	 * {@code import.error.tooManyPersons} (or groups, memberships) when it breaks a limit
	 */
	public RosterFile read(InputStream xml) {
		SchildRosterBuilder roster = new SchildRosterBuilder(this.limits);
		int keep = this.limits.maxFieldLength() + 1;
		XMLStreamReader reader = null;
		try {
			reader = SafeXml.open(xml);
			enterRoot(reader);
			int personOrdinal = 0;
			while (nextChild(reader)) {
				switch (reader.getLocalName()) {
					case "person" -> roster.person(++personOrdinal, XmlElement.read(reader, PERSON_PATHS, keep));
					case "group" -> roster.group(XmlElement.read(reader, GROUP_PATHS, keep));
					case "membership" ->
						roster.membership(XmlElement.read(reader, MEMBERSHIP_PATHS, "member", MEMBER_PATHS, keep));
					default -> XmlElement.skip(reader);
				}
			}
			return roster.build();
		}
		catch (XMLStreamException ex) {
			throw new RosterFormatException(ex, NOT_SCHILD_XML);
		}
		finally {
			close(reader);
		}
	}

	// Moves to the root element. A DOCTYPE is refused: SchILD never writes one, and refusing it rules out entity
	// tricks even if a StAX implementation on the class path ignored our factory settings.
	private static void enterRoot(XMLStreamReader reader) throws XMLStreamException {
		while (reader.hasNext()) {
			int event = reader.next();
			if (event == XMLStreamConstants.DTD) {
				throw new RosterFormatException(NOT_SCHILD_XML);
			}
			if (event == XMLStreamConstants.START_ELEMENT) {
				String namespace = reader.getNamespaceURI();
				boolean knownNamespace = namespace == null || namespace.isEmpty() || NAMESPACE.equals(namespace);
				if (!"enterprise".equals(reader.getLocalName()) || !knownNamespace) {
					throw new RosterFormatException(NOT_SCHILD_XML);
				}
				return;
			}
		}
		throw new RosterFormatException(NOT_SCHILD_XML);
	}

	/** Moves to the next child element of the root; {@code false} at the end of the root element. */
	private static boolean nextChild(XMLStreamReader reader) throws XMLStreamException {
		while (reader.hasNext()) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				return true;
			}
			if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
				return false;
			}
		}
		return false;
	}

	private static void close(XMLStreamReader reader) {
		if (reader != null) {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// nothing was written, nothing to lose
			}
		}
	}

}
