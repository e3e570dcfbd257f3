package de.schulhaus.contacts.carddav;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.mangstadt.vinnie.VObjectProperty;
import com.github.mangstadt.vinnie.io.Context;
import com.github.mangstadt.vinnie.io.SyntaxRules;
import com.github.mangstadt.vinnie.io.VObjectDataAdapter;
import com.github.mangstadt.vinnie.io.VObjectPropertyValues;
import com.github.mangstadt.vinnie.io.VObjectReader;

import de.schulhaus.dav.DavElement;

/**
 * The {@code filter} of an addressbook-query (RFC 6352 10.5): property filters combined by
 * {@code anyof} or {@code allof}, each testing that a property is there, is not, or has a value that
 * equals, contains, starts or ends with a text, in the collations CardDAV names. The vCard is read
 * with vinnie (ez-vcard's reader), so that folded lines, groups ({@code item1.EMAIL}) and escapes are
 * understood as any property's.
 */
record CardFilter(boolean all, List<PropFilter> filters) {

	private static final CardFilter EVERYTHING = new CardFilter(false, List.of());

	record PropFilter(String name, boolean all, boolean undefined, List<TextMatch> matches) {

		boolean test(Map<String, List<String>> card) {
			List<String> values = card.getOrDefault(name, List.of());
			if (undefined) {
				return values.isEmpty();
			}
			if (matches.isEmpty()) {
				return !values.isEmpty();
			}
			return all ? matches.stream().allMatch(m -> m.test(values)) : matches.stream().anyMatch(m -> m.test(values));
		}
	}

	record TextMatch(String text, String collation, String type, boolean negate) {

		boolean test(List<String> values) {
			if (values.isEmpty()) {
				return false;
			}
			String wanted = fold(text, collation);
			boolean found = values.stream().map(v -> fold(v, collation)).anyMatch(v -> switch (type) {
				case "equals" -> v.equals(wanted);
				case "starts-with" -> v.startsWith(wanted);
				case "ends-with" -> v.endsWith(wanted);
				default -> v.contains(wanted);
			});
			return found != negate;
		}
	}

	static CardFilter of(DavElement filter) {
		if (filter == null || filter.children().isEmpty()) {
			return EVERYTHING;
		}
		List<PropFilter> filters = new ArrayList<>();
		for (DavElement child : filter.children()) {
			if (!child.is(CardDav.CARDDAV, "prop-filter")) {
				throw CardDav.refused(403, "This server filters by prop-filter, not by " + child.name().getLocalPart() + ".", "supported-filter");
			}
			filters.add(propFilter(child));
		}
		return new CardFilter(allof(filter), filters);
	}

	private static boolean allof(DavElement element) {
		String test = element.attribute("test").orElse("anyof");
		if (!test.equals("anyof") && !test.equals("allof")) {
			throw CardDav.refused(403, "test is anyof or allof, not " + test + ".", "valid-filter");
		}
		return test.equals("allof");
	}

	private static PropFilter propFilter(DavElement element) {
		String name = element.attribute("name").orElse("").strip().toUpperCase(Locale.ROOT);
		if (name.isEmpty()) {
			throw CardDav.refused(403, "A prop-filter names its property.", "valid-filter");
		}
		boolean undefined = false;
		List<TextMatch> matches = new ArrayList<>();
		for (DavElement test : element.children()) {
			if (test.is(CardDav.CARDDAV, "is-not-defined")) {
				undefined = true;
			}
			else if (test.is(CardDav.CARDDAV, "text-match")) {
				matches.add(textMatch(test));
			}
			else {
				throw CardDav.refused(403, "This server does not filter a property by " + test.name().getLocalPart() + ".", "supported-filter");
			}
		}
		if (undefined && !matches.isEmpty()) {
			throw CardDav.refused(403, "is-not-defined stands alone in a prop-filter.", "valid-filter");
		}
		return new PropFilter(name, allof(element), undefined, matches);
	}

	private static TextMatch textMatch(DavElement element) {
		String collation = element.attribute("collation").orElse("i;unicode-casemap");
		if (!List.of("i;unicode-casemap", "i;ascii-casemap", "i;octet").contains(collation)) {
			throw CardDav.refused(403, "Texts are compared by i;unicode-casemap, i;ascii-casemap or i;octet.", "supported-collation");
		}
		String type = element.attribute("match-type").orElse("contains");
		if (!List.of("equals", "contains", "starts-with", "ends-with").contains(type)) {
			throw CardDav.refused(403, "match-type is equals, contains, starts-with or ends-with.", "supported-filter");
		}
		return new TextMatch(element.text(), collation, type, element.attribute("negate-condition").orElse("no").equalsIgnoreCase("yes"));
	}

	/** {@code limit/nresults} when given: the most cards to answer. */
	static int limit(DavElement body) {
		return body.child(CardDav.CARDDAV, "limit").flatMap(l -> l.child(CardDav.CARDDAV, "nresults")).map(n -> {
			try {
				return Math.max(0, Integer.parseInt(n.text()));
			}
			catch (NumberFormatException ex) {
				throw CardDav.refused(403, "nresults is a number.", "valid-filter");
			}
		}).orElse(Integer.MAX_VALUE);
	}

	boolean matches(String vcard) {
		if (filters.isEmpty()) {
			return true;
		}
		Map<String, List<String>> card = properties(vcard);
		return all ? filters.stream().allMatch(f -> f.test(card)) : filters.stream().anyMatch(f -> f.test(card));
	}

	/** The card's property values by upper-case name, unescaped. */
	static Map<String, List<String>> properties(String vcard) {
		Map<String, List<String>> found = new HashMap<>();
		try (VObjectReader reader = new VObjectReader(new StringReader(vcard), SyntaxRules.vcard())) {
			reader.parse(new VObjectDataAdapter() {
				@Override
				public void onProperty(VObjectProperty property, Context context) {
					found.computeIfAbsent(property.getName().toUpperCase(Locale.ROOT), k -> new ArrayList<>())
						.add(VObjectPropertyValues.unescape(property.getValue()));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

	static String fold(String text, String collation) {
		return switch (collation) {
			case "i;octet" -> text;
			case "i;ascii-casemap" -> {
				StringBuilder folded = new StringBuilder(text.length());
				text.chars().forEach(c -> folded.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
				yield folded.toString();
			}
			// RFC 5051: case folded (ß as ss) and canonically decomposed
			default -> Normalizer.normalize(text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
		};
	}
}
