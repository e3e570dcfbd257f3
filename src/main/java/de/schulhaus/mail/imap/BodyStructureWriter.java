package de.schulhaus.mail.imap;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.apache.james.mime4j.dom.field.ContentDispositionField;

/** BODY and BODYSTRUCTURE (RFC 3501 7.4.2) of a scanned message; BODY leaves out the extension data. */
final class BodyStructureWriter {

	private BodyStructureWriter() {
	}

	static void write(ImapWriter out, MimePart part, boolean extensible) throws IOException {
		if (part.multipart() && !part.parts.isEmpty()) {
			out.raw("(");
			for (MimePart child : part.parts) {
				write(out, child, extensible);
			}
			out.raw(" ").nstring(part.subtype().toUpperCase(Locale.ROOT));
			if (extensible) {
				out.raw(" ");
				parameters(out, part.parameters());
				out.raw(" ");
				disposition(out, part);
				out.raw(" ");
				out.nstring(part.field("Content-Language")).raw(" ");
				out.nstring(part.field("Content-Location"));
			}
			out.raw(")");
			return;
		}
		boolean emptyMultipart = part.multipart();
		String type = emptyMultipart ? "TEXT" : part.type().toUpperCase(Locale.ROOT);
		String subtype = emptyMultipart ? "PLAIN" : part.subtype().toUpperCase(Locale.ROOT);
		out.raw("(").nstring(type).raw(" ").nstring(subtype).raw(" ");
		parameters(out, emptyMultipart ? Map.of("charset", "us-ascii") : part.parameters());
		out.raw(" ").nstring(part.field("Content-ID"));
		out.raw(" ").nstring(part.field("Content-Description"));
		String encoding = part.field("Content-Transfer-Encoding");
		out.raw(" ").nstring(encoding == null || encoding.isBlank() ? "7BIT" : encoding.toUpperCase(Locale.ROOT));
		out.raw(" ").raw(part.bodySize());
		if (part.rfc822() && part.message != null) {
			out.raw(" ");
			EnvelopeWriter.write(out, part.message.header);
			out.raw(" ");
			write(out, part.message, extensible);
			out.raw(" ").raw(part.lines);
		} else if (type.equals("TEXT")) {
			out.raw(" ").raw(part.lines);
		}
		if (extensible) {
			out.raw(" ").nstring(part.field("Content-MD5")).raw(" ");
			disposition(out, part);
			out.raw(" ");
			out.nstring(part.field("Content-Language")).raw(" ");
			out.nstring(part.field("Content-Location"));
		}
		out.raw(")");
	}

	private static void parameters(ImapWriter out, Map<String, String> parameters) throws IOException {
		if (parameters.isEmpty()) {
			out.raw("NIL");
			return;
		}
		out.raw("(");
		boolean first = true;
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			if (!first) {
				out.raw(" ");
			}
			out.nstring(parameter.getKey().toUpperCase(Locale.ROOT)).raw(" ").nstring(parameter.getValue());
			first = false;
		}
		out.raw(")");
	}

	private static void disposition(ImapWriter out, MimePart part) throws IOException {
		ContentDispositionField disposition = part.disposition().orElse(null);
		if (disposition == null) {
			out.raw("NIL");
			return;
		}
		out.raw("(").nstring(disposition.getDispositionType().toUpperCase(Locale.ROOT)).raw(" ");
		parameters(out, disposition.getParameters());
		out.raw(")");
	}
}
