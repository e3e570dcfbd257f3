package de.schulhaus.accounts.imports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The few values we need from one XML element and its subtree, read from a StAX stream. Only wanted paths are
 * kept, each up to a number of characters, so large unknown content (extensions, photos) costs no memory, and
 * unknown elements at any depth are simply passed over.
 */
final class XmlElement {

	/** Marks elements whose text we do not keep; compared by identity. */
	private static final StringBuilder NO_TEXT = new StringBuilder(0);

	private final Map<String, String> values = new HashMap<>();

	private final List<XmlElement> children = new ArrayList<>();

	private XmlElement() {
	}

	/** Reads the element the reader stands on, see {@link #read(XMLStreamReader, Set, String, Set, int)}. */
	static XmlElement read(XMLStreamReader reader, Set<String> wanted, int keep) throws XMLStreamException {
		return read(reader, wanted, null, Set.of(), keep);
	}

	/**
	 * Reads the element the reader stands on (a START_ELEMENT) up to and including its END_ELEMENT.
	 * @param wanted relative paths like {@code "name/n/family"} (element text) or
	 * {@code "institutionrole@institutionroletype"} (attribute)
	 * @param repeatedChild local name of direct children read as separate elements (see {@link #children()}), or
	 * {@code null}
	 * @param childWanted the wanted paths inside such a child
	 * @param keep how many characters of a value are kept at most; a longer value keeps {@code keep} characters
	 */
	static XmlElement read(XMLStreamReader reader, Set<String> wanted, String repeatedChild, Set<String> childWanted,
			int keep) throws XMLStreamException {
		XmlElement element = new XmlElement();
		Deque<String> path = new ArrayDeque<>();
		Deque<StringBuilder> texts = new ArrayDeque<>();
		while (reader.hasNext()) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = reader.getLocalName();
				if (path.isEmpty() && name.equals(repeatedChild)) {
					element.children.add(read(reader, childWanted, keep));
					continue;
				}
				String current = path.isEmpty() ? name : path.peek() + "/" + name;
				path.push(current);
				texts.push(wanted.contains(current) ? new StringBuilder() : NO_TEXT);
				for (int i = 0; i < reader.getAttributeCount(); i++) {
					String key = current + "@" + reader.getAttributeLocalName(i);
					if (wanted.contains(key)) {
						element.values.putIfAbsent(key, cut(reader.getAttributeValue(i).strip(), keep));
					}
				}
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
				StringBuilder text = texts.peek();
				if (text != null && text != NO_TEXT && text.length() < keep) {
					append(text, reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength(), keep);
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				if (path.isEmpty()) {
					return element;
				}
				String current = path.pop();
				StringBuilder text = texts.pop();
				if (text != NO_TEXT && !text.toString().isBlank()) {
					// IMS allows repeated elements; the first one counts, like in the SchILD documentation
					element.values.putIfAbsent(current, text.toString().strip());
				}
			}
		}
		throw new XMLStreamException("Unexpected end of document");
	}

	// Leading white space (indentation) is not kept, so it does not use up what is kept of the value.
	private static void append(StringBuilder text, char[] chars, int start, int length, int keep) {
		int from = start;
		int end = start + length;
		while (text.length() == 0 && from < end && Character.isWhitespace(chars[from])) {
			from++;
		}
		text.append(chars, from, Math.min(end - from, keep - text.length()));
	}

	private static String cut(String value, int keep) {
		return (value.length() > keep) ? value.substring(0, keep) : value;
	}

	/** Skips the element the reader stands on, including its subtree. */
	static void skip(XMLStreamReader reader) throws XMLStreamException {
		int depth = 1;
		while (depth > 0 && reader.hasNext()) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
		if (depth > 0) {
			throw new XMLStreamException("Unexpected end of document");
		}
	}

	/** The stripped text or attribute value at a wanted path, or {@code null} when absent or blank. */
	String value(String path) {
		String value = this.values.get(path);
		return (value == null || value.isEmpty()) ? null : value;
	}

	/** The length of the longest value kept, 0 when none. */
	int longestValue() {
		int longest = 0;
		for (String value : this.values.values()) {
			longest = Math.max(longest, value.length());
		}
		return longest;
	}

	List<XmlElement> children() {
		return this.children;
	}

}
