package de.schulhaus.files.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.xml.namespace.QName;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.dav.DeadProperty;

/** Dead WebDAV properties of file nodes ({@code file_property}). */
@Repository
class FileProperties {

	record Stored(UUID nodeId, DeadProperty property) {
	}

	private final JdbcClient jdbc;

	FileProperties(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The properties of many nodes in one query. */
	List<Stored> of(UUID school, Collection<UUID> nodes) {
		if (nodes.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select node_id, namespace, local_name, value_xml from file_property where school_id = :school and node_id in (:nodes) "
				+ "order by namespace, local_name")
			.param("school", school).param("nodes", nodes)
			.query((rs, n) -> new Stored(rs.getObject(1, UUID.class),
					new DeadProperty(new QName(rs.getString(2), rs.getString(3)), rs.getString(4))))
			.list();
	}

	void set(UUID school, UUID node, DeadProperty property) {
		remove(school, node, property.name());
		jdbc.sql("insert into file_property (node_id, school_id, namespace, local_name, value_xml) values (:node, :school, :ns, :name, :value)")
			.param("node", node).param("school", school).param("ns", property.name().getNamespaceURI())
			.param("name", property.name().getLocalPart()).param("value", property.xml())
			.update();
	}

	void remove(UUID school, UUID node, QName name) {
		jdbc.sql("delete from file_property where school_id = :school and node_id = :node and namespace = :ns and local_name = :name")
			.param("school", school).param("node", node).param("ns", name.getNamespaceURI()).param("name", name.getLocalPart())
			.update();
	}

	void copy(UUID school, UUID from, UUID to) {
		jdbc.sql("insert into file_property (node_id, school_id, namespace, local_name, value_xml) "
				+ "select :to, school_id, namespace, local_name, value_xml from file_property where school_id = :school and node_id = :from")
			.param("to", to).param("school", school).param("from", from)
			.update();
	}
}
