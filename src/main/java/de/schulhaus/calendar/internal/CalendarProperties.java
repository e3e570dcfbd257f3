package de.schulhaus.calendar.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.namespace.QName;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import de.schulhaus.dav.DeadProperty;

/** Properties clients set on calendars that have no column of their own (an order, a client's own flags). */
@Service
public class CalendarProperties {

	private final JdbcClient jdbc;

	CalendarProperties(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The properties of these calendars, in one query. */
	public Map<UUID, List<DeadProperty>> of(Collection<UUID> calendars) {
		Map<UUID, List<DeadProperty>> found = new HashMap<>();
		if (calendars.isEmpty()) {
			return found;
		}
		jdbc.sql("select calendar_id, namespace, local_name, value_xml from calendar_property where calendar_id in (:ids)")
			.param("ids", calendars)
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), new DeadProperty(new QName(rs.getString(2), rs.getString(3)), rs.getString(4))))
			.list()
			.forEach(e -> found.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
		return found;
	}

	/** Sets and removes, in the caller's transaction. */
	public void patch(UUID calendar, List<DeadProperty> set, List<QName> remove) {
		for (QName name : remove) {
			jdbc.sql("delete from calendar_property where calendar_id = :id and namespace = :ns and local_name = :local")
				.param("id", calendar).param("ns", name.getNamespaceURI()).param("local", name.getLocalPart()).update();
		}
		for (DeadProperty property : set) {
			QName name = property.name();
			if (property.xml().length() > 100_000 || name.getNamespaceURI().length() > 255 || name.getLocalPart().length() > 255) {
				throw new IllegalArgumentException("property too large: " + name);
			}
			int updated = jdbc.sql("update calendar_property set value_xml = :xml where calendar_id = :id and namespace = :ns and local_name = :local")
				.param("xml", property.xml()).param("id", calendar).param("ns", name.getNamespaceURI()).param("local", name.getLocalPart()).update();
			if (updated == 0) {
				jdbc.sql("insert into calendar_property (calendar_id, namespace, local_name, value_xml) values (:id, :ns, :local, :xml)")
					.param("xml", property.xml()).param("id", calendar).param("ns", name.getNamespaceURI()).param("local", name.getLocalPart())
					.update();
			}
		}
	}
}
