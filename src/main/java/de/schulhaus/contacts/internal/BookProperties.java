package de.schulhaus.contacts.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.namespace.QName;

import org.springframework.jdbc.core.simple.JdbcClient;

import de.schulhaus.dav.DeadProperty;

/** Properties clients set on address books that have no column of their own. */
@org.springframework.stereotype.Component
class BookProperties {

	private final JdbcClient jdbc;

	BookProperties(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The properties of these books, in one query. */
	Map<UUID, List<DeadProperty>> of(Collection<UUID> books) {
		Map<UUID, List<DeadProperty>> found = new HashMap<>();
		if (books.isEmpty()) {
			return found;
		}
		jdbc.sql("select book_id, namespace, local_name, value_xml from contact_book_property where book_id in (:ids)")
			.param("ids", books)
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), new DeadProperty(new QName(rs.getString(2), rs.getString(3)), rs.getString(4))))
			.list()
			.forEach(e -> found.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
		return found;
	}

	/** Sets and removes, in the caller's transaction. */
	void patch(UUID book, List<DeadProperty> set, List<QName> remove) {
		for (QName name : remove) {
			jdbc.sql("delete from contact_book_property where book_id = :id and namespace = :ns and local_name = :local")
				.param("id", book).param("ns", name.getNamespaceURI()).param("local", name.getLocalPart()).update();
		}
		for (DeadProperty property : set) {
			QName name = property.name();
			if (property.xml().length() > 100_000 || name.getNamespaceURI().length() > 255 || name.getLocalPart().length() > 255) {
				throw new IllegalArgumentException("property too large: " + name);
			}
			int updated = jdbc.sql("update contact_book_property set value_xml = :xml where book_id = :id and namespace = :ns and local_name = :local")
				.param("xml", property.xml()).param("id", book).param("ns", name.getNamespaceURI()).param("local", name.getLocalPart()).update();
			if (updated == 0) {
				jdbc.sql("insert into contact_book_property (book_id, namespace, local_name, value_xml) values (:id, :ns, :local, :xml)")
					.param("xml", property.xml()).param("id", book).param("ns", name.getNamespaceURI()).param("local", name.getLocalPart())
					.update();
			}
		}
	}
}
