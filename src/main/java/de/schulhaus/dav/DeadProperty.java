package de.schulhaus.dav;

import javax.xml.namespace.QName;

/**
 * A property a client stored (PROPPATCH): its name and its value as an XML fragment, every element in it
 * declaring its own namespace, so that the fragment can be stored as text and written back as it came.
 */
public record DeadProperty(QName name, String xml) {
}
