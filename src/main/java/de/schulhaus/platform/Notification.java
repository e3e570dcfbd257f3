package de.schulhaus.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a module tells a person ({@link Notifications#notify}): shown under the bell in the top bar.
 * <p>
 * The title is a <em>message key</em> of the module's bundle with its arguments, not finished text:
 * it is resolved when the person reads it, in their language, because the members of one group read
 * different languages and a person may switch later. The arguments are shown as given: names, titles,
 * numbers and dates formatted by the module. The key's text is a {@link java.text.MessageFormat}
 * pattern ({@code {0}}, a single quote written twice).
 *
 * @param kind what happened, as {@code <module>.<event>} ({@code chat.message}, {@code files.shared})
 * @param titleKey message key of the title, e.g. {@code chat.notification.message}
 * @param titleArgs the title's arguments {@code {0}, {1}, …}: at most 5, each cut to 200 characters
 * @param link a local path that opens what it is about, e.g. {@code /chat/raeume/…}; never another site
 * @param at when it happened
 */
public record Notification(String kind, String titleKey, List<String> titleArgs, String link, Instant at) {

	public static final int MAX_ARGS = 5;
	public static final int MAX_ARG_LENGTH = 200;
	private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");
	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

	public Notification {
		require(kind != null && kind.length() <= 60 && KIND.matcher(kind).matches(), "kind must be <module>.<event>: " + kind);
		require(titleKey != null && titleKey.length() <= 200 && KEY.matcher(titleKey).matches(), "not a message key: " + titleKey);
		require(titleArgs != null && titleArgs.size() <= MAX_ARGS, "at most " + MAX_ARGS + " title arguments");
		titleArgs = titleArgs.stream().map(Notification::plain).toList();
		require(isLocalPath(link), "link must be a local path: " + link);
		Objects.requireNonNull(at, "at");
	}

	/** Happened now. */
	public static Notification of(String kind, String titleKey, String link, String... titleArgs) {
		return new Notification(kind, titleKey, Arrays.asList(titleArgs), link, Instant.now());
	}

	/** A path on this site ({@code /…}), never {@code //host}, a scheme or a backslash a browser would read as one. */
	public static boolean isLocalPath(String link) {
		if (link == null || link.length() > 1000 || !link.startsWith("/") || link.startsWith("//") || link.contains("\\")) {
			return false;
		}
		try {
			URI uri = new URI(link);
			return uri.getScheme() == null && uri.getRawAuthority() == null;
		}
		catch (URISyntaxException e) {
			return false;
		}
	}

	// arguments are shown as text; control characters (and the storage's separator among them) become spaces
	private static String plain(String arg) {
		String text = arg == null ? "" : arg.replaceAll("\\p{Cntrl}", " ");
		return text.length() <= MAX_ARG_LENGTH ? text : text.substring(0, MAX_ARG_LENGTH - 1) + "…";
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}
}
