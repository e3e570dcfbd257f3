package de.schulhaus.calendar.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.FmtType;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.parameter.XParameter;
import net.fortuna.ical4j.model.property.Attach;

import de.schulhaus.calendar.internal.EventDraft.Attachment;

/**
 * An event's ATTACH lines for the dialog (RFC 5545 3.8.1.1): links as
 * {@code ATTACH;VALUE=URI;FMTTYPE=application/pdf;FILENAME=Plan.pdf:https://…}, and content other clients
 * put inline (VALUE=BINARY, ENCODING=BASE64), which the dialog shows and keeps, never rewrites.
 */
final class EventAttachments {

	static final String FILENAME = "FILENAME";

	private EventAttachments() {
	}

	static List<Attachment> read(VEvent event) {
		List<Attachment> attachments = new ArrayList<>();
		int inline = 0;
		for (Property attach : event.getProperties("ATTACH")) {
			String name = parameter(attach, FILENAME).or(() -> parameter(attach, "X-FILENAME")).orElse(null);
			String type = parameter(attach, "FMTTYPE").orElse(null);
			if (isInline(attach)) {
				attachments.add(new Attachment("eingebettet:" + inline++, null, name, type));
			}
			else {
				String uri = attach.getValue().strip();
				attachments.add(new Attachment("uri:" + uri, uri, name != null ? name : lastSegment(uri), type));
			}
		}
		return attachments;
	}

	/** Removes the stored lines the list no longer names, adds its new links; lines it names stay exactly as stored. */
	static void apply(VEvent event, List<Attachment> wanted) {
		Set<String> kept = new HashSet<>();
		wanted.stream().filter(a -> a.key() != null).forEach(a -> kept.add(a.key()));
		Set<String> present = new HashSet<>();
		int inline = 0;
		List<Property> stored = new ArrayList<>(event.getProperties("ATTACH"));
		for (Property attach : stored) {
			String key = isInline(attach) ? "eingebettet:" + inline++ : "uri:" + attach.getValue().strip();
			if (kept.contains(key)) {
				present.add(key);
			}
			else {
				event.remove(attach);
			}
		}
		for (Attachment link : wanted) {
			if (link.key() != null || link.uri() == null || !present.add("uri:" + link.uri())) {
				continue;
			}
			ParameterList parameters = new ParameterList().add(Value.URI);
			if (link.type() != null && !link.type().isBlank()) {
				parameters = parameters.add(new FmtType(link.type()));
			}
			if (link.fileName() != null && !link.fileName().isBlank()) {
				parameters = parameters.add(new XParameter(FILENAME, parameterText(link.fileName())));
			}
			try {
				event.add(new Attach(parameters, new URI(link.uri())));
			}
			catch (URISyntaxException e) {
				throw InvalidCalendarData.object("An attachment's link is no URI: " + link.uri());
			}
		}
	}

	/**
	 * The links of another event's lines as new ones, for an event made from it ("this and following"):
	 * content inline is not carried over, the dialog never holds it.
	 */
	static List<Attachment> fresh(List<Attachment> attachments) {
		return attachments.stream().filter(a -> !a.inline()).map(a -> Attachment.link(a.uri(), a.fileName(), a.type())).toList();
	}

	private static boolean isInline(Property attach) {
		return parameter(attach, "VALUE").map(v -> v.equalsIgnoreCase("BINARY")).orElse(false)
				|| parameter(attach, "ENCODING").map(v -> v.equalsIgnoreCase("BASE64")).orElse(false);
	}

	private static Optional<String> parameter(Property property, String name) {
		return property.getParameter(name).map(Parameter::getValue).filter(v -> !v.isBlank());
	}

	/** A parameter value may hold no double quote nor control character (RFC 5545 3.1). */
	private static String parameterText(String text) {
		StringBuilder clean = new StringBuilder();
		text.codePoints().filter(c -> c != '"' && !Character.isISOControl(c)).forEach(clean::appendCodePoint);
		return clean.toString();
	}

	private static String lastSegment(String uri) {
		String path = uri;
		int query = path.indexOf('?');
		if (query >= 0) {
			path = path.substring(0, query);
		}
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		String last = path.substring(path.lastIndexOf('/') + 1);
		try {
			last = java.net.URLDecoder.decode(last.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			// an odd escape: show it as written
		}
		return last.isBlank() ? uri.toLowerCase(Locale.ROOT) : last;
	}
}
