package de.schulhaus.accounts.imports;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;

/**
 * StAX factories that never read DTDs or external entities: uploaded files are untrusted. A new factory is made
 * for each file because factories are not specified to be thread-safe, and the readers may be shared beans.
 */
final class SafeXml {

	private SafeXml() {
	}

	static XMLInputFactory inputFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		trySetProperty(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
		trySetProperty(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		return factory;
	}

	// Not every StAX implementation knows the JAXP access properties; the two settings above are the ones that count.
	private static void trySetProperty(XMLInputFactory factory, String name, Object value) {
		try {
			factory.setProperty(name, value);
		}
		catch (IllegalArgumentException ex) {
			// not supported by this implementation
		}
	}

}
